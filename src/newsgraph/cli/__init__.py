"""The ``newsgraph`` command line: thin wrappers over the library.

Each command lives in its own module and registers itself on ``app``. Errors
from the library become one line on stderr and exit code 2; tracebacks are
never shown (a PostgreSQL URL may hold a password).
"""

from __future__ import annotations

import os
import sys

# command modules register themselves on import
from . import extract as _extract  # noqa: F401,E402
from ._app import app, state

__all__ = ["app", "main", "state"]


def _load_optional_commands() -> None:
    """Commands of later stages (store, query, web, export) register themselves when present."""
    import importlib

    for name in ("ingest", "query", "curate", "serve", "export"):
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise


_load_optional_commands()


def main() -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        app()
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
