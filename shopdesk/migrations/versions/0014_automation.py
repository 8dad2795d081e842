"""automation: rules, the once-only record of firings, presence, notifications

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 01:20:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "automation_rules",
        sa.Column("id", ID, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("store_id", ID, sa.ForeignKey("stores.id", ondelete="CASCADE",
                                                name="fk_automation_rules_store_id_stores")),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("builtin", sa.String(40)),
        sa.Column("position", ID, nullable=False),
        sa.Column("trigger", sa.String(32), nullable=False),
        sa.Column("trigger_params", sa.JSON(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("version", ID, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_automation_rules"),
        sa.UniqueConstraint("key", name="uq_automation_rules_key"),
    )
    op.create_table(
        "automation_firings",
        sa.Column("id", ID, primary_key=True),
        sa.Column("rule_id", ID, sa.ForeignKey(
            "automation_rules.id", ondelete="CASCADE",
            name="fk_automation_firings_rule_id_automation_rules"), nullable=False),
        sa.Column("trigger_key", sa.String(200), nullable=False),
        sa.Column("store_id", ID, sa.ForeignKey("stores.id", ondelete="CASCADE",
                                                name="fk_automation_firings_store_id_stores")),
        sa.Column("conversation_id", ID, sa.ForeignKey(
            "conversations.id", ondelete="SET NULL",
            name="fk_automation_firings_conversation_id_conversations")),
        sa.Column("customer_id", ID, sa.ForeignKey(
            "customers.id", ondelete="SET NULL",
            name="fk_automation_firings_customer_id_customers")),
        sa.Column("at", TS, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("detail", sa.JSON()),
        sa.PrimaryKeyConstraint("id", name="pk_automation_firings"),
        sa.UniqueConstraint("rule_id", "trigger_key",
                            name="uq_automation_firings_rule_id_trigger_key"),
    )
    op.create_index("ix_automation_firings_conversation_at", "automation_firings",
                    ["conversation_id", "at"])
    op.create_index("ix_automation_firings_customer_at", "automation_firings",
                    ["customer_id", "at"])
    op.create_index("ix_automation_firings_rule_state", "automation_firings",
                    ["rule_id", "state"])
    op.create_table(
        "agent_presence",
        sa.Column("agent_id", ID, sa.ForeignKey("agents.id", ondelete="CASCADE",
                                                name="fk_agent_presence_agent_id_agents"),
                  nullable=False),
        sa.Column("seen_at", TS, nullable=False),
        sa.Column("signed_out_at", TS),
        sa.Column("place", sa.String(200)),
        sa.PrimaryKeyConstraint("agent_id", name="pk_agent_presence"),
    )
    op.create_table(
        "notifications",
        sa.Column("id", ID, primary_key=True),
        sa.Column("at", TS, nullable=False),
        sa.Column("agent_id", ID, sa.ForeignKey("agents.id", ondelete="CASCADE",
                                                name="fk_notifications_agent_id_agents")),
        sa.Column("store_id", ID, sa.ForeignKey("stores.id", ondelete="CASCADE",
                                                name="fk_notifications_store_id_stores")),
        sa.Column("conversation_id", ID, sa.ForeignKey(
            "conversations.id", ondelete="SET NULL",
            name="fk_notifications_conversation_id_conversations")),
        sa.Column("complaint_id", ID, sa.ForeignKey(
            "complaints.id", ondelete="SET NULL",
            name="fk_notifications_complaint_id_complaints")),
        sa.Column("rule_id", ID, sa.ForeignKey(
            "automation_rules.id", ondelete="SET NULL",
            name="fk_notifications_rule_id_automation_rules")),
        sa.Column("rule_name", sa.String(200)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("read_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
    )
    op.create_index("ix_notifications_agent_read", "notifications", ["agent_id", "read_at"])
    op.create_index("ix_orders_delivered_at", "orders", ["delivered_at"])
    op.create_index("ix_return_events_state_at", "return_events", ["state", "at"])
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("automation_excluded", sa.Boolean(), nullable=False,
                                   server_default=sa.text("false")))
        batch.add_column(sa.Column("automation_hold_until", TS))
    # Plain ADD COLUMN, never a batch re-creation of ``messages`` (that would drop the search
    # index's triggers on SQLite); no foreign key: deleting a rule clears it in the service.
    op.add_column("messages", sa.Column("rule_id", ID, nullable=True))
    op.add_column("messages", sa.Column("rule_name", sa.String(200)))


def downgrade() -> None:
    op.drop_column("messages", "rule_name")  # SQLite 3.35+: DROP COLUMN, no batch
    op.drop_column("messages", "rule_id")
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("automation_hold_until")
        batch.drop_column("automation_excluded")
    op.drop_index("ix_return_events_state_at", "return_events")
    op.drop_index("ix_orders_delivered_at", "orders")
    op.drop_index("ix_notifications_agent_read", "notifications")
    op.drop_table("notifications")
    op.drop_table("agent_presence")
    op.drop_index("ix_automation_firings_rule_state", "automation_firings")
    op.drop_index("ix_automation_firings_customer_at", "automation_firings")
    op.drop_index("ix_automation_firings_conversation_at", "automation_firings")
    op.drop_table("automation_firings")
    op.drop_table("automation_rules")
