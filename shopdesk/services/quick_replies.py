"""Quick replies: find them by code, title or text, and fill their variables from the
conversation ({customer}, {order_no}, {store}, {agent}, {tracking_no})."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete as delete_rows
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import (
    Agent,
    Conversation,
    Customer,
    Order,
    QuickReply,
    QuickReplyImage,
    Store,
)
from shopdesk.pinyin_keys import matches, pinyin_query
from shopdesk.services import audit
from shopdesk.services.conversations import has_chinese
from shopdesk.services.inbox import check_images
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing
from shopdesk.textfold import fold

VARIABLE = re.compile(r"\{(customer|order_no|store|agent|tracking_no)\}")


@dataclass(frozen=True)
class QuickReplyItem:
    id: int
    category: str
    code: str
    title: str
    body: str
    images: tuple[str, ...] = ()  # file names of the images sent with it


def find(session: Session, query: str = "", language: str | None = None
         ) -> list[QuickReplyItem]:
    """Quick replies whose code, title or text contains ``query`` (or whose title's pinyin
    starts with it: shopdesk.pinyin_keys), in category order; with
    ``language`` ("zh_CN" or "en": the customer's), the replies written in it first."""
    q = select(QuickReply).order_by(QuickReply.category, QuickReply.position, QuickReply.id)
    names: dict[int, list[str]] = {}
    for reply_id, name in session.execute(select(QuickReplyImage.quick_reply_id,
                                                 QuickReplyImage.filename)
                                          .order_by(QuickReplyImage.id)):
        names.setdefault(reply_id, []).append(name)
    replies = list(session.scalars(q))
    rows = [QuickReplyItem(r.id, r.category, r.code, r.title, r.body,
                           tuple(names.get(r.id, ()))) for r in replies]
    keys = {r.id: r.pinyin for r in replies}
    if language is not None:
        chinese = language.startswith("zh")
        rows.sort(key=lambda r: has_chinese(r.body) != chinese)  # stable: order kept within
    needle = fold(query).strip()
    if not needle:
        return rows
    # Codes that start with the query come first: typing "/wl" should pick "wl". The pinyin
    # of the title and the start of the text finds them too ("fp" → 发票).
    spelled = pinyin_query(query)
    hits = [r for r in rows if needle in fold(f"{r.code}\n{r.title}\n{r.body}")
            or matches(keys[r.id], spelled)]
    return sorted(hits, key=lambda r: not fold(r.code).startswith(needle))


def variables(session: Session, conversation_id: int, agent: Agent | None) -> dict[str, str]:
    """The values of the variables for one conversation: the latest order of that customer
    in that store gives the order number and tracking number."""
    conv = session.get(Conversation, conversation_id)
    if conv is None:
        return {}
    customer = session.get(Customer, conv.customer_id)
    store = session.get(Store, conv.store_id)
    order = session.scalar(
        select(Order).where(Order.customer_id == conv.customer_id,
                            Order.store_id == conv.store_id)
        .order_by(Order.placed_at.desc()).limit(1))
    values = {
        "customer": customer.name if customer else "",
        "store": store.name if store else "",
        "agent": agent.name if agent else "",
        "order_no": order.order_no if order else "",
        "tracking_no": (order.tracking_no or "") if order else "",
    }
    return {k: v for k, v in values.items() if v}


def fill(body: str, values: dict[str, str]) -> str:
    """Replace the known variables; a variable without a value stays visible as {name}
    so that the agent sees what is missing before sending."""
    return VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), body)



# -- managing (Settings → Quick replies) ------------------------------------------------------

HEADERS = ["category", "code", "title", "body"]


def _check(category: str, code: str, title: str, body: str) -> tuple[str, str, str, str]:
    category, code, title = category.strip(), code.strip().lstrip("/"), title.strip()
    if not category or not code or not title or not body.strip():
        raise ShopDeskError("A quick reply needs a category, a code, a title and a text.")
    if any(ch.isspace() for ch in code):
        raise ShopDeskError(f"The code '{code}' must be one word (it is typed after /).")
    return category, code, title, body.strip()


def images_of(session: Session, reply_id: int) -> list[tuple[str, str, bytes]]:
    """The images of a quick reply, (file name, MIME type, bytes), to attach to the reply."""
    return [(i.filename, i.mime_type, i.data) for i in session.scalars(
        select(QuickReplyImage).where(QuickReplyImage.quick_reply_id == reply_id)
        .order_by(QuickReplyImage.id))]


MAX_IMAGES = 9


def save(session: Session, actor: Agent, reply_id: int | None, category: str, code: str,
         title: str, body: str,
         images: Sequence[tuple[str, str, bytes]] | None = None) -> QuickReply:
    """Create or change a quick reply; ``images`` replaces its images (None keeps them)."""
    require(actor, Action.MANAGE_SETTINGS)
    category, code, title, body = _check(category, code, title, body)
    if images is not None:
        check_images(images, MAX_IMAGES)
    reply = _save(session, actor, reply_id, category, code, title, body)
    if images is not None:
        session.execute(delete_rows(QuickReplyImage).where(
            QuickReplyImage.quick_reply_id == reply.id))
        for name, mime, data in images:
            session.add(QuickReplyImage(quick_reply_id=reply.id, filename=name,
                                        mime_type=mime, data=data))
        session.flush()
    return reply


def _save(session: Session, actor: Agent, reply_id: int | None, category: str, code: str,
          title: str, body: str) -> QuickReply:
    clash = session.scalar(select(QuickReply).where(QuickReply.code == code))
    if clash is not None and clash.id != reply_id:
        raise ShopDeskError(f"The code '{code}' is already used by '{clash.title}'.")
    if reply_id is None:
        last = session.scalar(select(func.max(QuickReply.position))) or 0
        reply = QuickReply(category=category, code=code, title=title, body=body,
                           position=last + 1)
        session.add(reply)
        session.flush()
        audit.record(session, actor.id, "quick_reply.create", "quick_reply", reply.id, None,
                     {"code": code})
        return reply
    reply = existing(session, QuickReply, reply_id, "quick reply")
    before = {"category": reply.category, "code": reply.code, "title": reply.title,
              "body": reply.body}
    reply.category, reply.code, reply.title, reply.body = category, code, title, body
    audit.record(session, actor.id, "quick_reply.update", "quick_reply", reply.id, before,
                 {"category": category, "code": code, "title": title, "body": body})
    return reply


def delete(session: Session, actor: Agent, reply_id: int) -> None:
    require(actor, Action.MANAGE_SETTINGS)
    reply = session.get(QuickReply, reply_id)
    if reply is None:
        return
    audit.record(session, actor.id, "quick_reply.delete", "quick_reply", reply.id,
                 {"category": reply.category, "code": reply.code, "title": reply.title,
                  "body": reply.body}, None)
    session.delete(reply)


def move(session: Session, actor: Agent, reply_id: int, step: int) -> None:
    """Move a reply up (-1) or down (+1) within its category."""
    require(actor, Action.MANAGE_SETTINGS)
    reply = session.get(QuickReply, reply_id)
    if reply is None:
        return
    siblings = list(session.scalars(select(QuickReply).where(
        QuickReply.category == reply.category).order_by(QuickReply.position, QuickReply.id)))
    at = siblings.index(reply)
    to = at + step
    if not 0 <= to < len(siblings):
        return
    siblings[at], siblings[to] = siblings[to], siblings[at]
    positions = sorted(r.position for r in siblings)
    if len(set(positions)) < len(positions):  # repair duplicates from older data
        positions = list(range(positions[0], positions[0] + len(positions)))
    for reply_, position in zip(siblings, positions, strict=True):
        reply_.position = position


def export_xlsx(session: Session, path: Path) -> int:
    from openpyxl import Workbook

    from shopdesk.exporters.cells import text_cell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Quick replies")
    sheet.append([text_cell(sheet, h) for h in HEADERS])
    items = find(session)
    for item in items:
        sheet.append([text_cell(sheet, v)
                      for v in (item.category, item.code, item.title, item.body)])
    book.save(path)
    return len(items)


def import_xlsx(session: Session, actor: Agent, path: Path) -> tuple[int, int]:
    """Read a workbook with the columns category, code, title, body (first sheet, header
    row first). All or nothing: a bad row stops the import and names its row. Replies with a
    known code are updated. Returns (added, updated)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    require(actor, Action.MANAGE_SETTINGS)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ShopDeskError(f"{path.name} is not an Excel workbook (.xlsx): {exc}") from None
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    if not rows:
        raise ShopDeskError(f"{path.name} is empty.")
    header = [str(c or "").strip().lower() for c in rows[0]]
    missing = [h for h in HEADERS if h not in header]
    if missing:
        raise ShopDeskError(f"{path.name}: the first row needs the columns "
                            f"{', '.join(HEADERS)}; missing: {', '.join(missing)}.")
    where = {h: header.index(h) for h in HEADERS}
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        values = [str(row[where[h]]).strip() if where[h] < len(row) and row[where[h]]
                  is not None else "" for h in HEADERS]
        if not any(values):
            continue
        try:
            parsed.append(_check(*values))
        except ShopDeskError as exc:
            raise ShopDeskError(f"{path.name}, row {number}: {exc}") from None
    codes = [p[1] for p in parsed]
    duplicate = next((c for c in codes if codes.count(c) > 1), None)
    if duplicate:
        raise ShopDeskError(f"{path.name}: the code '{duplicate}' appears twice.")
    added = updated = 0
    for category, code, title, body in parsed:
        existing = session.scalar(select(QuickReply.id).where(QuickReply.code == code))
        save(session, actor, existing, category, code, title, body)
        added, updated = (added + 1, updated) if existing is None else (added, updated + 1)
    return added, updated
