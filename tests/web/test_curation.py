"""Curation through the API: each write changes what the pages show and lands in the curation log."""

from __future__ import annotations

from web_helpers import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}", "Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}


def test_rename_shows_on_the_profile_and_in_the_log(scratch_client, ids):
    before = scratch_client.get(f"/entities/{ids['rufai']}")
    assert scratch_client.get(f"/entities/{ids['rufai']}").headers["x-cache"] == "hit"
    assert "Ahmed Rufai" in before.text
    response = scratch_client.post(f"/api/entities/{ids['rufai']}/rename", json={"name": "Ahmed Abubakar Rufai"},
                                   headers=AUTH)
    assert response.status_code == 200 and response.json()["ok"] is True
    assert scratch_client.get(f"/api/entities/{ids['rufai']}").json()["entity"]["name"] == "Ahmed Abubakar Rufai"
    assert "Ahmed Abubakar Rufai" in scratch_client.get(f"/entities/{ids['rufai']}").text  # not the cached page
    [entry] = scratch_client.get("/api/curation").json()
    assert entry["action"] == "rename" and entry["actor"] == "web"


def test_merge_redirects_the_old_profile_to_the_survivor(scratch_client, ids):
    response = scratch_client.post(f"/api/entities/{ids['boateng']}/merge", json={"into": ids["rufai"]},
                                   headers=AUTH)
    assert response.status_code == 200, response.text
    page = scratch_client.get(f"/entities/{ids['boateng']}", follow_redirects=False)
    assert page.status_code == 302 and page.headers["location"] == f"/entities/{ids['rufai']}"
    body = scratch_client.get(f"/api/entities/{ids['rufai']}").json()
    assert "Kofi Boateng" in body["entity"]["aliases"]
    assert [e["action"] for e in scratch_client.get("/api/curation").json()] == ["merge"]


def test_rejected_fact_leaves_the_profile(scratch_client, ids):
    quote = scratch_client.get(f"/api/entities/{ids['yusuf']}").json()["quotes"][0]
    response = scratch_client.post(f"/api/facts/{quote['fact']}/reject", json={"note": "misattributed"},
                                   headers=AUTH)
    assert response.status_code == 200
    assert scratch_client.get(f"/api/entities/{ids['yusuf']}").json()["quotes"] == []
    [entry] = scratch_client.get("/api/curation").json()
    assert entry["action"] == "reject" and entry["note"] == "misattributed"


def test_bad_curation_requests_are_client_errors(scratch_client, ids):
    assert scratch_client.post("/api/entities/987654/rename", json={"name": "X"}, headers=AUTH).status_code == 404
    assert scratch_client.post(f"/api/entities/{ids['yusuf']}/rename", json={"name": "   "},
                               headers=AUTH).status_code == 400
    assert scratch_client.post(f"/api/entities/{ids['yusuf']}/merge", json={"into": "x"},
                               headers=AUTH).status_code == 400
    assert scratch_client.get("/api/curation").json() == []
