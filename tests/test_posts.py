"""Which post a title names: legislators and the 'X General' posts (a prosecutor general is no general)."""

from __future__ import annotations

import pytest

from newsgraph import posts


@pytest.mark.parametrize(("title", "role", "qualifier"), [
    ("Senator", "senator", ""),
    ("senator for Minas Gerais", "senator", "gerais minas"),
    ("opposition lawmaker", "lawmaker", "opposition"),
    ("MP", "lawmaker", ""),
    ("Member of Parliament for Kibra", "lawmaker", "kibra"),
    ("congresswoman", "lawmaker", ""),
    ("city councillor", "councillor", "city"),
    ("Prosecutor-General", "prosecutor-general", ""),
    ("procurator general of Ukraine", "prosecutor-general", "ukraine"),
    ("Inspector General of Police", "inspector-general", "police"),
    ("Auditor-General", "auditor-general", ""),
    ("Major General", "general", "major"),
    ("Attorney General", "attorney-general", ""),
    ("Interior Minister", "minister", "interior"),
])
def test_a_title_names_its_post(title, role, qualifier):
    post = posts.parse_title(title)
    assert post is not None and (post.role, post.qualifier) == (role, qualifier)


def test_one_post_in_different_words():
    assert posts.post_key("member of parliament") == posts.post_key("MP") == posts.post_key("legislator")
    assert posts.post_key("prosecutor general") != posts.post_key("general")
    assert posts.post_key("senator") != posts.post_key("lawmaker")
