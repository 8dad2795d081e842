"""messages: a warning when a message could not be read cleanly; channel states: failures

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 06:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): the messages table holds millions of rows and
    # the search triggers.
    op.add_column("messages", sa.Column("warning", sa.Text(), nullable=True))
    op.add_column("channel_states", sa.Column("failures", sa.Integer(), server_default="0",
                                              nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("channel_states", schema=None) as batch_op:
        batch_op.drop_column("failures")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("warning")
