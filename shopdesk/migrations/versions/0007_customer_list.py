"""customers: summary columns for the Customers page, and merges

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 06:10:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shopdesk.textfold import fold

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
SPENDING = "('paid', 'shipped', 'delivered', 'completed')"
INDEXES = ("last_order_at", "spent_minor", "last_contact_at")
MERGED = "merged_into_id IS NOT NULL"  # partial: "not merged" never walks this index

# The summary of the customers already in the database, in plain SQL (the same figures as
# services.customer_list.refresh): spending orders, the sum in the currency most spent in,
# the latest order and the latest message of any conversation.
FILL = [
    f"""UPDATE customers SET
        orders_count = (SELECT count(*) FROM orders o
                        WHERE o.customer_id = customers.id AND o.status IN {SPENDING}),
        last_order_at = (SELECT max(o.placed_at) FROM orders o
                         WHERE o.customer_id = customers.id AND o.status IN {SPENDING}),
        last_contact_at = (SELECT max(c.last_message_at) FROM conversations c
                           WHERE c.customer_id = customers.id),
        spent_currency = (SELECT o.currency FROM orders o
                          WHERE o.customer_id = customers.id AND o.status IN {SPENDING}
                          GROUP BY o.currency ORDER BY sum(o.total_minor) DESC, o.currency
                          LIMIT 1)""",
    f"""UPDATE customers SET spent_minor = coalesce((
        SELECT sum(o.total_minor) FROM orders o
        WHERE o.customer_id = customers.id AND o.status IN {SPENDING}
          AND o.currency = customers.spent_currency), 0)""",
]


def upgrade() -> None:
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("orders_count", ID, server_default="0", nullable=False))
        batch_op.add_column(sa.Column("spent_minor", ID, server_default="0", nullable=False))
        batch_op.add_column(sa.Column("spent_currency", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("last_order_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("last_contact_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("merged_into_id", ID, nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_customers_merged_into_id_customers"),
                                    "customers", ["merged_into_id"], ["id"])
        for column in INDEXES:
            batch_op.create_index(f"ix_customers_{column}", [column])
        batch_op.create_index("ix_customers_merged_into_id", ["merged_into_id"],
                              sqlite_where=sa.text(MERGED), postgresql_where=sa.text(MERGED))
    bind = op.get_bind()
    for statement in FILL:
        bind.execute(sa.text(statement))
    # The folded search text (name, phone, e-mail, store handles) is computed in Python so
    # that it is folded exactly as the queries are.
    handles: dict[int, list[str]] = {}
    for cid, handle in bind.execute(sa.text("SELECT customer_id, handle FROM customer_identities")):
        handles.setdefault(cid, []).append(handle)
    rows = [{"i": cid, "t": fold(" ".join(filter(None, (name, phone, email,
                                                          *handles.get(cid, ())))))}
            for cid, name, phone, email in bind.execute(
                sa.text("SELECT id, name, phone, email FROM customers"))]
    if rows:
        bind.execute(sa.text("UPDATE customers SET search_text = :t WHERE id = :i"), rows)
    if bind.dialect.name == "postgresql":  # pg_trgm came with 0004
        op.execute("CREATE INDEX ix_customers_search_trgm ON customers "
                   "USING gin (search_text gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_customers_search_trgm")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        for column in (*INDEXES, "merged_into_id"):
            batch_op.drop_index(f"ix_customers_{column}")
        batch_op.drop_constraint(batch_op.f("fk_customers_merged_into_id_customers"),
                                 type_="foreignkey")
        for column in ("merged_into_id", "search_text", "last_contact_at", "last_order_at",
                       "spent_currency", "spent_minor", "orders_count"):
            batch_op.drop_column(column)
