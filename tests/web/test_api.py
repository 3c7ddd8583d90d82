"""The JSON API on a real SQLite base (samples and articles ingested, plus two hand-written extractions)."""

from __future__ import annotations


def test_stats_counts_every_input(web_client):
    stats = web_client.get("/api/stats").json()
    assert set(stats) >= {"articles", "entities", "facts", "failed", "duplicates"}
    # 6 samples + 2 ingested texts + 2 stored extractions: each is an article or a recorded failure
    assert stats["articles"] + stats["failed"] >= 10
    assert stats["articles"] >= 2 and stats["facts"] >= 11


def test_search_finds_entities_by_alias_and_filters_by_type(web_client, ids):
    found = web_client.get("/api/entities", params={"search": "amina"}).json()
    assert [r["id"] for r in found] == [ids["yusuf"]]
    assert found[0]["name"] == "Amina Yusuf" and found[0]["type"] == "PERSON" and "Yusuf" in found[0]["aliases"]
    assert ids["yusuf"] in [r["id"] for r in web_client.get("/api/entities", params={"search": "Yusuf"}).json()]
    people = web_client.get("/api/entities", params={"search": "intelligence", "type": "PERSON"}).json()
    orgs = web_client.get("/api/entities", params={"search": "intelligence", "type": "org"}).json()
    assert all(r["type"] == "PERSON" for r in people)
    assert ids["nia"] in [r["id"] for r in orgs] and all(r["type"] == "ORG" for r in orgs)


def test_search_treats_wildcards_and_sql_as_text(web_client):
    everything = web_client.get("/api/entities", params={"limit": 500}).json()
    assert len(everything) > 10
    for probe in ("%", "_", "' OR 1=1 --", "\"; DROP TABLE entities; --", "a%b"):
        response = web_client.get("/api/entities", params={"search": probe})
        assert response.status_code == 200, probe
        assert response.json() == [], probe
    assert len(web_client.get("/api/entities", params={"limit": 500}).json()) == len(everything)


def test_entity_is_the_show_shape(web_client, ids):
    body = web_client.get(f"/api/entities/{ids['yusuf']}").json()
    assert set(body) >= {"entity", "positions", "events", "quotes", "relations"}
    assert body["entity"]["name"] == "Amina Yusuf" and "Yusuf" in body["entity"]["aliases"]
    [post] = body["positions"]
    assert (post["title"], post["org"]["id"], post["start"]) == ("director general", ids["nia"], "2021-03-03")
    assert post["sources"][0]["published"] == "2021-03-03"
    [quote] = body["quotes"]
    assert quote["text"].startswith("Our services will share") and quote["speaker"]["id"] == ids["yusuf"]
    [meeting] = body["events"]
    assert meeting["event_type"] == "meeting"
    assert {p["id"] for p in meeting["participants"]} == {ids["yusuf"], ids["boateng"]}
    kinds = {f["kind"] for f in body["personnel"]}
    assert {"appointment", "succession"} <= kinds


def test_profile_page_data_adds_chart_rows_quote_sentences_and_sources_by_kind(web_client, ids):
    body = web_client.get(f"/entities/{ids['yusuf']}.json").json()
    [row] = body["tenure"]
    assert (row["label"], row["sub"], row["start"]) == ("director general", "National Intelligence Agency",
                                                        "2021-03-03")
    assert row["open"] is (row["end"] is None)
    [quote] = body["quotes"]
    assert "Yusuf said after the meeting" in quote["sentence"]
    [group] = body["sources_by_kind"]
    assert group["kind"] == "unknown" and group["outlets"] == ["premium-times"]
    assert group["articles"][0]["article"] == ids["nigeria_article"] and group["articles"][0]["facts"] >= 5


def test_sources_are_grouped_by_the_kind_of_outlet(web_db, tmp_path, monkeypatch, ids):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    outlets = tmp_path / "outlets.yaml"
    outlets.write_text("premium-times: {kind: independent, country: NG}\n", encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_OUTLETS", str(outlets))
    app = create_app(web_db)
    with TestClient(app) as client:
        body = client.get(f"/entities/{ids['yusuf']}.json").json()
        page = client.get(f"/entities/{ids['yusuf']}").text
    app.state.web.close()
    assert [g["kind"] for g in body["sources_by_kind"]] == ["independent"]
    assert "independent" in page


def test_organisation_profile_lists_its_post_holders_and_relations(web_client, ids):
    body = web_client.get(f"/entities/{ids['nia']}.json").json()
    staff = {row["label"]: row for row in body["staff"]}
    assert staff["Ahmed Rufai"]["start"] == "2018-01-01" and staff["Ahmed Rufai"]["end"] == "2021-03-03"
    assert staff["Amina Yusuf"]["open"] is True
    assert {(r["relation"], r["other"]["id"]) for r in body["relations"]} == {("cooperates_with", ids["dss"]),
                                                                             ("rival_of", ids["dss"])}


def test_holders_of_a_post_over_time_and_on_a_day(web_client, ids):
    body = web_client.get("/api/holders", params={"title": "Director General"}).json()
    assert [h["person"]["id"] for h in body][:2] == [ids["rufai"], ids["yusuf"]]  # in order of their start
    on_2019 = web_client.get("/api/holders", params={"title": "director general", "on": "2019-06-01"}).json()
    assert [h["person"]["id"] for h in on_2019] == [ids["rufai"]]
    on_2022 = web_client.get("/api/holders", params={"title": "director general", "on": "2022"}).json()
    assert [h["person"]["id"] for h in on_2022] == [ids["yusuf"]]
    unknown = web_client.get("/api/holders", params={"title": "grand vizier"})
    assert unknown.status_code == 400 and "does not name a post" in unknown.json()["error"]
    assert "does not name a post" in web_client.get("/posts", params={"title": "grand vizier"}).text
    assert web_client.get("/posts.json", params={"title": "grand vizier"}).status_code == 400


def test_article_has_text_metadata_and_spans_that_index_into_it(web_client, ids):
    body = web_client.get(f"/api/articles/{ids['nigeria_article']}").json()
    text = body["text"]
    assert body["source"] == "premium-times" and body["published"] == "2021-03-03"
    assert body["mentions"] and all(text[m["start"]:m["end"]] == m["text"] for m in body["mentions"])
    assert {m["entity"]["id"] for m in body["mentions"]} >= {ids["yusuf"], ids["nia"], ids["dss"]}
    assert len(body["facts"]) == 8
    for fact in body["facts"]:
        ev = fact["evidence"][0]
        assert text[ev["start"]:ev["end"]].strip() == fact["source"]["evidence"].strip()


def test_ingested_article_round_trips_through_the_api(web_client, ids):
    body = web_client.get(f"/api/articles/{ids['payload_text_article']}").json()
    assert "<script>alert('xss-text-1')</script>" in body["text"]
    assert body["source"] == "test-wire"


def _pair(edge) -> set[int]:
    return {edge["source"], edge["target"]}


def test_network_grows_with_depth_and_filters_by_kind_and_time(web_client, ids):
    one = web_client.get("/api/network", params={"entity": ids["yusuf"], "depth": 1}).json()
    nodes = {n["id"]: n for n in one["nodes"]}
    assert one["center"] == ids["yusuf"] and nodes[ids["yusuf"]]["depth"] == 0
    assert {ids["nia"], ids["boateng"], ids["rufai"]} <= set(nodes) and ids["dss"] not in nodes
    assert nodes[ids["boateng"]]["depth"] == 1
    two = web_client.get("/api/network", params={"entity": ids["yusuf"], "depth": 2}).json()
    assert {n["id"]: n["depth"] for n in two["nodes"]}[ids["dss"]] == 2
    edge = next(e for e in one["edges"] if _pair(e) == {ids["yusuf"], ids["boateng"]})
    assert edge["kind"] == "event" and edge["evidence"][0]["article"] == ids["nigeria_article"]
    assert "Kofi Boateng" in edge["evidence"][0]["evidence"]
    rivals = web_client.get("/api/network", params={"entity": ids["nia"], "relation": "rival_of"}).json()
    assert [(e["relation"], _pair(e)) for e in rivals["edges"]] == [("rival_of", {ids["nia"], ids["dss"]})]
    later = web_client.get("/api/network", params={"entity": ids["yusuf"], "since": "2021-04-01"}).json()
    assert [e["kind"] for e in later["edges"]] == ["event"]
    before = web_client.get("/api/network", params={"entity": ids["yusuf"], "until": "2020"}).json()
    assert before["edges"] == []


def test_network_without_entity_centres_on_the_most_connected(web_client):
    body = web_client.get("/api/network").json()
    assert body["center"] is not None and body["nodes"][0]["id"] == body["center"]


def test_path_between_two_actors(web_client, ids):
    body = web_client.get("/api/path", params={"a": ids["boateng"], "b": ids["dss"]}).json()
    assert body["found"] is True and len(body["steps"]) == 3


def test_json_twin_of_a_page_is_its_data(web_client, ids):
    page = web_client.get(f"/entities/{ids['yusuf']}")
    assert f'</entities/{ids["yusuf"]}.json>; rel="alternate"' in page.headers["link"]
    twin = web_client.get(f"/entities/{ids['yusuf']}.json").json()
    assert twin["entity"] == web_client.get(f"/api/entities/{ids['yusuf']}").json()["entity"]
    assert web_client.get(f"/articles/{ids['nigeria_article']}.json").json()["id"] == ids["nigeria_article"]
    assert web_client.get("/posts.json", params={"title": "director general"}).json()["holders"]
    assert web_client.get("/search.json", params={"q": "yusuf"}).json()["results"][0]["name"] == "Amina Yusuf"


def test_errors_have_one_json_shape(web_client):
    missing = web_client.get("/api/entities/987654")
    assert missing.status_code == 404
    assert missing.json() == {"ok": False, "error": "no such entity", "errors": ["no such entity"], "status": 404}
    assert web_client.get("/api/articles/0000000000000000").json()["status"] == 404
    bad = web_client.get("/api/network", params={"since": "last tuesday"})
    assert bad.status_code == 400 and bad.json()["ok"] is False and "since" in bad.json()["error"]
    assert web_client.get("/api/entities/99999999999999999999999").status_code == 400
    assert web_client.get("/entities/424242.json").json()["status"] == 404


def test_openapi_lists_the_fixed_paths(web_client):
    paths = web_client.get("/openapi.json").json()["paths"]
    for path in ("/api/stats", "/api/entities", "/api/entities/{entity_id}", "/api/holders",
                 "/api/articles/{article_id}", "/api/network"):
        assert path in paths
    docs = web_client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_responses_are_cached_until_the_base_changes(web_client, ids):
    url = f"/api/network?entity={ids['nia']}&depth=2"
    first = web_client.get(url)
    again = web_client.get(url)
    assert again.headers["x-cache"] == "hit" and again.content == first.content
    assert again.headers["content-type"] == "application/json"
    assert "content-security-policy" in again.headers and "server-timing" in again.headers
    fresh = web_client.get(url, headers={"Cache-Control": "no-cache"})
    assert "x-cache" not in fresh.headers and fresh.json() == first.json()
