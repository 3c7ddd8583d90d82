"""Safety of the web app without a browser: headers, escaping, write checks, error pages."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from web_helpers import TOKEN, XSS_NAME, XSS_TITLE


def _pages(ids) -> list[str]:
    return ["/", f"/search?q={'onerror'}", f"/entities/{ids['xss_person']}", f"/entities/{ids['yusuf']}",
            f"/articles/{ids['xss_article']}", f"/articles/{ids['payload_text_article']}",
            f"/network?entity={ids['xss_person']}", "/posts?title=head", "/entities/31337"]


def test_every_page_sends_the_security_headers(web_client, ids):
    for url in [*_pages(ids), "/api/stats", "/api/entities/31337", "/static/app.js"]:
        response = web_client.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
        assert "frame-ancestors 'none'" in csp, url
        assert response.headers["x-content-type-options"] == "nosniff", url
        assert response.headers["referrer-policy"] == "no-referrer", url


class _Tags(HTMLParser):
    """Every tag and attribute name a browser would see in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def test_pages_have_no_inline_script_or_event_handler(web_client, ids):
    for url in _pages(ids):
        parser = _Tags()
        parser.feed(web_client.get(url).text)
        assert parser.tags, url
        for tag, attrs in parser.tags:
            assert tag not in ("img", "iframe", "object", "embed", "b", "i"), (url, tag)
            assert not [a for a in attrs if a.startswith("on")], (url, tag, attrs)
            if tag == "script":
                assert attrs.get("src", "").startswith("/static/"), (url, attrs)
            if tag == "a":
                assert not (attrs.get("href") or "").lower().startswith("javascript:"), (url, attrs)


def test_untrusted_text_is_escaped_everywhere(web_client, ids):
    article = web_client.get(f"/articles/{ids['xss_article']}").text
    assert "&lt;script&gt;alert(&#39;xss-title&#39;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(&#39;xss-name&#39;)&gt;" in article
    assert "<b>outlet</b>" not in article and "&lt;b&gt;outlet&lt;/b&gt;" in article
    assert "<i>of</i>" not in article  # a post title with markup
    ingested = web_client.get(f"/articles/{ids['payload_text_article']}").text
    assert "&lt;script&gt;alert(&#39;xss-text-1&#39;)&lt;/script&gt;" in ingested
    profile = web_client.get(f"/entities/{ids['xss_person']}").text
    assert XSS_NAME not in profile and "&lt;img src=x" in profile
    assert XSS_TITLE not in profile


def test_mentions_link_to_entities_and_evidence_is_marked(web_client, ids):
    html = web_client.get(f"/articles/{ids['nigeria_article']}").text
    assert f'href="/entities/{ids["yusuf"]}"' in html and f'href="/entities/{ids["dss"]}"' in html
    assert html.count('<mark class="evidence"') >= 8


def test_writes_need_the_token_and_the_same_origin(scratch_client, ids):
    url = f"/api/entities/{ids['rufai']}/rename"
    body = {"name": "Ahmed Rufai"}
    assert scratch_client.post(url, json=body).status_code == 401
    assert scratch_client.post(url, json=body, headers={"Authorization": "Bearer wrong-token"}).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    forged = scratch_client.post(url, json=body, headers={**auth, "Sec-Fetch-Site": "cross-site"})
    assert forged.status_code == 403 and forged.json()["error"] == "cross-site write refused"
    other_origin = scratch_client.post(url, json=body, headers={**auth, "Origin": "https://evil.example"})
    assert other_origin.status_code == 403
    same = scratch_client.post(url, json=body, headers={**auth, "Origin": "http://testserver",
                                                    "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200, same.text
    assert len(scratch_client.get("/api/curation").json()) == 1  # only the allowed write happened
    assert scratch_client.get(url).status_code == 405


def test_writes_are_off_without_a_token(web_db):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    app = create_app(web_db)
    with TestClient(app) as client:
        response = client.post("/api/facts/1/reject", json={}, headers={"Authorization": "Bearer anything"})
        assert response.status_code == 403 and "writes are off" in response.json()["error"]
        assert "Curation token" not in client.get("/").text
    app.state.web.close()


@pytest.mark.parametrize("path", ["/api/entities/{id}", "/entities/{id}"])
def test_a_crash_never_shows_a_traceback(web_client, ids, monkeypatch, path):
    from newsgraph import query

    def boom(*_args, **_kwargs):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(query, "show", boom)
    response = web_client.get(path.format(id=ids["yusuf"]), headers={"Cache-Control": "no-cache"})
    assert response.status_code == 500
    assert "secret internal detail" not in response.text and "Traceback" not in response.text
    assert "content-security-policy" in response.headers


def test_page_errors_are_pages(web_client):
    response = web_client.get("/entities/31337")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "no such entity" in response.text
    assert web_client.get("/network", params={"since": "<script>"}).status_code == 400
    assert "<script>" not in web_client.get("/network", params={"since": "<script>"}).text
