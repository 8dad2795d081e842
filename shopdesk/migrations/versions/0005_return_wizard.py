"""returns: delivery time of an order, exchange replacement, evidence photos

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 01:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("return_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replacement", sa.String(length=300), nullable=True))
    op.create_table(
        "return_photos",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=False),
        sa.Column("event_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=True),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["return_cases.id"],
                                name=op.f("fk_return_photos_case_id_return_cases"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["return_events.id"],
                                name=op.f("fk_return_photos_event_id_return_events"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_photos")),
    )
    op.create_index(op.f("ix_return_photos_case_id"), "return_photos", ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_return_photos_case_id"), table_name="return_photos")
    op.drop_table("return_photos")
    with op.batch_alter_table("return_cases", schema=None) as batch_op:
        batch_op.drop_column("replacement")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("delivered_at")
