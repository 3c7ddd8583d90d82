"""Web fixtures: one real SQLite base per session (see ``web_helpers``), the app over it, a live
server and Chromium."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from web_helpers import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    TOKEN,
    XSS_NAME,
    XSS_TITLE,
    build_base,
    copy_base,
    free_port,
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("web")
    return build_base(root / "kb.db", root / "articles")


@pytest.fixture(scope="session")
def web_app(web_db):
    from newsgraph.web import create_app

    app = create_app(web_db, write_token=TOKEN)
    yield app
    app.state.web.close()


@pytest.fixture()
def web_client(web_app) -> Iterator:
    """An httpx client calling the app in-process (ASGI), as a same-origin browser would."""
    from fastapi.testclient import TestClient

    with TestClient(web_app, base_url="http://testserver", raise_server_exceptions=False) as client:
        yield client


@pytest.fixture()
def scratch_client(web_db, tmp_path) -> Iterator:
    """A client (with the write token configured) over a copy of the base that the test may change."""
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    app = create_app(copy_base(web_db, tmp_path), write_token=TOKEN)
    with TestClient(app, base_url="http://testserver") as client:
        yield client
    app.state.web.close()


@pytest.fixture(scope="session")
def ids(web_db) -> dict:
    """Ids of the hand-written entities and articles, looked up by name."""
    import sqlalchemy as sa

    from newsgraph.store import Store
    from newsgraph.store.schema import articles, entities

    with Store.open(web_db, readonly=True) as store, store.read() as conn:
        by_name = dict(conn.execute(sa.select(entities.c.name, entities.c.id)).all())
        arts = dict(conn.execute(sa.select(articles.c.title, articles.c.id)).all())
        lisbon = conn.execute(sa.select(articles.c.id).where(articles.c.text.contains("Lisbon"))).scalar()
    return {"yusuf": by_name["Amina Yusuf"], "rufai": by_name["Ahmed Rufai"], "nia": by_name[
        "National Intelligence Agency"], "dss": by_name["Department of State Services"], "boateng": by_name[
        "Kofi Boateng"], "xss_person": by_name[XSS_NAME], "nigeria_article": arts[
        "Tinubu names Amina Yusuf to head the National Intelligence Agency"], "xss_article": arts[XSS_TITLE],
        "payload_text_article": lisbon,
        "articles": arts}


def _serve(app) -> Iterator[str]:
    """APP served by uvicorn on 127.0.0.1 in a background thread; yields its base URL, stops it after."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(web_app) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a background thread; yields its base URL."""
    yield from _serve(web_app)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped only when /usr/bin/chromium is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, live_server):
    """A fresh page that records dialogs, console errors and page errors (checked by the XSS tests)."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.events = {"dialogs": [], "console_errors": [], "page_errors": []}
    pg.on("dialog", lambda d: (pg.events["dialogs"].append(d.message), d.dismiss()))
    pg.on("console", lambda m: m.type == "error" and pg.events["console_errors"].append(m.text))
    pg.on("pageerror", lambda e: pg.events["page_errors"].append(str(e)))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield pg
    context.close()


@pytest.fixture()
def scratch_server(web_db, tmp_path) -> Iterator[str]:
    """A live server (write token set) over a copy of the base that the test may change."""
    from newsgraph.web import create_app

    app = create_app(copy_base(web_db, tmp_path), write_token=TOKEN)
    yield from _serve(app)
    app.state.web.close()
