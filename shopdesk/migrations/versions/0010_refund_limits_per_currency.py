"""refund limits per currency: agents.refund_limits (JSON) instead of refund_limit_minor

A limit was one number for every currency, so an agent allowed ¥200.00 could approve
$200.00 too. The Agents form showed it in yuan (¥), so an existing limit becomes the CNY
limit; other currencies start at none (the owner sets them in Settings → Agents).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 10:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
agents = sa.table("agents", sa.column("id", ID), sa.column("refund_limit_minor", ID),
                  sa.column("refund_limits", sa.JSON()))


def upgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refund_limits", sa.JSON(), nullable=True))
    conn = op.get_bind()
    for agent_id, limit in conn.execute(sa.select(agents.c.id, agents.c.refund_limit_minor)
                                        .where(agents.c.refund_limit_minor.is_not(None))):
        conn.execute(agents.update().where(agents.c.id == agent_id)
                     .values(refund_limits={"CNY": int(limit)}))
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_column("refund_limit_minor")


def downgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refund_limit_minor", ID, nullable=True))
    conn = op.get_bind()
    for agent_id, limits in conn.execute(sa.select(agents.c.id, agents.c.refund_limits)
                                         .where(agents.c.refund_limits.is_not(None))):
        if limits and "CNY" in limits:
            conn.execute(agents.update().where(agents.c.id == agent_id)
                         .values(refund_limit_minor=int(limits["CNY"])))
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_column("refund_limits")
