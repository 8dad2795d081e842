"""live changes between PCs: presence of agents in conversations, SQLite's change log

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 01:30:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "presence",
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("agent_id", ID, nullable=False),
        sa.Column("conversation_id", ID, nullable=False),
        sa.Column("typing", sa.Boolean(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE",
                                name="fk_presence_agent_id_agents"),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE",
                                name="fk_presence_conversation_id_conversations"),
        sa.PrimaryKeyConstraint("place", name="pk_presence"),
    )
    op.create_index("ix_presence_conversation", "presence", ["conversation_id", "expires_at"])
    op.create_table(
        "change_log",
        sa.Column("id", ID, nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_change_log"),
    )


def downgrade() -> None:
    op.drop_table("change_log")
    op.drop_index("ix_presence_conversation", table_name="presence")
    op.drop_table("presence")
