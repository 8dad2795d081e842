"""The bundle's entry point: the same as the ``shopdesk`` command."""

import sys

from shopdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
