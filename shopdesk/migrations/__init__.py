"""Alembic migrations, shipped inside the package and applied at start-up.

``HEAD`` names the newest revision so that a start-up on an up-to-date database does not
need to load Alembic at all; a test keeps it equal to the scripts' head.
"""

HEAD = "0019"
