"""The pipeline: a failing stage is skipped with a warning by default, and raises in strict mode."""

from __future__ import annotations

import pytest

from newsgraph.article import Article
from newsgraph.errors import ExtractionError
from newsgraph.extract import pipeline

TEXT = "Defence Minister Pedro Alves met Chilean officials in Santiago on Monday."


def _broken(ctx):
    ctx.add_fact("relation", (0, 5), relation="rival_of", subject=None, object=None)
    raise RuntimeError("rule broke")


def test_a_failing_stage_is_skipped_with_a_warning(nlp, monkeypatch):
    stages = [s for s in pipeline.STAGES if s[0] != "relations"] + [("relations", _broken)]
    stages.sort(key=lambda s: s[0] == "finalize")
    monkeypatch.setattr(pipeline, "STAGES", stages)
    out = pipeline.to_contract(pipeline.build_context(Article(text=TEXT), nlp(TEXT), strict=False))
    assert any("relations" in w and "rule broke" in w for w in out["warnings"])
    assert not [f for f in out["facts"] if f["kind"] == "relation"]  # its half-made facts are dropped
    assert any(e["name"] == "Pedro Alves" for e in out["entities"])  # the rest still ran


def test_strict_mode_raises(nlp, monkeypatch):
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES[:-1], ("relations", _broken), pipeline.STAGES[-1]])
    with pytest.raises(ExtractionError, match="relations"):
        pipeline.build_context(Article(text=TEXT), nlp(TEXT), strict=True)
