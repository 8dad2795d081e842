"""suggestion choices: what agents sent for which customer message, per store

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 01:30:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    big = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "suggestion_choices",
        sa.Column("id", big, nullable=False),
        sa.Column("store_id", big, nullable=False),
        sa.Column("message_text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("code", sa.String(100), nullable=False),
        sa.Column("agent_id", big, nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"], ondelete="CASCADE",
                                name=op.f("fk_suggestion_choices_store_id_stores")),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="SET NULL",
                                name=op.f("fk_suggestion_choices_agent_id_agents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_choices")),
    )
    op.create_index("ix_suggestion_choices_store", "suggestion_choices", ["store_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_suggestion_choices_store", table_name="suggestion_choices")
    op.drop_table("suggestion_choices")
