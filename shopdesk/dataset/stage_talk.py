"""Record builders of conversations and what hangs on them: messages (a fast path for the
well-formed ones, which are most of a dataset), complaints and satisfaction surveys."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from shopdesk import bounds
from shopdesk.dataset.kinds import KINDS
from shopdesk.dataset.staging import Staging, aware
from shopdesk.errors import DatasetError
from shopdesk.models import Complaint, Conversation, Message, SurveyResponse
from shopdesk.models.enums import Direction
from shopdesk.services.rules import rules_for

_MESSAGES = Message.__table__
_MESSAGE_FIELDS = frozenset(KINDS["message"])
_DIRECTIONS = {d.value: d for d in Direction}
_AUTHORED = (Direction.OUT, Direction.NOTE)
_fromiso = datetime.fromisoformat
_EARLIEST, _LATEST, _LONGEST = bounds.EARLIEST, bounds.LATEST, bounds.length(Message.text)
_LONGEST_ID = bounds.length(Message.external_id)
_OUT = Direction.OUT


class ConversationRecords(Staging):
    def _stage_conversation(self, n: int, v: dict[str, Any]) -> None:
        self.define("conversation", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        assignee = self.ref(self.agents, "agent", v["assignee"], n, "assignee")
        existing = self._existing.conversation_id(v["key"], store["id"], v["external_id"])
        if v["external_id"] is not None:
            self.claim("conversation", store, v["key"], v["external_id"], n, "external_id")
            self.not_taken(existing, self._existing.conversation_numbered(
                store["id"], v["external_id"]), "conversation", v["external_id"], n,
                "external_id")
        self.once("conversation", existing, v["key"], n, "external_id")
        row = {"key": v["key"], "store_id": store["id"], "customer_id": cid,
               "status": v["status"], "assignee_id": assignee, "subject": v["subject"],
               "created_at": aware(v["created_at"]), "external_id": v["external_id"]}
        if existing is None:
            row.update(priority="normal", unread_count=0, version=1, snoozed_until=None,
                       first_response_due_at=None, first_response_at=None,
                       last_message_at=None, last_direction=None, last_preview=None)
        conv_id = self.put(Conversation.__table__, "conversation", row, existing)
        if existing is not None:
            self.existing_conversations.add(conv_id)
        self.conversations[v["key"]] = {"id": conv_id, "store": store, "store_id": store["id"],
                                        "row": row, "customer_id": cid,
                                        "messages": self.messages_of[conv_id]}

    def _fast_message(self, n: int, r: dict[str, Any]) -> bool:
        """Stage the common, well-formed message without the generic field checks (messages
        are most of a dataset). Anything unusual returns False and takes the generic path,
        which gives the exact error."""
        if not r.keys() <= _MESSAGE_FIELDS:
            return False
        get = r.get
        try:  # a list or an object where a key or a direction belongs: TypeError
            conv = self.conversations.get(get("conversation"))  # type: ignore[arg-type]
            direction_text = get("direction")
            direction = _DIRECTIONS.get(direction_text)  # type: ignore[arg-type]
            author_key = get("author")
            author = None if author_key is None else self.agents.get(author_key)
        except TypeError:
            return False
        body = get("text")
        at_text = get("at")
        if (conv is None or direction is None or body.__class__ is not str
                or at_text.__class__ is not str or len(body) > _LONGEST):
            return False
        if author_key is not None and (author is None or direction not in _AUTHORED):
            return False
        ext = get("external_id")
        if ext is not None and (ext.__class__ is not str or not ext or ext.isspace()
                                or len(ext) > _LONGEST_ID):
            return False
        try:
            at = _fromiso(at_text)
        except ValueError:
            return False
        if at.tzinfo is None or not _EARLIEST <= at <= _LATEST:
            return False
        at = at.astimezone(UTC)
        conv_id = conv["id"]
        if conv_id in self.existing_conversations:  # reloading: skip what is there
            self._add_message(n, conv, at, direction, author, body, ext)
            return True
        # _add_message for a new conversation, inline (it runs for most lines of a dataset)
        store_id = conv["store_id"]
        if ext is not None:
            self._claim_external(n, store_id, ext)
        if self.message_ids is None:
            self.message_ids = itertools.count(self.new_id(_MESSAGES))
        self.message_rows.append((
            next(self.message_ids), conv_id, store_id,
            at.isoformat(" ", "microseconds")[:-6] if self.naive_times else at,
            direction_text, author, body, ext, "sent" if direction is _OUT else None, None, 0,
        ))
        conv["messages"].append((at, direction, body))
        return True

    def _claim_external(self, n: int, store_id: int, ext: str) -> None:
        """A store's message external id is on one line of the file only."""
        earlier = self.external_line.setdefault((store_id, ext), n)
        if earlier != n:
            raise DatasetError(f"external id '{ext}' is already used on line {earlier}", n,
                               "external_id")

    def _stage_message(self, n: int, v: dict[str, Any]) -> None:
        conv = self.conversations.get(v["conversation"])
        if conv is None:
            raise DatasetError(
                f"conversation '{v['conversation']}' is not defined on an earlier line",
                n, "conversation",
            )
        author = self.ref(self.agents, "agent", v["author"], n, "author")
        direction = v["direction"]
        if author is not None and direction not in _AUTHORED:
            raise DatasetError("only 'out' and 'note' messages have an author", n, "author")
        self._add_message(n, conv, v["at"].astimezone(UTC), direction, author, v["text"],
                          v["external_id"])

    def _add_message(self, n: int, conv: dict[str, Any], at: datetime, direction: Direction,
                     author: int | None, body: str, ext: str | None) -> None:
        """``at`` in UTC. Messages are counted as inserted when the staging ends."""
        conv_id = conv["id"]
        store_id = conv["store_id"]
        if conv_id in self.existing_conversations:
            seen = self.seen_messages(conv_id)
            sig = (store_id, ext) if ext else (conv_id, at, direction.value, body)
            if sig in seen:
                self.report.unchanged["message"] += 1
                return
            seen.add(sig)
        if ext is not None:
            self._claim_external(n, store_id, ext)
        if self.message_ids is None:
            self.message_ids = itertools.count(self.new_id(_MESSAGES))
        # A row ready for the driver, in MESSAGE_COLUMNS order (see _bulk_insert_rows); on
        # SQLite times are stored as naive UTC text.
        self.message_rows.append((
            next(self.message_ids), conv_id, store_id,
            at.replace(tzinfo=None).isoformat(" ", "microseconds") if self.naive_times else at,
            direction.value, author, body, ext, "sent" if direction is _OUT else None, None, 0,
        ))
        conv["messages"].append((at, direction, body))

    def _stage_complaint(self, n: int, v: dict[str, Any]) -> None:
        self.define("complaint", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        cid = self.ref(self.customers, "customer", v["customer"], n, "customer")
        order = self.ref(self.orders, "order", v["order"], n, "order")
        conv = self.ref(self.conversations, "conversation", v["conversation"], n, "conversation")
        if order is not None and order["store_id"] != store["id"]:
            raise DatasetError("the order belongs to another store", n, "order")
        if conv is not None and conv["store"]["id"] != store["id"]:
            raise DatasetError("the conversation belongs to another store", n, "conversation")
        opened = aware(v["opened_at"])
        for fname in ("first_response_at", "resolved_at"):
            if v[fname] is not None and aware(v[fname]) < opened:
                raise DatasetError("is before the complaint was opened", n, fname)
        rules = rules_for(60, None)
        existing = self._existing.id_of(Complaint, v["key"])
        row = {"key": v["key"], "store_id": store["id"], "customer_id": cid,
               "order_id": order["id"] if order else None,
               "conversation_id": conv["id"] if conv else None,
               "category": v["category"], "severity": v["severity"], "tier": v["tier"],
               "status": v["status"], "opened_at": opened,
               "sla_due_at": opened + rules.complaint_sla(v["severity"]),
               "first_response_at": aware(v["first_response_at"]) if v["first_response_at"] else None,
               "resolved_at": aware(v["resolved_at"]) if v["resolved_at"] else None,
               "assignee_id": self.ref(self.agents, "agent", v["assignee"], n, "assignee"),
               "summary": v["summary"], "resolution": v["resolution"],
               "compensation_minor": self.minor(v["compensation"], store["currency"], n,
                                                "compensation"),
               "currency": store["currency"]}
        if existing is None:
            row.update(details=None, version=1)
        self.put(Complaint.__table__, "complaint", row, existing)

    def _stage_survey(self, n: int, v: dict[str, Any]) -> None:
        conv = self.ref(self.conversations, "conversation", v["conversation"], n, "conversation")
        agent = self.ref(self.agents, "agent", v["agent"], n, "agent")
        answered = aware(v["answered_at"])
        if self._seen_surveys is None:
            self._seen_surveys = {
                (c, a.astimezone(UTC)) for c, a in self.s.execute(
                    select(SurveyResponse.conversation_id, SurveyResponse.answered_at))
            }
        sig = (conv["id"], answered)
        if sig in self._seen_surveys:
            self.report.unchanged["survey"] += 1
            return
        self._seen_surveys.add(sig)
        self.put(SurveyResponse.__table__, "survey", {
            "conversation_id": conv["id"], "agent_id": agent, "score": v["score"],
            "comment": v["comment"], "sent_at": aware(v["sent_at"]) if v["sent_at"] else None,
            "answered_at": answered,
        }, None)
