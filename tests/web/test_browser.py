"""End to end in Debian's Chromium (Playwright): search, profile, tenure chart, network, article; XSS.

Screenshots go to test-artifacts/web/. Skipped only when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import re

import pytest
from web_helpers import ARTIFACTS, TOKEN, XSS_NAME

pytestmark = pytest.mark.browser


def _no_script_ran(page) -> None:
    """Nothing executed: no dialog opened, no script error, no CSP violation or failed load in the console."""
    assert page.events["dialogs"] == []
    assert page.events["page_errors"] == []
    assert page.events["console_errors"] == []


def _click_node(page, entity_id: int) -> None:
    box = page.locator("#graph").bounding_box()
    pos = page.evaluate(f"window.newsgraphGraph.getElementById('{entity_id}').renderedPosition()")
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def _click_edge(page, source: int, target: int) -> None:
    box = page.locator("#graph").bounding_box()
    pos = page.evaluate(
        f"(() => {{ const e = window.newsgraphGraph.edges().filter(e => "
        f"[e.source().id(), e.target().id()].sort().join() === ['{source}', '{target}'].sort().join())[0];"
        f" return e.renderedMidpoint(); }})()")
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def test_search_profile_network_article(page, ids):
    page.goto("/")
    page.fill("#search-input", "amina")
    page.wait_for_selector("#results[data-query='amina']")  # set when the instant results arrive
    assert page.locator("#results a").all_inner_texts() == ["PERSON Amina Yusuf"]
    assert page.url.endswith("/search?q=amina")  # and the address follows
    page.check("#type-filters input[value=ORG]")
    page.wait_for_selector("#results li.empty")
    page.check("#type-filters input[value=PERSON]")
    page.wait_for_selector("#results a:has-text('Amina Yusuf')")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)

    page.click("#results a:has-text('Amina Yusuf')")
    page.wait_for_url(re.compile(rf"/entities/{ids['yusuf']}$"))
    assert page.inner_text("h1") == "Amina Yusuf"
    bar = page.locator("#tenure svg.tenure rect.bar")
    assert bar.count() == 1 and bar.is_visible()
    assert "director general" in page.text_content("#tenure svg.tenure")
    assert "Yusuf said after the meeting" in page.inner_text("#quotes")
    page.screenshot(path=str(ARTIFACTS / "profile.png"), full_page=True)

    page.click("#network-link")
    page.wait_for_selector("#graph[data-ready='1']")
    assert int(page.get_attribute("#graph", "data-nodes")) >= 4
    page.screenshot(path=str(ARTIFACTS / "network.png"), full_page=True)

    _click_edge(page, ids["yusuf"], ids["boateng"])
    link = page.locator("#edge-panel a.evidence-link").first
    link.wait_for()
    assert "Kofi Boateng" in page.inner_text("#edge-panel")
    page.screenshot(path=str(ARTIFACTS / "network-edge.png"), full_page=True)

    _click_node(page, ids["boateng"])
    page.wait_for_url(re.compile(rf"/entities/{ids['boateng']}$"))
    assert page.inner_text("h1") == "Kofi Boateng"
    page.go_back()
    page.wait_for_selector("#graph[data-ready='1']")

    _click_edge(page, ids["yusuf"], ids["boateng"])
    page.locator("#edge-panel a.evidence-link").first.click()
    page.wait_for_url(re.compile(rf"/articles/{ids['nigeria_article']}#fact-\d+$"))
    assert page.locator("#article-text mark.evidence").count() >= 8
    assert page.locator(f"#article-text a.mention[href='/entities/{ids['dss']}']").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    _no_script_ran(page)


def test_network_filters_by_relation_and_time(page, ids):
    page.goto(f"/network?entity={ids['nia']}")
    page.wait_for_selector("#graph[data-ready='1']")
    everything = int(page.get_attribute("#graph", "data-edges"))
    page.select_option("#relation-filter", "rival_of")  # submits the form
    page.wait_for_url(re.compile(r"relation=rival_of"))
    page.wait_for_selector("#graph[data-ready='1']")
    assert int(page.get_attribute("#graph", "data-edges")) == 1 < everything
    page.goto(f"/network?entity={ids['yusuf']}&since=2021-04-01")
    page.wait_for_selector("#graph[data-ready='1']")
    assert page.get_attribute("#graph", "data-edges") == "1"
    _no_script_ran(page)


def test_post_view_shows_holders_over_time(page):
    page.goto("/posts")
    page.fill("input[name=title]", "director general")
    page.click("form.filters button")
    page.wait_for_selector("svg.tenure")
    assert page.locator("svg.tenure rect.bar").count() >= 2  # one per holder with a dated tenure
    assert "Ahmed Rufai" in page.inner_text("ul.holders") and "Amina Yusuf" in page.inner_text("ul.holders")
    page.screenshot(path=str(ARTIFACTS / "post.png"), full_page=True)
    _no_script_ran(page)


def test_payloads_in_articles_and_names_do_not_execute(page, ids):
    urls = [f"/articles/{ids['xss_article']}", f"/articles/{ids['payload_text_article']}",
            f"/entities/{ids['xss_person']}", f"/network?entity={ids['xss_person']}", "/posts?title=head",
            f"/articles/{ids['xss_article']}.json"]
    for n, url in enumerate(urls):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if "/network" in url:
            page.wait_for_selector("#graph[data-ready='1']")
        page.screenshot(path=str(ARTIFACTS / f"xss-{n}.png"), full_page=True)
    page.goto(f"/articles/{ids['payload_text_article']}")
    assert "<script>alert('xss-text-1')</script>" in page.inner_text("#article-text")
    page.goto(f"/entities/{ids['xss_person']}")
    assert page.inner_text("h1") == XSS_NAME
    # instant search renders names with the DOM, not as HTML
    page.goto("/")
    page.fill("#search-input", "onerror")
    page.wait_for_selector("#results[data-query='onerror']")
    assert XSS_NAME in page.inner_text("#results")
    assert page.locator("#results img").count() == 0
    assert page.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
    _no_script_ran(page)


def test_curation_from_the_profile_page(browser, scratch_server, ids):
    context = browser.new_context(base_url=scratch_server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"/entities/{ids['rufai']}")
    form = page.locator("form.curate-form[data-action=rename]")
    form.locator("input[name=name]").fill("Ahmed Bello Rufai")
    form.locator("button").click()
    page.wait_for_selector("#curate-status:has-text('enter the curation token first')")
    page.fill("#write-token", "not-the-token")
    form.locator("button").click()
    page.wait_for_selector("#curate-status:has-text('Bearer')")  # refused: 401
    page.fill("#write-token", TOKEN)
    form.locator("button").click()
    page.wait_for_selector("h1:text-is('Ahmed Bello Rufai')")  # the page reloads after the change
    page.locator("li.quote button.curate[data-action=reject], li.fact button.curate[data-action=reject]").first \
        .wait_for(state="attached")
    page.screenshot(path=str(ARTIFACTS / "curation.png"), full_page=True)
    log = page.evaluate("fetch('/api/curation').then(r => r.json())")
    assert [(e["action"], e["actor"]) for e in log] == [("rename", "web")]
    assert errors == []
    context.close()
