"""Opening, migrating, locking and concurrent writers, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from store_helpers import build_contract

from newsgraph.errors import NotFound, SchemaMismatch, StoreError
from newsgraph.store import Store, migrate
from newsgraph.store.db import normalize_url, redact
from newsgraph.store.schema import metadata

COUNTRIES = ["Chile", "Ghana", "Vietnam", "Norway", "Peru", "Kenya", "Nepal", "Jordan", "Fiji", "Oman",
             "Laos", "Mali", "Chad", "Cuba", "Iraq", "Togo", "Benin", "Malta"]


def un_contract(i: int) -> dict:
    country = COUNTRIES[i]
    envoy = f"Envoy{chr(65 + i)} Mbeki{chr(97 + i)}"
    text = (f"The United Nations appointed {envoy} as its special envoy to {country} on day {i}. "
            f"{envoy} will report to the Security Council every {i + 2} weeks, a spokesperson said.")
    return build_contract(text, [("United Nations", "ORG", []), (envoy, "PERSON", []), (country, "GPE", [])])


def test_migrations_create_exactly_the_schema(store_url):
    with Store.open(store_url) as store, store.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_opening_twice_is_harmless(store_url):
    with Store.open(store_url) as store:
        store.add(un_contract(0))
    with Store.open(store_url) as store:
        assert store.stats()["articles"] == 1


def test_a_corrupt_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "kb.db"
    bad.write_bytes(b"this is not SQLite at all\x00" * 200)
    with pytest.raises(StoreError, match="not a newsgraph database, or the file is corrupt"):
        Store.open(f"sqlite:///{bad}")


def test_another_applications_sqlite_file_is_left_alone(tmp_path):
    import sqlite3

    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    with pytest.raises(SchemaMismatch, match="not a newsgraph database.*invoices"):
        Store.open(path)
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["invoices"]


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "no" / "such" / "kb.db")


def test_a_locked_database_is_a_clear_error(store_url):
    with (Store.open(store_url) as holder, Store.open(store_url, timeout=0.3) as waiter, holder.write(),
          pytest.raises(StoreError, match="database is locked by another process")):
        waiter.add(un_contract(1))
    with Store.open(store_url) as store:
        assert store.stats()["articles"] == 0


def test_read_only_refuses_writes_and_missing_bases(tmp_path):
    with pytest.raises(NotFound):
        Store.open(tmp_path / "absent.db", readonly=True)
    path = tmp_path / "kb.db"
    Store.open(path).close()
    with Store.open(path, readonly=True) as ro:
        assert ro.stats()["articles"] == 0
        with pytest.raises(StoreError, match="read-only"):
            ro.add(un_contract(2))


def test_urls_and_paths():
    assert normalize_url("kb.db").get_backend_name() == "sqlite"
    assert normalize_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert "s3cret" not in redact("postgresql://user:s3cret@db.example/kb")


def test_a_refused_connection_names_the_server_but_not_the_password():
    with pytest.raises(StoreError) as err:
        Store.open("postgresql://newsgraph:s3cret@127.0.0.1:1/kb")
    assert "s3cret" not in str(err.value) and "127.0.0.1" in str(err.value)


_WRITER = textwrap.dedent("""
    import json, sys
    from newsgraph.store import Store
    url, path = sys.argv[1], sys.argv[2]
    with Store.open(url) as store:
        for contract in json.load(open(path)):
            store.add(contract)
""")


def test_two_writers_at_once_lose_nothing_and_duplicate_nothing(store_url, tmp_path):
    """Two processes store overlapping batches (one in reverse order) into one base at the same time."""
    Store.open(store_url).close()
    first = [un_contract(i) for i in range(0, 12)]
    second = [un_contract(i) for i in reversed(range(6, 18))]
    (tmp_path / "a.json").write_text(json.dumps(first))
    (tmp_path / "b.json").write_text(json.dumps(second))
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, store_url, str(tmp_path / name)],
                              stderr=subprocess.PIPE, text=True) for name in ("a.json", "b.json")]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    with Store.open(store_url) as store:
        assert store.stats() == {"articles": 18, "entities": 1 + 18 + 18, "facts": 0, "failed": 0,
                                 "duplicates": 0}
        un = [e for e in store.entities("ORG") if e["name"] == "United Nations"]
        assert len(un) == 1 and un[0]["articles"] == 18


def test_upgrading_reads_post_keys_again(tmp_path):
    """A base written before legislators' titles named posts (0006) gets their keys on upgrade (0007)."""
    import sqlalchemy as sa

    from newsgraph.store.schema import facts, sighting_state

    url = f"sqlite:///{tmp_path / 'kb.db'}"
    text = "Senator Ana Duarte of Goias and Prosecutor-General Rui Lopes met in Brasilia on Monday."
    contract = build_contract(text, [("Ana Duarte", "PERSON", []), ("Rui Lopes", "PERSON", [])], [
        {"kind": "position", "person": "Ana Duarte", "title": "Senator", "status": "current",
         "evidence": "Senator Ana Duarte"},
        {"kind": "position", "person": "Rui Lopes", "title": "Prosecutor-General", "status": "current",
         "evidence": "Prosecutor-General Rui Lopes"},
    ])
    with Store.open(url) as store:
        store.add(contract)
        with store.engine.begin() as conn:  # as 0006's newsgraph stored them
            conn.execute(facts.update().where(facts.c.title == "Senator").values(role=None, post_key=None))
            conn.execute(facts.update().where(facts.c.title == "Prosecutor-General")
                         .values(role="general", post_key="general|"))
            command.downgrade(migrate.alembic_config(conn), "0006")  # the later revisions' tables and indexes
    with Store.open(url) as store, store.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        keys = dict(conn.execute(sa.select(facts.c.title, facts.c.post_key)).all())
        assert keys == {"Senator": "senator|", "Prosecutor-General": "prosecutor-general|"}
        assert conn.execute(sa.select(sa.func.count()).select_from(sighting_state)).scalar() == 0
