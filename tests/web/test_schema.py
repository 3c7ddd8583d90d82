"""schemathesis against the OpenAPI spec: no generated request makes the server fail (5xx).

Kept bounded (a few examples per operation) so the suite stays fast. Each operation's hypothesis
strategy is driven directly (schemathesis's pytest plugin does not support this pytest). Writes run
against a copy of the base, without a token (refused) and with one (validated, then curated or 501).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from web_helpers import TOKEN, copy_base

EXAMPLES = 8


def _operations(app, method: str) -> list:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    ops = [result.ok() for result in schema.get_all_operations()]
    return [op for op in ops if op.method.upper() == method]


def _fuzz(op, headers: dict[str, str] | None = None, allowed: tuple[int, ...] = ()) -> int:
    """Run EXAMPLES generated requests against OP; returns how many ran."""
    seen = []

    @given(case=op.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def check(case) -> None:
        response = case.call(headers=headers)
        seen.append(response.status_code)
        assert response.status_code < 500 or response.status_code in allowed, (
            op.method, case.formatted_path, case.query, response.text[:300])
        if response.status_code >= 400 and response.status_code not in allowed:
            body = response.json()
            assert body["ok"] is False and body["status"] == response.status_code

    check()
    return len(seen)


def test_no_generated_read_fails_the_server(web_app):
    ops = _operations(web_app, "GET")
    assert {op.path for op in ops} >= {"/api/stats", "/api/entities", "/api/entities/{entity_id}", "/api/holders",
                                       "/api/articles/{article_id}", "/api/network"}
    for op in ops:
        assert _fuzz(op) > 0, op.path


@pytest.fixture(scope="module")
def scratch_app(web_db, tmp_path_factory):
    """The app over a copy of the session's base, so that generated writes cannot disturb other tests."""
    from newsgraph.web import create_app

    app = create_app(copy_base(web_db, tmp_path_factory.mktemp("scratch")), write_token=TOKEN)
    yield app
    app.state.web.close()


def test_no_generated_write_fails_the_server(scratch_app):
    ops = _operations(scratch_app, "POST")
    assert {op.path.rsplit("/", 1)[-1] for op in ops} == {"merge", "split", "rename", "reject", "confirm"}
    for op in ops:
        _fuzz(op)  # no token: refused with 401, never a crash
        _fuzz(op, headers={"Authorization": f"Bearer {TOKEN}"}, allowed=(501,))
