"""Connecting to the knowledge base: URLs, engines, the write lock, and database errors.

The default store is a SQLite file in WAL mode (readers never block the writer). Every
write transaction takes the database's single write lock at its start (SQLite ``BEGIN
IMMEDIATE``; a transaction-scoped advisory lock on PostgreSQL), so two ingests into one
database serialise their per-article writes and can check "is this article already here?"
without racing. Extraction, the slow part, runs outside any transaction.

SQLAlchemy and driver errors are translated here into ``StoreError`` with a message a
person can act on ("database is locked", "not a SQLite database").
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url

from ..errors import NotFound, StoreError

#: Seconds a writer waits for another writer's lock before giving up.
DEFAULT_LOCK_TIMEOUT = 60.0
#: Key of the PostgreSQL advisory lock that serialises newsgraph writers (any constant works).
PG_WRITE_LOCK = 0x6E657773  # "news"

_WRITER = "newsgraph_writer"
#: How much of a SQLite file each connection maps into memory (``PRAGMA mmap_size``): address space, not memory.
MMAP_BYTES = 1 << 30
_SCHEMES = re.compile(r"^[a-z][a-z0-9+]*://", re.I)


def normalize_url(url_or_path: str | os.PathLike) -> URL:
    """A SQLAlchemy URL from a URL or a plain file path.

    ``postgresql://`` uses psycopg 3 (the driver newsgraph installs), and a bare path
    means a SQLite file.
    """
    text = os.fspath(url_or_path)
    if not _SCHEMES.match(text):
        return URL.create("sqlite", database=text)
    try:
        url = make_url(text)
    except sa.exc.ArgumentError as err:
        raise StoreError(f"not a database URL: {redact(text)}") from err
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def redact(url: str | URL) -> str:
    """URL without its password, for messages."""
    try:
        return make_url(str(url)).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", str(url))


def describe(url: URL) -> str:
    """How to name this database in a message: the file for SQLite, the URL otherwise."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def create_engine(url_or_path: str | os.PathLike | URL, *, readonly: bool = False,
                  timeout: float = DEFAULT_LOCK_TIMEOUT) -> Engine:
    """An engine for the knowledge base. Nothing is created or migrated here (see ``Store.open``).

    READONLY opens SQLite with ``mode=ro`` and PostgreSQL transactions as READ ONLY, so a
    query path cannot write even by mistake.
    """
    url = url_or_path if isinstance(url_or_path, URL) else normalize_url(url_or_path)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, readonly=readonly, timeout=timeout)
    if backend == "postgresql":
        return _pg_engine(url, readonly=readonly, timeout=timeout)
    raise StoreError(f"unsupported database {redact(url)}: use sqlite:///PATH or postgresql://...")


def _sqlite_engine(url: URL, *, readonly: bool, timeout: float) -> Engine:
    path = url.database
    memory = not path or path == ":memory:"
    if not memory:
        parent = Path(path).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(f"{path}: folder {parent} does not exist")
        if readonly:
            if not Path(path).exists():
                raise NotFound(f"{path}: no such database (run `newsgraph ingest` first)")
            url = url.set(database=f"file:{Path(path).resolve()}?mode=ro", query={"uri": "true"})
    # file databases reuse pooled connections (the PRAGMAs below run once per connection);
    # an in-memory database exists only on its one connection
    pool = {"poolclass": sa.pool.StaticPool} if memory else {"pool_size": 2, "max_overflow": 4}
    engine = sa.create_engine(url, connect_args={"timeout": timeout, "check_same_thread": False}, **pool)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        if readonly and not memory:
            # queries (the CLI's and the web app's read-only opens) read pages from the OS page cache without a copy
            # into SQLite's own: thousands of pages per query on a large base. Only address space is reserved, but
            # the pages read count in the process's RSS, so writers (ingest, whose memory must stay flat) do not map
            cur.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        if not readonly and not memory:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # reads take no lock; write transactions take SQLite's write lock up front, so that two
        # writers queue on busy_timeout instead of failing with a deadlock when one upgrades
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get(_WRITER) and not readonly else "BEGIN")

    return engine


def _pg_engine(url: URL, *, readonly: bool, timeout: float) -> Engine:
    try:
        import psycopg  # noqa: F401
    except ImportError as err:
        raise StoreError("PostgreSQL needs the psycopg driver: pip install 'newsgraph[postgres]'") from err
    options = f"-c lock_timeout={int(timeout * 1000)}"
    if readonly:
        options += " -c default_transaction_read_only=on -c statement_timeout=30000"
    return sa.create_engine(url, connect_args={"options": options, "connect_timeout": 10}, pool_pre_ping=True)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the database's write lock from its first statement; commits on success."""
    with engine.connect() as conn:
        conn.info[_WRITER] = True
        try:
            with conn.begin():
                take_write_lock(conn)
                yield conn
        finally:
            conn.info.pop(_WRITER, None)


def take_write_lock(conn: Connection) -> None:
    """Hold the database's write lock until CONN's transaction ends.

    SQLite already holds it (``BEGIN IMMEDIATE``); PostgreSQL takes an advisory lock.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})


@contextmanager
def store_errors(where: str) -> Iterator[None]:
    """Turn SQLAlchemy/driver errors into ``StoreError`` naming WHERE (the database)."""
    try:
        yield
    except StoreError:
        raise
    except sa.exc.DBAPIError as err:
        raise StoreError(explain(err, where)) from err
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"{where}: {err}") from err


def explain(err: sa.exc.DBAPIError, where: str) -> str:
    """One line that says what went wrong with the database and what to do."""
    msg = str(getattr(err, "orig", err) or err).strip().splitlines()[0] if str(getattr(err, "orig", err)) else ""
    low = msg.lower()
    if "database is locked" in low or "lock timeout" in low or "could not obtain lock" in low:
        return f"{where}: database is locked by another process (another ingest?); try again when it ends"
    if "file is not a database" in low or "malformed" in low or "not a database" in low:
        return f"{where}: not a newsgraph database, or the file is corrupt ({msg})"
    if "unable to open database" in low:
        return f"{where}: cannot open the database file ({msg})"
    if "readonly database" in low or "read-only" in low:
        return f"{where}: the database is read-only ({msg})"
    if "connection" in low and ("refused" in low or "failed" in low):
        return f"{where}: cannot connect ({msg})"
    if "does not exist" in low and "database" in low:
        return f"{where}: {msg}"
    return f"{where}: database error: {msg or type(err.orig).__name__}"
