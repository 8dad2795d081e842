"""customer pairs an agent said are not one person (left out of the duplicate suggestions)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 07:45:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "distinct_customers",
        sa.Column("first_id", ID, nullable=False),
        sa.Column("second_id", ID, nullable=False),
        sa.Column("by_id", ID, nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["first_id"], ["customers.id"],
                                name=op.f("fk_distinct_customers_first_id_customers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["second_id"], ["customers.id"],
                                name=op.f("fk_distinct_customers_second_id_customers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["by_id"], ["agents.id"],
                                name=op.f("fk_distinct_customers_by_id_agents")),
        sa.PrimaryKeyConstraint("first_id", "second_id", name=op.f("pk_distinct_customers")),
    )


def downgrade() -> None:
    op.drop_table("distinct_customers")
