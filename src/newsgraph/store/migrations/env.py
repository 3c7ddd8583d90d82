"""Alembic environment: always run from ``newsgraph.store.migrate`` with a connection.

The connection (already inside a transaction that holds the database's write lock) is
passed in ``config.attributes["connection"]``, so two processes opening a fresh database
at once cannot both create the tables.
"""

from __future__ import annotations

from alembic import context

from newsgraph.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable through the alembic CLI
    raise RuntimeError("run migrations through newsgraph.store.migrate, not the alembic command")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
context.run_migrations()
