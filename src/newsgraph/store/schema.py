"""The knowledge base's tables (SQLAlchemy Core). Every table is defined here and only here.

How the pieces fit (arrows are foreign keys)::

    articles ──< sources            every copy of an article we saw: the first one, then wire copies
       │                             republished by other outlets (near-duplicates, ``is_primary`` false)
       ├──< article_entities ──> entities ──< entity_names      global entities and all their names
       │         └──< mentions                                    (one row per mention span)
       ├──< facts ──< fact_participants ──> entities
       │     └── person_id, org_id, ... ──> entities;  about_id ──> facts
       └── failures (article_id may be null: the article could not even be read)
    curation_log                    every manual correction, newest last
    entity_keys, resolution_links   cross-article resolution: lookup keys, and why each link was made

Conventions
- ``articles.id`` is the contract's article id: the sha256 (16 hex chars) of the normalized text.
  Re-ingesting the same text, or a record with a known ``external_id``, changes nothing.
- Entity ids are integers, global across articles. Within an article the contract's local ids
  (``e3``, ``f7``) are kept in ``article_entities.local_id`` and ``facts.local_id``.
- ``facts`` has one row per (article, fact) and a typed column for every field of every kind
  (see ``docs/EXTRACTION.md``); a field a kind doesn't have is NULL. Entity-valued fields end in
  ``_id`` and point at ``entities.id``. Dates are ISO 8601 strings with the precision the text
  supports (``2023-06-15``, ``2023-06``, ``2023``, ``--06-15``), so they compare as strings.
  ``raw`` keeps the fact's contract JSON (with local ids) exactly as extracted.
- ``entities.merged_into`` and ``facts.retracted`` are for curation: readers follow
  ``merged_into`` to the surviving entity and skip retracted facts.
- Character offsets (``start_char``/``end_char``, ``evidence_start``/``evidence_end``) index
  into ``articles.text``, end exclusive.

Changing the schema: keep changes additive (new tables, new nullable columns), then add an
Alembic revision under ``store/migrations/versions`` (``python -m newsgraph.store.migrate
revision -m "what changed"`` autogenerates one against a scratch database). A test checks that
the migrations and this module agree.
"""

from __future__ import annotations

import sqlalchemy as sa

#: Bumped when the table layout changes incompatibly (it should not: migrate instead).
SCHEMA_VERSION = 1

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

_ts = sa.DateTime(timezone=True)
_date = sa.String(16)  # ISO 8601 with the precision the text supports


def _post_default(column: str):
    """A Python-side default computing ``facts.role`` / ``facts.post_key`` from the row's title.

    Kept here (not in the writer) so that every insert of a fact gets them; see ``newsgraph.posts``.
    """
    def compute(context) -> str | None:
        from .. import posts

        post = posts.parse_title(context.get_current_parameters().get("title"))
        if post is None:
            return None
        return post.role if column == "role" else post.key
    return compute


def _entity_fk(name: str, comment: str) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey("entities.id"), nullable=True, index=True, comment=comment)


articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.String(64), primary_key=True, comment="sha256 of the normalized text, 16 hex chars"),
    sa.Column("external_id", sa.String(512), nullable=True, comment="the corpus's own id (JSONL/CSV id, feed guid)"),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("source", sa.String(256), nullable=True, index=True, comment="the outlet, e.g. 'reuters'"),
    sa.Column("published", _date, nullable=True, index=True, comment="YYYY-MM-DD"),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("origin", sa.Text, nullable=True, comment="where it was read from: a path, path:line, a URL, stdin"),
    sa.Column("text", sa.Text, nullable=False, comment="the exact text every offset indexes into"),
    sa.Column("extractor_version", sa.String(32), nullable=True),
    sa.Column("model", sa.String(128), nullable=True, comment="the spaCy pipeline that parsed it"),
    sa.Column("minhash", sa.LargeBinary, nullable=True, comment="MinHash signature (uint64 array) for near-dups"),
    sa.Column("warnings", sa.JSON, nullable=True, comment="reader and extractor warnings"),
    sa.Column("raw", sa.JSON, nullable=True, comment="the contract object without article.text"),
    sa.Column("ingested_at", _ts, nullable=False),
)

sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
              index=True, comment="the article this copy is (or duplicates)"),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True,
              comment="text hash of this copy; equals article_id for the first copy"),
    sa.Column("external_id", sa.String(512), nullable=True, unique=True),
    sa.Column("name", sa.String(256), nullable=True, index=True, comment="the outlet"),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("published", _date, nullable=True),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("origin", sa.Text, nullable=True),
    sa.Column("is_primary", sa.Boolean, nullable=False, comment="true for the copy whose facts were extracted"),
    sa.Column("similarity", sa.Float, nullable=False, comment="estimated Jaccard similarity to the primary copy"),
    sa.Column("ingested_at", _ts, nullable=False),
)

lsh_bands = sa.Table(
    "lsh_bands", metadata,
    sa.Column("band", sa.SmallInteger, primary_key=True),
    sa.Column("hash", sa.String(16), primary_key=True, comment="hash of this band of the MinHash signature"),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    comment="locality-sensitive-hashing index: articles sharing a band are near-duplicate candidates",
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("type", sa.String(32), nullable=False, comment="PERSON, ORG, GPE, LOC, FAC, NORP, ..."),
    sa.Column("name", sa.Text, nullable=False, comment="canonical name: the fullest form seen first"),
    sa.Column("key", sa.Text, nullable=False, comment="name folded by extract.context.name_key"),
    sa.Column("merged_into", sa.Integer, sa.ForeignKey("entities.id"), nullable=True,
              comment="set by curation when this entity was found to be another one"),
    sa.Column("created_at", _ts, nullable=False),
    sa.Index("ix_entities_key_type", "key", "type"),
)

entity_names = sa.Table(
    "entity_names", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False, comment="a surface form as written"),
    sa.Column("key", sa.Text, nullable=False, index=True, comment="folded by name_key"),
    sa.Column("kind", sa.String(16), nullable=False,
              comment="'name' (canonical), 'alias' (another name), 'description' ('the minister'; not matched)"),
    sa.Column("mentions", sa.Integer, nullable=False, server_default="0", comment="articles that used this form"),
    sa.UniqueConstraint("entity_id", "key"),
)

article_entities = sa.Table(
    "article_entities", metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("local_id", sa.String(16), primary_key=True, comment="the contract's entity id, e.g. 'e3'"),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id"), nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("name", sa.Text, nullable=False, comment="the name this article gives it"),
    sa.Column("aliases", sa.JSON, nullable=True),
    # 0008 (was entity_id alone): how many articles name an entity is counted from the index alone
    sa.Index("ix_article_entities_entity_id_article_id", "entity_id", "article_id"),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("local_id", sa.String(16), nullable=False),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id"), nullable=False, index=True),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False, comment="articles.text[start_char:end_char]"),
)

facts = sa.Table(
    "facts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("local_id", sa.String(16), nullable=False, comment="the contract's fact id, e.g. 'f7'"),
    sa.Column("kind", sa.String(32), nullable=False, index=True,
              comment="position, event, report, quote, appointment, dismissal, succession, relation"),
    # position / appointment / dismissal
    _entity_fk("person_id", "position, appointment, dismissal"),
    sa.Column("title", sa.Text, nullable=True, comment="position, appointment, dismissal, succession"),
    _entity_fk("org_id", "position, appointment, dismissal, succession"),
    sa.Column("status", sa.String(16), nullable=True, comment="position: current / former / unknown"),
    sa.Column("start_date", _date, nullable=True, comment="position start"),
    sa.Column("end_date", _date, nullable=True, comment="position end"),
    _entity_fk("by_id", "appointment, dismissal: who did it"),
    # event
    sa.Column("event_type", sa.String(32), nullable=True, comment="meeting, visit, election, protest, ..."),
    _entity_fk("place_id", "event"),
    sa.Column("date", _date, nullable=True, comment="event, report, appointment, dismissal, succession"),
    sa.Column("plover", sa.String(32), nullable=True, comment="event: PLOVER category, e.g. CONSULT"),
    # report
    _entity_fk("reporter_id", "report"),
    sa.Column("about_id", sa.Integer, sa.ForeignKey("facts.id"), nullable=True, comment="report: the fact reported"),
    # quote
    _entity_fk("speaker_id", "quote"),
    _entity_fk("via_id", "quote: who relayed it"),
    sa.Column("text", sa.Text, nullable=True, comment="quote: the quoted words"),
    sa.Column("direct", sa.Boolean, nullable=True, comment="quote: in quotation marks"),
    sa.Column("speaker_start", sa.Integer, nullable=True),
    sa.Column("speaker_end", sa.Integer, nullable=True),
    sa.Column("cue_start", sa.Integer, nullable=True),
    sa.Column("cue_end", sa.Integer, nullable=True),
    # succession
    _entity_fk("successor_id", "succession"),
    _entity_fk("predecessor_id", "succession"),
    # relation
    sa.Column("relation", sa.String(32), nullable=True, comment="rival_of, cooperates_with, part_of, ..."),
    _entity_fk("subject_id", "relation"),
    _entity_fk("object_id", "relation"),
    # every kind
    sa.Column("evidence_start", sa.Integer, nullable=True, comment="first evidence span"),
    sa.Column("evidence_end", sa.Integer, nullable=True),
    sa.Column("evidence_text", sa.Text, nullable=True, comment="the text of the first evidence span"),
    sa.Column("evidence", sa.JSON, nullable=True, comment="every evidence span: [[start, end], ...]"),
    _entity_fk("attributed_to_id", "who asserts it; NULL for the article's own voice"),
    sa.Column("confidence", sa.Float, nullable=True),
    sa.Column("extractor_version", sa.String(32), nullable=True),
    sa.Column("retracted", sa.Boolean, nullable=False, server_default=sa.false(), comment="set by curation"),
    sa.Column("raw", sa.JSON, nullable=True, comment="the contract's fact object, local ids"),
    # added by 0002 (queries): the post a title names, for holders; curation's confirmation
    sa.Column("role", sa.String(64), nullable=True, default=_post_default("role"),
              comment="the post word of title, folded (newsgraph.posts): head, minister, deputy head, ..."),
    sa.Column("post_key", sa.String(255), nullable=True, index=True, default=_post_default("post_key"),
              comment="role|sorted qualifier words (newsgraph.posts.post_key)"),
    sa.Column("confirmed", sa.Boolean, nullable=True, comment="set by curation: an analyst confirmed it"),
    sa.UniqueConstraint("article_id", "local_id"),
    sa.Index("ix_facts_role_org_id", "role", "org_id"),
    # added by 0003: a post's appointments and successions without reading its many sightings
    sa.Index("ix_facts_post_key_kind", "post_key", "kind"),
    sa.Index("ix_facts_role_org_id_kind", "role", "org_id", "kind"),
    # added by 0004: the people of a post, counted from the index alone (holders of a post named thousands of times)
    sa.Index("ix_facts_post_key_person_id_org_id", "post_key", "person_id", "org_id"),
    sa.Index("ix_facts_role_org_id_person_id", "role", "org_id", "person_id"),
)

fact_participants = sa.Table(
    "fact_participants", metadata,
    sa.Column("fact_id", sa.Integer, sa.ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id"), primary_key=True, index=True),
    sa.Column("position", sa.Integer, nullable=False, comment="order in the contract's participants list"),
)

failures = sa.Table(
    "failures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.Text, nullable=False, unique=True,
              comment="what failed: the article id when known, else its origin (path, path:line)"),
    sa.Column("origin", sa.Text, nullable=True),
    sa.Column("article_id", sa.String(64), nullable=True),
    sa.Column("stage", sa.String(16), nullable=False, comment="read, extract or store"),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("failed_at", _ts, nullable=False),
)

entity_keys = sa.Table(
    "entity_keys", metadata,
    sa.Column("kind", sa.String(16), primary_key=True,
              comment="'skeleton' (transliteration-tolerant form), 'surname' (a person's last name), 'acronym'"),
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True,
              index=True),
    comment="derived lookup keys of entity names (resolve.across): blocking for cross-article resolution",
)

resolution_links = sa.Table(
    "resolution_links", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=True,
              index=True),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False, comment="the name the article gave"),
    sa.Column("rule", sa.String(32), nullable=False,
              comment="new, exact, alias, transliteration, acronym, surname+context, curation"),
    sa.Column("evidence", sa.JSON, nullable=True, comment="what tied them (or why candidates were refused)"),
    sa.Column("at", _ts, nullable=False),
    comment="why each article entity was linked to the global entity it was (newsgraph why)",
)

curation_log = sa.Table(
    "curation_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", _ts, nullable=False),
    sa.Column("actor", sa.String(128), nullable=True, comment="who made the change"),
    sa.Column("action", sa.String(32), nullable=False, comment="e.g. merge, split, rename, retract, restore"),
    sa.Column("target_type", sa.String(16), nullable=False, comment="entity, fact, article"),
    sa.Column("target_id", sa.String(64), nullable=False),
    sa.Column("payload", sa.JSON, nullable=True, comment="what changed, enough to undo it"),
    sa.Column("note", sa.Text, nullable=True),
)

sighting_groups = sa.Table(
    "sighting_groups", metadata,
    sa.Column("key", sa.String(32), primary_key=True,
              comment="hash of the grouping columns below (NULL-safe: a NULL is a value of its own)"),
    sa.Column("person_id", sa.Integer, nullable=True),
    sa.Column("org_id", sa.Integer, nullable=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("status", sa.String(16), nullable=True),
    sa.Column("start_date", _date, nullable=True),
    sa.Column("end_date", _date, nullable=True),
    sa.Column("attributed_to_id", sa.Integer, nullable=True),
    sa.Column("source", sa.String(256), nullable=True, comment="the article's outlet"),
    sa.Column("role", sa.String(64), nullable=True),
    sa.Column("post_key", sa.String(255), nullable=True),
    sa.Column("successor_id", sa.Integer, nullable=True),
    sa.Column("predecessor_id", sa.Integer, nullable=True),
    sa.Column("kind", sa.String(32), nullable=False, comment="always 'position'; kept so facts' conditions apply"),
    sa.Column("first_published", _date, nullable=True),
    sa.Column("last_published", _date, nullable=True),
    sa.Column("n", sa.Integer, nullable=False, comment="live position facts in the group"),
    sa.Column("sample_id", sa.Integer, nullable=False, comment="the group's latest fact (highest id)"),
    # added by 0006: what tenures read of the sample, so that a group is a row without reading its fact
    sa.Column("sample_date", _date, nullable=True, comment="the sample fact's date"),
    sa.Column("sample_published", _date, nullable=True, comment="the sample fact's article's publication date"),
    sa.Column("sample_article_id", sa.String(64), nullable=True, comment="the sample fact's article"),
    sa.Index("ix_sighting_groups_person_id", "person_id"),
    sa.Index("ix_sighting_groups_successor_id", "successor_id"),
    sa.Index("ix_sighting_groups_predecessor_id", "predecessor_id"),
    sa.Index("ix_sighting_groups_post_key_person_id_org_id", "post_key", "person_id", "org_id"),
    sa.Index("ix_sighting_groups_role_org_id_person_id", "role", "org_id", "person_id"),
    comment="added by 0005: live position facts grouped as tenure.personnel_rows groups them (store.summary)",
)

def _state_table(name: str, kept: str, comment: str) -> sa.Table:
    """The one-row table saying how far the kept table KEPT is up to date (``store.summary.state_is_fresh``)."""
    return sa.Table(
        name, metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False, comment="always 1"),
        sa.Column("fact_id", sa.Integer, nullable=False, comment=f"{kept} covers facts up to this id"),
        sa.Column("curation_id", sa.Integer, nullable=False, comment="the curation log's highest id at that time"),
        comment=comment,
    )


sighting_state = _state_table("sighting_state", "sighting_groups",
                              "added by 0005: how far sighting_groups is up to date (store.summary.fresh)")

kept_tenures = sa.Table(
    "kept_tenures", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("role", sa.String(64), nullable=False, comment="the post's role (facts.role)"),
    sa.Column("person_id", sa.Integer, nullable=False),
    sa.Column("org_id", sa.Integer, nullable=True, comment="the post's body, when known"),
    sa.Column("residual", sa.Text, nullable=False, comment="the rest of the post's qualifier (a portfolio)"),
    sa.Column("title", sa.Text, nullable=True, comment="the most reported wording"),
    sa.Column("start_date", _date, nullable=True),
    sa.Column("start_basis", sa.String(64), nullable=True),
    sa.Column("end_date", _date, nullable=True),
    sa.Column("end_basis", sa.String(64), nullable=True),
    sa.Column("first_seen", _date, nullable=True),
    sa.Column("last_seen", _date, nullable=True),
    sa.Column("ended_before", _date, nullable=True),
    sa.Column("said_current", sa.Boolean, nullable=False),
    sa.Column("said_former", sa.Boolean, nullable=False),
    sa.Column("successor_id", sa.Integer, nullable=True, comment="the next holder whose start ended it"),
    sa.Column("reports", sa.Integer, nullable=False, comment="the reports the tenure rests on"),
    sa.Column("latest", _date, nullable=False, comment="last sighting, else start, else first sighting ('' if none)"),
    sa.Column("sources", sa.Text, nullable=False,
              comment="the latest fact rows it shows as sources, evidence included: a JSON array per line"),
    sa.Column("signature", sa.String(32), nullable=False,
              comment="hash of all of the above and the post keys: a role's refresh rewrites only changed "
                      "tenures"),
    sa.Index("ix_kept_tenures_person_id", "person_id"),
    sa.Index("ix_kept_tenures_role_org_id_residual", "role", "org_id", "residual", "person_id", "reports", "latest"),
    comment="added by 0008: every tenure, built over the whole base (newsgraph.kept_tenures)",
)

kept_tenure_keys = sa.Table(
    "kept_tenure_keys", metadata,
    sa.Column("tenure_id", sa.Integer, primary_key=True, comment="kept_tenures.id"),
    sa.Column("post_key", sa.String(255), primary_key=True, comment="a post key of one of the tenure's facts"),
    # the tenure's columns that holders filters, groups and orders by: a post's holders are counted from the index
    sa.Column("person_id", sa.Integer, nullable=False),
    sa.Column("org_id", sa.Integer, nullable=True),
    sa.Column("residual", sa.Text, nullable=False),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("latest", _date, nullable=False),
    sa.Index("ix_kept_tenure_keys_post_key", "post_key", "person_id", "org_id", "residual", "reports", "latest"),
    comment="added by 0008: the post keys (facts.post_key) of each kept tenure's facts, as holders looks posts up",
)

kept_post_holders = sa.Table(
    "kept_post_holders", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("post_key", sa.String(255), nullable=False),
    sa.Column("person_id", sa.Integer, nullable=False),
    sa.Column("org_id", sa.Integer, nullable=True, comment="NULL: the body is not known"),
    sa.Column("role", sa.String(64), nullable=False, comment="the post key's role: a role's rebuild replaces its rows"),
    sa.Column("reports", sa.Integer, nullable=False, comment="the reports of the pair's tenures with this key"),
    sa.Column("latest", _date, nullable=False, comment="the latest of those tenures' latest dates"),
    # read backwards for the most reported first
    sa.Index("ix_kept_post_holders_post_key_reports", "post_key", "reports", "latest"),
    sa.Index("ix_kept_post_holders_role", "role"),
    comment="added by 0008: per post key, each (person, body) pair's reports: a post's most reported holders, read "
            "from an index",
)

kept_tenure_state = _state_table("kept_tenure_state", "kept_tenures",
                                 "added by 0008: how far kept_tenures is up to date (newsgraph.kept_tenures.fresh)")

__all__ = [
    "SCHEMA_VERSION", "metadata", "articles", "sources", "lsh_bands", "entities", "entity_names",
    "article_entities", "mentions", "facts", "fact_participants", "failures", "curation_log", "entity_keys",
    "resolution_links", "sighting_groups", "sighting_state", "kept_tenures", "kept_tenure_keys", "kept_post_holders",
    "kept_tenure_state",
]
