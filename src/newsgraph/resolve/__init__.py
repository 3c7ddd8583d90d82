"""Mentions to entities: within one article (``within``) and across articles (``across``)."""
