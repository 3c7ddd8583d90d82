"""The ``newsgraph`` command line: thin wrappers over the library.

Each command lives in its own module and registers itself on ``app``. Errors
from the library become one line on stderr and exit code 2; tracebacks are
never shown (a PostgreSQL URL may hold a password).
"""

from __future__ import annotations

import sys
from importlib import import_module

from ._app import app, state

#: Command modules register themselves on ``app`` when imported; this order is the order of --help.
COMMAND_MODULES = ("extract", "ingest", "query", "curate", "serve", "export")
for _name in COMMAND_MODULES:
    import_module(f"{__name__}.{_name}")

__all__ = ["app", "main", "state"]


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
