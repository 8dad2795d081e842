"""Record builders of the shop's people and settings: stores, agents, tags, customers (with
their tags and store identities), notes and quick replies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from shopdesk.dataset.staging import Staging, aware
from shopdesk.errors import DatasetError
from shopdesk.models import (
    Agent,
    Customer,
    CustomerIdentity,
    CustomerNote,
    QuickReply,
    Store,
    Tag,
    customer_tags,
)
from shopdesk.pinyin_keys import keys_for, keys_of


class ShopRecords(Staging):
    def _stage_store(self, n: int, v: dict[str, Any]) -> None:
        self.define("store", v["key"], n)
        existing = self._existing.id_of(Store, v["key"])
        table = Store.__table__
        row = {"key": v["key"], "name": v["name"], "platform": v["platform"],
               "currency": v["currency"], "timezone": v["timezone"], "colour": v["colour"],
               "external_id": v["external_id"]}
        if existing is None:
            row.update(reply_target_minutes=60, settings={}, archived=False,
                       created_at=datetime.now(UTC))
        sid = self.put(table, "store", row, existing)
        target = self._existing.reply_target(sid) if existing else 60
        self.stores[v["key"]] = {"id": sid, "key": v["key"], "currency": v["currency"],
                                 "reply_target": timedelta(minutes=target)}

    def _stage_agent(self, n: int, v: dict[str, Any]) -> None:
        self.define("agent", v["key"], n)
        existing = self._existing.id_of(Agent, v["key"])
        row = {"key": v["key"], "name": v["name"], "role": v["role"]}
        if existing is None:
            row.update(active=True, created_at=datetime.now(UTC), pin_hash=None,
                       refund_limits=None)
        self.agents[v["key"]] = self.put(Agent.__table__, "agent", row, existing)

    def _stage_tag(self, n: int, v: dict[str, Any]) -> None:
        self.define("tag", v["key"], n)
        existing = self._existing.id_of(Tag, v["key"])
        row = {"key": v["key"], "name": v["name"], "colour": v["colour"]}
        self.tags[v["key"]] = self.put(Tag.__table__, "tag", row, existing)

    def _stage_customer(self, n: int, v: dict[str, Any]) -> None:
        self.define("customer", v["key"], n)
        existing = self._existing.id_of(Customer, v["key"])
        row = {"key": v["key"], "name": v["name"], "phone": v["phone"], "email": v["email"],
               "pinyin": keys_for(v["name"])}
        if v["created_at"] is not None or existing is None:
            row["created_at"] = aware(v["created_at"] or datetime.now(UTC))
        if existing is None:
            row.update(address=None, segment=None)
        cid = self.put(Customer.__table__, "customer", row, existing)
        self.customers[v["key"]] = cid
        if existing is not None:
            self.replace_children[customer_tags].add(cid)
            self.replace_children[CustomerIdentity.__table__].add(cid)
        for tag_key in dict.fromkeys(v["tags"] or []):
            tag_id = self.ref(self.tags, "tag", tag_key, n, "tags")
            self.inserts[customer_tags].append({"customer_id": cid, "tag_id": tag_id})
        seen = self.seen_identities()
        for i, ident in enumerate(v["identities"] or []):
            store = self.ref(self.stores, "store", ident["store"], n, f"identities[{i}].store")
            slot = (store["id"], ident["handle"])
            holder = seen.get(slot)
            if holder is not None and holder[0] != cid:
                raise DatasetError(
                    f"handle '{ident['handle']}' in store '{ident['store']}' already belongs to "
                    f"another customer" + (f" (line {holder[1]})" if holder[1] else ""),
                    n, f"identities[{i}].handle",
                )
            seen[slot] = (cid, n)
            self.inserts[CustomerIdentity.__table__].append(
                {"id": self.new_id(CustomerIdentity.__table__), "customer_id": cid,
                 "store_id": store["id"], "handle": ident["handle"]}
            )

    def _stage_note(self, n: int, v: dict[str, Any]) -> None:
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        author = self.ref(self.agents, "agent", v["author"], n, "author")
        at = aware(v["at"])
        if self._seen_notes is None:
            self._seen_notes = {
                (c, a.astimezone(UTC), t) for c, a, t in self.s.execute(
                    select(CustomerNote.customer_id, CustomerNote.at, CustomerNote.text))
            }
        sig = (cid, at, v["text"])
        if sig in self._seen_notes:
            self.report.unchanged["note"] += 1
            return
        self._seen_notes.add(sig)
        self.put(CustomerNote.__table__, "note", {
            "customer_id": cid, "author_id": author, "at": at, "text": v["text"],
            "pinned": bool(v["pinned"]),
        }, None)

    def _stage_quick_reply(self, n: int, v: dict[str, Any]) -> None:
        self.define("quick_reply", v["key"], n)
        existing = self._existing.id_of(QuickReply, v["key"])
        row = {"key": v["key"], "category": v["category"], "code": v["code"],
               "title": v["title"], "body": v["body"], "pinyin": keys_of(v["title"], v["body"])}
        if existing is None:
            row.update(position=self.report.inserted["quick_reply"],
                       created_at=datetime.now(UTC))
        self.put(QuickReply.__table__, "quick_reply", row, existing)
