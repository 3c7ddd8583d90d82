"""columns: sighting_groups.sample_date, sample_published, sample_article_id (a group read without its fact)

The groups kept so far lack them: the state row is removed, so readers group the facts until the next refresh
rebuilds the table.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sighting_groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sample_date', sa.String(length=16), nullable=True,
                                      comment="the sample fact's date"))
        batch_op.add_column(sa.Column('sample_published', sa.String(length=16), nullable=True,
                                      comment="the sample fact's article's publication date"))
        batch_op.add_column(sa.Column('sample_article_id', sa.String(length=64), nullable=True,
                                      comment="the sample fact's article"))
    op.execute("DELETE FROM sighting_state")


def downgrade() -> None:
    with op.batch_alter_table('sighting_groups', schema=None) as batch_op:
        batch_op.drop_column('sample_article_id')
        batch_op.drop_column('sample_published')
        batch_op.drop_column('sample_date')
