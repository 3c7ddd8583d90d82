"""Where extraction runs when it is not this process or its local worker pool.

``dask_cluster`` runs it on a Dask cluster (``newsgraph ingest --executor dask``); the store
writes still happen in the calling process, through the same code as a local ingest.
"""

EXECUTORS = ("local", "dask")

__all__ = ["EXECUTORS"]
