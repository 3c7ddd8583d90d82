"""indexes: facts (post_key, person_id, org_id) and (role, org_id, person_id): a post's people from the index alone

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index('ix_facts_post_key_person_id_org_id', ['post_key', 'person_id', 'org_id'],
                              unique=False)
        batch_op.create_index('ix_facts_role_org_id_person_id', ['role', 'org_id', 'person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.drop_index('ix_facts_role_org_id_person_id')
        batch_op.drop_index('ix_facts_post_key_person_id_org_id')
