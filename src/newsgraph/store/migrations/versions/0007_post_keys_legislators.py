"""data: facts.role / post_key read again (legislators' posts and the 'X General' posts are posts now)

"Senator", "lawmaker", "MP" had no post (their tenures were never shown) and "prosecutor general" was read as
the rank "general". Rows whose role or key changes are updated; the sighting summary, which copies both, is
marked stale (its state row removed), so readers group the facts until the next refresh rebuilds it.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from newsgraph import posts

    conn = op.get_bind()
    facts = sa.table("facts", sa.column("id", sa.Integer), sa.column("title", sa.Text),
                     sa.column("role", sa.String), sa.column("post_key", sa.String))
    rows = conn.execute(sa.select(facts.c.id, facts.c.title, facts.c.role, facts.c.post_key)
                        .where(facts.c.title.is_not(None))).all()
    changed = []
    for fid, title, role, key in rows:
        post = posts.parse_title(title)
        new_role, new_key = (post.role, post.key) if post else (None, None)
        if (new_role, new_key) != (role, key):
            changed.append({"fid": fid, "role": new_role, "post_key": new_key})
    if changed:
        conn.execute(facts.update().where(facts.c.id == sa.bindparam("fid"))
                     .values(role=sa.bindparam("role"), post_key=sa.bindparam("post_key")), changed)
    op.execute("DELETE FROM sighting_state")


def downgrade() -> None:
    pass  # the keys stay as this version computed them; an older newsgraph reads them as unknown posts
