"""Record builders of orders and return cases: amounts in the order's currency, items never
returned more than bought, refunds never more than paid, histories replayed through the
return state machine."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from shopdesk.dataset.staging import Staging, aware
from shopdesk.errors import DatasetError, MoneyError, TransitionError
from shopdesk.models import Order, OrderItem, ReturnCase, ReturnEvent, ReturnItem
from shopdesk.models.enums import ReturnState
from shopdesk.services import returns as rsm


class OrderRecords(Staging):
    def _stage_order(self, n: int, v: dict[str, Any]) -> None:
        self.define("order", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        cur = v["currency"]
        if cur != store["currency"]:
            raise DatasetError(
                f"the order is in {cur} but store '{v['store']}' sells in {store['currency']}",
                n, "currency",
            )
        total = self.minor(v["total"], cur, n, "total")
        shipping = self.minor(v["shipping"], cur, n, "shipping") or 0
        assert total is not None
        items = []
        goods = 0
        bought: Counter[str] = Counter()
        for i, item in enumerate(v["items"]):
            price = self.minor(item["unit_price"], cur, n, f"items[{i}].unit_price")
            assert price is not None
            goods += price * item["qty"]
            bought[item["sku"]] += item["qty"]
            items.append({"sku": item["sku"], "title": item["title"], "qty": item["qty"],
                          "unit_price_minor": price})
        if shipping > total:
            raise DatasetError("shipping is more than the order's total", n, "shipping")
        self.claim("order", store, v["key"], v["order_no"], n, "order_no")
        existing = self._existing.order_id(v["key"], store["id"], v["order_no"])
        self.not_taken(existing, self._existing.order_numbered(store["id"], v["order_no"]),
                       "order", v["order_no"], n, "order_no")
        self.once("order", existing, v["key"], n, "order_no")
        row = {"key": v["key"], "store_id": store["id"], "customer_id": cid,
               "order_no": v["order_no"], "placed_at": aware(v["placed_at"]),
               "paid_at": aware(v["paid_at"]) if v["paid_at"] else None,
               "delivered_at": aware(v["delivered_at"]) if v["delivered_at"] else None,
               "status": v["status"], "currency": cur, "total_minor": total,
               "shipping_minor": shipping, "carrier": v["carrier"], "tracking_no": v["tracking_no"]}
        oid = self.put(Order.__table__, "order", row, existing)
        if existing is not None:
            self.replace_children[OrderItem.__table__].add(oid)
            self.case_refunds[oid].update(self._existing.refunds_of_order(oid))
        for item in items:
            item["order_id"] = oid
            item["id"] = self.new_id(OrderItem.__table__)
            self.inserts[OrderItem.__table__].append(item)
        self.orders[v["key"]] = {"id": oid, "store_id": store["id"], "customer_id": cid,
                                 "currency": cur, "total": total, "bought": bought,
                                 "delivered": row["placed_at"]}

    def _stage_return(self, n: int, v: dict[str, Any]) -> None:
        self.define("return", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        order = self.ref(self.orders, "order", v["order"], n, "order")
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        if order["store_id"] != store["id"]:
            raise DatasetError("the order belongs to another store", n, "order")
        if order["customer_id"] != cid:
            raise DatasetError("the order belongs to another customer", n, "customer")
        cur = order["currency"]
        requested = self.minor(v["requested"], cur, n, "requested")
        assert requested is not None
        if requested <= 0:
            raise DatasetError("the requested amount must be more than zero", n, "requested")
        if requested > order["total"]:
            raise DatasetError("the requested amount is more than was paid for the order",
                               n, "requested")
        if not v["items"] and v["type"].value != "refund_only":
            raise DatasetError("a return or exchange needs at least one item", n, "items")
        claimed: Counter[str] = Counter()
        for i, item in enumerate(v["items"]):
            if item["sku"] not in order["bought"]:
                raise DatasetError(f"SKU '{item['sku']}' is not in the order", n,
                                   f"items[{i}].sku")
            claimed[item["sku"]] += item["qty"]
        if not v["events"]:
            raise DatasetError("a return needs at least its 'requested' event", n, "events")
        money = rsm.CaseMoney(requested)
        state: ReturnState | None = None
        history: list[ReturnState] = []
        events = []
        previous_at: datetime | None = None
        for i, ev in enumerate(v["events"]):
            where = f"events[{i}]"
            at = aware(ev["at"])
            if previous_at is not None and at < previous_at:
                raise DatasetError("events must be in time order", n, f"{where}.at")
            previous_at = at
            amount = self.minor(ev["amount"], cur, n, f"{where}.amount")
            try:
                rsm.check_transition(state, v["type"], ev["state"])
                if state is not None:
                    rsm.apply_amount(money, ev["state"], amount, cur)
            except (TransitionError, MoneyError) as exc:
                raise DatasetError(str(exc), n, f"{where}.state" if isinstance(
                    exc, TransitionError) else f"{where}.amount") from None
            state = ev["state"]
            history.append(state)
            events.append({"at": at, "state": state,
                           "by_id": self.ref(self.agents, "agent", ev["by"], n, f"{where}.by"),
                           "amount_minor": amount, "carrier": ev["carrier"],
                           "tracking_no": ev["tracking_no"], "note": ev["note"]})
        assert state is not None
        # The refunds of an order never exceed what was paid; items never more than bought.
        refunds = self.case_refunds[order["id"]]
        refunds[v["key"]] = money.refunded or 0
        try:
            rsm.check_order_refunds(order["total"], refunds.values(), cur)
        except MoneyError as exc:
            raise DatasetError(str(exc), n, "events") from None
        claims = self.case_items[order["id"]]
        claims[v["key"]] = claimed if rsm.claims_items(history) else Counter()
        for sku, qty in sum(claims.values(), Counter()).items():
            if qty > order["bought"][sku]:
                raise DatasetError(
                    f"{qty} of SKU '{sku}' would be returned but {order['bought'][sku]} were bought",
                    n, "items",
                )
        last = events[-1]
        carrier = next((e["carrier"] for e in reversed(events) if e["carrier"]), None)
        tracking = next((e["tracking_no"] for e in reversed(events) if e["tracking_no"]), None)
        existing = self._existing.id_of(ReturnCase, v["key"])
        row = {"key": v["key"], "store_id": store["id"], "order_id": order["id"],
               "customer_id": cid, "kind": v["type"], "reason": v["reason"],
               "reason_text": v["reason_text"], "state": state, "currency": cur,
               "requested_minor": money.requested, "approved_minor": money.approved,
               "refunded_minor": money.refunded, "carrier": carrier, "tracking_no": tracking,
               "created_at": events[0]["at"], "updated_at": last["at"]}
        if existing is None:
            row.update(conversation_id=None, assignee_id=None, version=1)
        case_id = self.put(ReturnCase.__table__, "return", row, existing)
        if existing is not None:
            self.replace_children[ReturnItem.__table__].add(case_id)
            self.replace_children[ReturnEvent.__table__].add(case_id)
        for sku, qty in claimed.items():
            self.inserts[ReturnItem.__table__].append(
                {"id": self.new_id(ReturnItem.__table__), "case_id": case_id, "sku": sku, "qty": qty})
        for ev in events:
            ev["case_id"] = case_id
            ev["id"] = self.new_id(ReturnEvent.__table__)
            self.inserts[ReturnEvent.__table__].append(ev)

    # -- writing ---------------------------------------------------------------------------
