"""Reading an e-mail as customers' mail programs really send it.

Charsets as labelled and as meant (a "gb2312" label on GBK text, "ks_c_5601" and
"shift_jis" with vendor characters: decoded with the superset), encoded headers, quoted-
printable and base64, HTML reduced to readable text (the HTML is kept for "show original"),
images and other attachments. Never raises: what cannot be read becomes a warning on the
message, and the raw mail is kept as an attachment.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

# Labels that mean a bigger charset in practice: decode with the superset.
SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "big5": "big5hkscs", "x-big5": "big5hkscs",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "ks_c_5601-1987": "cp949", "euc-kr": "cp949", "iso-8859-1": "cp1252",
    "us-ascii": "utf-8", "ascii": "utf-8", "unicode-1-1-utf-7": "utf-7",
}
MAX_ID = 200  # external ids are stored in 200 characters
ORIGINAL_HTML = "original.html"  # the attachment that keeps the HTML of a mail
RAW_MAIL = "original.eml"  # the attachment that keeps a mail that could not be read


@dataclass
class ParsedMail:
    message_id: str
    references: tuple[str, ...]  # In-Reply-To first, then References from the newest
    sender: str  # the address, lower case
    sender_name: str
    subject: str
    at: datetime | None
    text: str
    html: str | None = None
    attachments: list[tuple[str, str, bytes]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def codec_for(label: str | None) -> str:
    """The Python codec to decode text labelled ``label`` (UTF-8 when unknown)."""
    name = (label or "utf-8").strip().strip('"').lower()
    name = SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def decode_bytes(data: bytes, label: str | None, warnings: list[str]) -> str:
    codec = codec_for(label)
    if not codec:
        warnings.append(f"unknown character set {label!r}")
        codec = "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        pass
    for guess in ("utf-8", "gb18030"):  # the usual mislabels
        if guess != codec:
            try:
                text = data.decode(guess)
                warnings.append(f"the text is {guess}, not {label or 'unlabelled'}")
                return text
            except UnicodeDecodeError:
                continue
    warnings.append(f"some characters could not be read as {label or 'UTF-8'}")
    return data.decode(codec, errors="replace")


def decode_header_value(value: str | None, warnings: list[str]) -> str:
    """An encoded header (``=?gb2312?B?…?=``) as text, with the same charset supersets."""
    if not value:
        return ""
    parts = []
    for chunk, label in decode_header(str(value)):
        if isinstance(chunk, bytes):
            parts.append(decode_bytes(chunk, label or "utf-8", warnings))
        else:
            parts.append(chunk)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


class _TextOfHtml(HTMLParser):
    BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "table", "ul", "ol", "section", "article", "header", "footer", "hr"}
    SKIP = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "li":
            self.out.append("\n• ")
        elif tag in self.BLOCKS:
            self.out.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.out.append(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS and tag != "li":
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001 - a broken page still gives its words
        return html.unescape(re.sub(r"<[^>]+>", " ", markup)).strip()
    lines = [line.strip() for line in "".join(parser.out).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _ids(value: str | None) -> list[str]:
    return [i.strip() for i in re.findall(r"<([^<>\s]+)>", str(value or ""))]


def clean_id(value: str) -> str:
    value = value.strip().strip("<>")
    if len(value) > MAX_ID:
        return "sha1:" + hashlib.sha1(value.encode()).hexdigest()
    return value


def _part_text(part: Message, warnings: list[str]) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = str(part.get_payload() or "").encode("utf-8", "replace")
    return decode_bytes(payload, part.get_content_charset(), warnings)


def _filename(part: Message, warnings: list[str], n: int) -> str:
    name = part.get_filename()
    if name:
        return decode_header_value(name, warnings)
    subtype = part.get_content_subtype() or "bin"
    return f"attachment-{n}.{subtype}"


def parse(raw: bytes) -> ParsedMail:
    """Read one raw e-mail; never raises."""
    warnings: list[str] = []
    try:
        msg = message_from_bytes(raw, policy=policy.compat32)
    except Exception as exc:  # noqa: BLE001 - keep the bytes, say why
        return ParsedMail(_raw_id(raw), (), "", "", "", None, "", None,
                          [(RAW_MAIL, "message/rfc822", raw)],
                          [f"the e-mail could not be read ({type(exc).__name__})"])
    for defect in msg.defects:
        warnings.append(type(defect).__name__)
    message_id = next(iter(_ids(msg.get("Message-ID"))), "") or _raw_id(raw)
    references = _ids(msg.get("In-Reply-To")) + list(reversed(_ids(msg.get("References"))))
    name, address = "", ""
    senders = getaddresses([decode_header_value(msg.get("From"), warnings)])
    if senders:
        name, address = senders[0]
    if "@" not in address:
        warnings.append("no sender address")
    at = None
    try:
        if msg.get("Date"):
            at = parsedate_to_datetime(str(msg.get("Date")))
            at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    except (TypeError, ValueError, IndexError):
        warnings.append("unreadable date")
    plain: list[str] = []
    markup: list[str] = []
    attachments: list[tuple[str, str, bytes]] = []
    try:
        for n, part in enumerate(msg.walk(), start=1):
            if part.is_multipart():
                continue
            kind = part.get_content_type()
            disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
            if kind == "text/plain" and disposition != "attachment":
                plain.append(_part_text(part, warnings))
            elif kind == "text/html" and disposition != "attachment":
                markup.append(_part_text(part, warnings))
            else:
                data = part.get_payload(decode=True)
                if data:
                    attachments.append((_filename(part, warnings, n), kind, data))
    except Exception as exc:  # noqa: BLE001
        warnings.append(f"part of the e-mail could not be read ({type(exc).__name__})")
    html_text = "\n".join(markup) or None
    text = "\n\n".join(p.strip() for p in plain if p.strip())
    if not text and html_text:
        text = html_to_text(html_text)
    if html_text:
        attachments.append((ORIGINAL_HTML, "text/html", html_text.encode("utf-8")))
    if warnings:  # keep the mail as it came, for "show original"
        attachments.append((RAW_MAIL, "message/rfc822", raw))
    return ParsedMail(clean_id(message_id), tuple(dict.fromkeys(clean_id(r) for r in references)),
                      address.strip().lower(), name.strip(),
                      decode_header_value(msg.get("Subject"), warnings), at, text, html_text,
                      attachments, warnings)


def _raw_id(raw: bytes) -> str:
    """An id for a mail without a Message-ID: the same bytes always give the same id."""
    return "sha1:" + hashlib.sha1(raw).hexdigest()
