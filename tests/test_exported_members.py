import newsgraph


def test_public_names_are_exactly_all():
    import types

    # submodules appear in dir() once anything imported them; they are reached through their module path
    public = {
        name for name in dir(newsgraph)
        if not name.startswith("_") and not isinstance(getattr(newsgraph, name), types.ModuleType)
    }
    helpers = {"annotations", "import_module", "TYPE_CHECKING", "Any"}
    assert set(newsgraph.__all__) - {"__version__"} == (public - helpers) | set(newsgraph._LAZY)


def test_lazy_members_resolve():
    from newsgraph.store import Store

    assert callable(newsgraph.extract.extract)
    assert callable(newsgraph.ingest.ingest)
    assert newsgraph.Store is Store
    assert callable(newsgraph.query.show)
