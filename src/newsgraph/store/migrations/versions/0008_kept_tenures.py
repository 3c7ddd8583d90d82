"""tables: kept_tenures (every tenure, built over the whole base), their post keys, and how far they are fresh;
index: article_entities (entity_id, article_id) replaces (entity_id), so an entity's articles are counted from it

Both start empty with no state row, so readers build tenures from the facts until the next refresh
(the end of an ingest, ``newsgraph refresh``) fills the table.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('article_entities', schema=None) as batch_op:
        batch_op.drop_index('ix_article_entities_entity_id')
        batch_op.create_index('ix_article_entities_entity_id_article_id', ['entity_id', 'article_id'], unique=False)
    op.create_table(
        'kept_tenures',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('role', sa.String(length=64), nullable=False, comment="the post's role (facts.role)"),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=True, comment="the post's body, when known"),
        sa.Column('residual', sa.Text(), nullable=False, comment="the rest of the post's qualifier (a portfolio)"),
        sa.Column('title', sa.Text(), nullable=True, comment='the most reported wording'),
        sa.Column('start_date', sa.String(length=16), nullable=True),
        sa.Column('start_basis', sa.String(length=64), nullable=True),
        sa.Column('end_date', sa.String(length=16), nullable=True),
        sa.Column('end_basis', sa.String(length=64), nullable=True),
        sa.Column('first_seen', sa.String(length=16), nullable=True),
        sa.Column('last_seen', sa.String(length=16), nullable=True),
        sa.Column('ended_before', sa.String(length=16), nullable=True),
        sa.Column('said_current', sa.Boolean(), nullable=False),
        sa.Column('said_former', sa.Boolean(), nullable=False),
        sa.Column('successor_id', sa.Integer(), nullable=True, comment='the next holder whose start ended it'),
        sa.Column('reports', sa.Integer(), nullable=False, comment='the reports the tenure rests on'),
        sa.Column('latest', sa.String(length=16), nullable=False,
                  comment="last sighting, else start, else first sighting ('' if none)"),
        sa.Column('sources', sa.Text(), nullable=False,
                  comment='the latest fact rows it shows as sources, evidence included: a JSON array per line'),
        sa.Column('signature', sa.String(length=32), nullable=False,
                  comment="hash of all of the above and the post keys: a role's refresh rewrites only changed "
                          "tenures"),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_tenures')),
        comment='added by 0008: every tenure, built over the whole base (newsgraph.kept_tenures)',
    )
    with op.batch_alter_table('kept_tenures', schema=None) as batch_op:
        batch_op.create_index('ix_kept_tenures_person_id', ['person_id'], unique=False)
        batch_op.create_index('ix_kept_tenures_role_org_id_residual',
                              ['role', 'org_id', 'residual', 'person_id', 'reports', 'latest'], unique=False)
    op.create_table(
        'kept_tenure_keys',
        sa.Column('tenure_id', sa.Integer(), nullable=False, comment='kept_tenures.id'),
        sa.Column('post_key', sa.String(length=255), nullable=False,
                  comment="a post key of one of the tenure's facts"),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=True),
        sa.Column('residual', sa.Text(), nullable=False),
        sa.Column('reports', sa.Integer(), nullable=False),
        sa.Column('latest', sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint('tenure_id', 'post_key', name=op.f('pk_kept_tenure_keys')),
        comment="added by 0008: the post keys (facts.post_key) of each kept tenure's facts, as holders looks posts up",
    )
    with op.batch_alter_table('kept_tenure_keys', schema=None) as batch_op:
        batch_op.create_index('ix_kept_tenure_keys_post_key',
                              ['post_key', 'person_id', 'org_id', 'residual', 'reports', 'latest'], unique=False)
    op.create_table(
        'kept_post_holders',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('post_key', sa.String(length=255), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=True, comment='NULL: the body is not known'),
        sa.Column('role', sa.String(length=64), nullable=False,
                  comment="the post key's role: a role's rebuild replaces its rows"),
        sa.Column('reports', sa.Integer(), nullable=False, comment="the reports of the pair's tenures with this key"),
        sa.Column('latest', sa.String(length=16), nullable=False,
                  comment="the latest of those tenures' latest dates"),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_post_holders')),
        comment='added by 0008: per post key, each (person, body) pair\'s reports: a post\'s most reported holders, '
                'read from an index',
    )
    with op.batch_alter_table('kept_post_holders', schema=None) as batch_op:
        batch_op.create_index('ix_kept_post_holders_post_key_reports',
                              ['post_key', 'reports', 'latest'], unique=False)
        batch_op.create_index('ix_kept_post_holders_role', ['role'], unique=False)
    op.create_table(
        'kept_tenure_state',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False, comment='always 1'),
        sa.Column('fact_id', sa.Integer(), nullable=False, comment='kept_tenures covers facts up to this id'),
        sa.Column('curation_id', sa.Integer(), nullable=False,
                  comment="the curation log's highest id at that time"),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_tenure_state')),
        comment='added by 0008: how far kept_tenures is up to date (newsgraph.kept_tenures.fresh)',
    )


def downgrade() -> None:
    with op.batch_alter_table('article_entities', schema=None) as batch_op:
        batch_op.drop_index('ix_article_entities_entity_id_article_id')
        batch_op.create_index('ix_article_entities_entity_id', ['entity_id'], unique=False)
    op.drop_table('kept_tenure_state')
    with op.batch_alter_table('kept_post_holders', schema=None) as batch_op:
        batch_op.drop_index('ix_kept_post_holders_role')
        batch_op.drop_index('ix_kept_post_holders_post_key_reports')
    op.drop_table('kept_post_holders')
    with op.batch_alter_table('kept_tenure_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_kept_tenure_keys_post_key')
    op.drop_table('kept_tenure_keys')
    with op.batch_alter_table('kept_tenures', schema=None) as batch_op:
        batch_op.drop_index('ix_kept_tenures_role_org_id_residual')
        batch_op.drop_index('ix_kept_tenures_person_id')
    op.drop_table('kept_tenures')
