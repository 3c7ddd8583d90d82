"""``/docs``: Swagger UI from the package's own copy, under the app's strict policy, working offline."""

from __future__ import annotations

import re

import pytest
from web_helpers import ARTIFACTS

from newsgraph.web import security


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_docs_page_names_only_local_assets_and_no_inline_script(web_client):
    docs = web_client.get("/docs")
    assert docs.status_code == 200
    assets = _assets(docs.text)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in assets
    assert "/static/vendor/swagger-ui/swagger-ui.css" in assets and "/static/docs.js" in assets
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    assert "cdn" not in docs.text.lower() and "http://" not in docs.text and "https://" not in docs.text
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", docs.text) == []  # every script is a file
    assert docs.headers["content-security-policy"] == security.CSP
    assert 'data-openapi-url="/openapi.json"' in docs.text


def test_docs_assets_are_served_with_their_licence(web_client):
    for path, kind in (("/static/vendor/swagger-ui/swagger-ui-bundle.js", "javascript"),
                       ("/static/vendor/swagger-ui/swagger-ui.css", "text/css"),
                       ("/static/docs.js", "javascript")):
        response = web_client.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"], path
    assert "Apache License" in web_client.get("/static/vendor/swagger-ui/LICENSE").text
    assert "SwaggerUIBundle" in web_client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").text[:200_000]


def test_redoc_is_off(web_client):
    assert web_client.get("/redoc").status_code == 404


@pytest.mark.browser
def test_docs_render_the_operations_offline_without_csp_errors(page):
    """Every request leaving 127.0.0.1 is aborted: the page must render from this server alone."""
    outside: list[str] = []

    def block(route):
        outside.append(route.request.url)
        route.abort()

    page.context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), block)
    page.goto("/docs")
    page.wait_for_selector(".opblock-summary-path:has-text('/api/stats')")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/network" in paths and "/api/entities/{entity_id}/merge" in [p.replace("\u200b", "") for p in paths]
    page.locator(".opblock-summary-path:has-text('/api/stats')").click()
    page.wait_for_selector(".opblock-body .responses-wrapper")
    page.screenshot(path=str(ARTIFACTS / "docs.png"), full_page=True)
    assert outside == []
    assert page.events["page_errors"] == []
    assert page.events["console_errors"] == [], page.events["console_errors"]
