import newsgraph


def test_public_names_are_exactly_all():
    public = {name for name in dir(newsgraph) if not name.startswith("_")} | set(newsgraph._LAZY)
    modules = {"article", "errors", "annotations", "import_module", "TYPE_CHECKING", "Any"}
    assert set(newsgraph.__all__) - {"__version__"} == public - modules


def test_lazy_members_resolve():
    from newsgraph.store import Store

    assert callable(newsgraph.extract.extract)
    assert callable(newsgraph.ingest.ingest)
    assert newsgraph.Store is Store
    assert callable(newsgraph.query.show)
