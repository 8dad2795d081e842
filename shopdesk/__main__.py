import sys

from shopdesk.launch import main

sys.exit(main())
