"""Extraction: one article in, the ``newsgraph.extraction/1`` object out."""

from .pipeline import EXTRACTOR_VERSION, SCHEMA, extract, extract_doc, extract_many

__all__ = ["EXTRACTOR_VERSION", "SCHEMA", "extract", "extract_doc", "extract_many"]
