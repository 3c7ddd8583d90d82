"""indexes: facts (post_key, kind) and (role, org_id, kind) for holders and tenures

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index('ix_facts_post_key_kind', ['post_key', 'kind'], unique=False)
        batch_op.create_index('ix_facts_role_org_id_kind', ['role', 'org_id', 'kind'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.drop_index('ix_facts_role_org_id_kind')
        batch_op.drop_index('ix_facts_post_key_kind')
