"""tables: sighting_groups (position facts grouped as tenures read them) and sighting_state (how far it is fresh)

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sighting_groups',
        sa.Column('key', sa.String(length=32), nullable=False,
                  comment='hash of the grouping columns below (NULL-safe: a NULL is a value of its own)'),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('org_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.Text(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=True),
        sa.Column('start_date', sa.String(length=16), nullable=True),
        sa.Column('end_date', sa.String(length=16), nullable=True),
        sa.Column('attributed_to_id', sa.Integer(), nullable=True),
        sa.Column('source', sa.String(length=256), nullable=True, comment="the article's outlet"),
        sa.Column('role', sa.String(length=64), nullable=True),
        sa.Column('post_key', sa.String(length=255), nullable=True),
        sa.Column('successor_id', sa.Integer(), nullable=True),
        sa.Column('predecessor_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=32), nullable=False,
                  comment="always 'position'; kept so facts' conditions apply"),
        sa.Column('first_published', sa.String(length=16), nullable=True),
        sa.Column('last_published', sa.String(length=16), nullable=True),
        sa.Column('n', sa.Integer(), nullable=False, comment='live position facts in the group'),
        sa.Column('sample_id', sa.Integer(), nullable=False, comment="the group's latest fact (highest id)"),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_sighting_groups')),
        comment='added by 0005: live position facts grouped as tenure.personnel_rows groups them (store.summary)',
    )
    with op.batch_alter_table('sighting_groups', schema=None) as batch_op:
        batch_op.create_index('ix_sighting_groups_person_id', ['person_id'], unique=False)
        batch_op.create_index('ix_sighting_groups_successor_id', ['successor_id'], unique=False)
        batch_op.create_index('ix_sighting_groups_predecessor_id', ['predecessor_id'], unique=False)
        batch_op.create_index('ix_sighting_groups_post_key_person_id_org_id', ['post_key', 'person_id', 'org_id'],
                              unique=False)
        batch_op.create_index('ix_sighting_groups_role_org_id_person_id', ['role', 'org_id', 'person_id'],
                              unique=False)
    op.create_table(
        'sighting_state',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False, comment='always 1'),
        sa.Column('fact_id', sa.Integer(), nullable=False, comment='sighting_groups covers facts up to this id'),
        sa.Column('curation_id', sa.Integer(), nullable=False,
                  comment="the curation log's highest id at that time"),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sighting_state')),
        comment='added by 0005: how far sighting_groups is up to date (store.summary.fresh)',
    )


def downgrade() -> None:
    op.drop_table('sighting_state')
    with op.batch_alter_table('sighting_groups', schema=None) as batch_op:
        batch_op.drop_index('ix_sighting_groups_role_org_id_person_id')
        batch_op.drop_index('ix_sighting_groups_post_key_person_id_org_id')
        batch_op.drop_index('ix_sighting_groups_predecessor_id')
        batch_op.drop_index('ix_sighting_groups_successor_id')
        batch_op.drop_index('ix_sighting_groups_person_id')
    op.drop_table('sighting_groups')
