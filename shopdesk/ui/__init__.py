"""The Qt user interface: the only package that imports PySide6.

Once PySide6.QtCore is loaded, PySide6 runs a hook of its own after every import (for its
``__feature__`` switches), and every later import pays for it: SQLAlchemy and the models
take about a fifth longer to import after PySide6 than before it. So the plain-Python
layers that the window needs at start are imported here, before any module of this
package imports Qt. (Only a matter of speed: leaving one out changes nothing else.)

Before any Qt call, ``None``, ``True`` and ``False`` are guarded against the binding's
reference counting (see shopdesk/ui/binding.py).
"""

from shopdesk.ui.binding import guard_singletons

guard_singletons()

import shopdesk.channels.sync  # noqa: E402, F401
import shopdesk.db  # noqa: E402, F401
import shopdesk.services.customers  # noqa: E402, F401
import shopdesk.services.inbox  # noqa: E402, F401
import shopdesk.services.search  # noqa: E402, F401
import shopdesk.services.surveys  # noqa: E402, F401
