"""The e-mail channel: a store's mailbox over IMAP, replies over SMTP.

Fetching is incremental by UID: the cursor holds the mailbox's UIDVALIDITY and the last UID
read; when the server renumbers the mailbox (a new UIDVALIDITY) the channel reads it again
from the start date, and the sync's idempotent ingest (by Message-ID) keeps every message
once. Messages stay on the server (the mailbox is opened read-only and read with
``BODY.PEEK``) unless the store asks to mark them read.

Threading: a mail's thread is the first message it names in References (or In-Reply-To);
a mail that names none joins the sender's thread about the order number in its subject, or
starts a thread of its own. The sync also puts a mail into the conversation of any message
it names, which is how answers to ShopDesk's own replies (their Message-IDs are stored)
find their conversation.

Replies go out as UTF-8 with In-Reply-To and References, from the store's address, and are
appended to the server's Sent folder when it has one. A reply's Message-ID is made from its
``Outgoing.key``, the same at every attempt, so ``find_sent`` can tell after a crash whether
the reply reached Sent. Every failure becomes a
``ChannelError`` in plain words ("the server refused the user name or password").
"""

from __future__ import annotations

import imaplib
import json
import logging
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import Any

from shopdesk.channels.base import ChannelError, Fetched, Incoming, Outgoing
from shopdesk.channels.mail_parse import clean_id, parse

log = logging.getLogger(__name__)

SECURITY = ("tls", "starttls")
BATCH = 50  # messages per fetch; the next sync continues
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SENT_NAMES = ("Sent", "Sent Messages", "Sent Items", "INBOX.Sent", "已发送", "Sent Mail")
ORDER_NO = re.compile(r"(?:#|订单号?[:：\s]*|order\s*(?:no\.?|number)?\s*[:#]?\s*)(\d{4,})"
                      r"|(?<!\d)(\d{12,})(?!\d)", re.IGNORECASE)
_LIST = re.compile(r'\((?P<flags>[^)]*)\)\s+(?:"[^"]*"|NIL)\s+(?P<name>.+)$')


@dataclass
class EmailSettings:
    """What a store's e-mail channel needs, except the password (in the keyring)."""

    address: str = ""  # the store's address: replies come from it
    username: str = ""  # for IMAP and SMTP; the address when empty
    imap_host: str = ""
    imap_port: int = 993
    imap_security: str = "tls"
    mailbox: str = "INBOX"
    since: str = ""  # YYYY-MM-DD: mail before this day is not read
    mark_read: bool = False
    smtp_host: str = ""
    smtp_port: int = 465
    smtp_security: str = "tls"
    ca_file: str = ""  # a certificate authority to trust besides the system's (own servers)
    timeout: int = 20

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> EmailSettings:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        settings = cls(**known)
        settings.imap_port, settings.smtp_port = int(settings.imap_port), int(settings.smtp_port)
        settings.timeout = int(settings.timeout)
        return settings

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "email", **asdict(self)}

    @property
    def login(self) -> str:
        return self.username or self.address

    def problems(self) -> list[str]:
        """What is missing or wrong, in plain words (empty: the settings can be tried)."""
        found = []
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", self.address or ""):
            found.append("The store's e-mail address is missing or not an address.")
        for what, host, port, security in (("IMAP", self.imap_host, self.imap_port,
                                            self.imap_security),
                                           ("SMTP", self.smtp_host, self.smtp_port,
                                            self.smtp_security)):
            if not host.strip():
                found.append(f"The {what} server is missing.")
            if not 0 < int(port) < 65536:
                found.append(f"The {what} port must be between 1 and 65535.")
            if security not in SECURITY:
                found.append(f"The {what} security must be TLS or STARTTLS.")
        if self.since:
            try:
                date.fromisoformat(self.since)
            except ValueError:
                found.append("The start date must be a date like 2026-11-01.")
        if not self.mailbox.strip():
            found.append("The mailbox is missing (usually INBOX).")
        return found


def _plain(what: str, host: str, port: int, exc: BaseException, timeout: int) -> str:
    """A connection failure as the shop owner can act on it."""
    where = f"{host}:{port}"
    if isinstance(exc, socket.gaierror):
        return f"{what}: the server “{host}” was not found. Check the server name."
    if isinstance(exc, ConnectionRefusedError):
        return f"{what}: {where} refused the connection. Check the port."
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"{what}: {where} did not answer within {timeout} seconds."
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (f"{what}: the certificate of {host} is not trusted "
                f"({exc.verify_message or exc.reason}).")
    if isinstance(exc, ssl.SSLError):
        return (f"{what}: the secure connection (TLS) to {where} failed ({exc.reason}). "
                "Check the port and whether the server wants TLS or STARTTLS.")
    if isinstance(exc, smtplib.SMTPAuthenticationError) or (
            isinstance(exc, imaplib.IMAP4.error) and not isinstance(exc, imaplib.IMAP4.abort)
            and re.search(r"auth|login|password|credentials", str(exc), re.I)):
        return f"{what}: the server refused the user name or password."
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"{what}: {where} does not offer STARTTLS. Choose TLS, or another port."
    if isinstance(exc, imaplib.IMAP4.abort | smtplib.SMTPServerDisconnected |
                  ConnectionResetError | BrokenPipeError):
        return f"{what}: the connection to {where} was lost."
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{what}: the server answered {exc.smtp_code} {exc.smtp_error!r}."
    if isinstance(exc, OSError):
        return f"{what}: {where}: {exc.strerror or exc}."
    return f"{what}: {exc}"


def _imap_date(day: date) -> str:
    return f"{day.day:02d}-{MONTHS[day.month - 1]}-{day.year}"


def _quoted(mailbox: str) -> str:
    return mailbox if mailbox.startswith('"') else '"' + mailbox.replace('"', r'\"') + '"'


def thread_of(message_id: str, references: tuple[str, ...], sender: str,
              subject: str) -> str:
    """The thread a mail belongs to (see the module's doc)."""
    root = references[-1] if references else None  # References reversed: oldest is last
    if root:
        return root
    match = ORDER_NO.search(subject or "")
    if match and sender:
        return clean_id(f"order:{sender}:{match.group(1) or match.group(2)}")
    return message_id


class EmailChannel:
    def __init__(self, store_name: str, settings: EmailSettings, password: str | None,
                 batch: int = BATCH) -> None:
        self.store_name = store_name
        self.settings = settings
        self.password = password
        self.batch = batch

    # -- connections ---------------------------------------------------------------------

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.settings.ca_file or None)

    def _need_password(self) -> str:
        if not self.password:
            raise ChannelError("There is no password for this store's mailbox on this "
                               "computer. Enter it in Settings → Stores.", temporary=False)
        return self.password

    @contextmanager
    def imap(self) -> Iterator[imaplib.IMAP4]:
        s = self.settings
        password = self._need_password()
        try:
            if s.imap_security == "tls":
                conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(s.imap_host, s.imap_port,
                                                        ssl_context=self._context(),
                                                        timeout=s.timeout)
            else:
                conn = imaplib.IMAP4(s.imap_host, s.imap_port, timeout=s.timeout)
                conn.starttls(ssl_context=self._context())
            conn.login(s.login, password)
        except (OSError, imaplib.IMAP4.error) as exc:
            raise ChannelError(_plain("IMAP", s.imap_host, s.imap_port, exc, s.timeout)) \
                from exc
        try:
            yield conn
        except (OSError, imaplib.IMAP4.error) as exc:
            raise ChannelError(_plain("IMAP", s.imap_host, s.imap_port, exc, s.timeout)) \
                from exc
        finally:
            with suppress(OSError, imaplib.IMAP4.error):
                conn.logout()

    @contextmanager
    def smtp(self) -> Iterator[smtplib.SMTP]:
        s = self.settings
        password = self._need_password()
        try:
            if s.smtp_security == "tls":
                conn: smtplib.SMTP = smtplib.SMTP_SSL(s.smtp_host, s.smtp_port,
                                                      context=self._context(),
                                                      timeout=s.timeout)
            else:
                conn = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.timeout)
                conn.starttls(context=self._context())
            conn.login(s.login, password)
        except (OSError, smtplib.SMTPException) as exc:
            raise ChannelError(_plain("SMTP", s.smtp_host, s.smtp_port, exc, s.timeout)) \
                from exc
        try:
            yield conn
        finally:
            with suppress(OSError, smtplib.SMTPException):
                conn.quit()

    # -- fetching ------------------------------------------------------------------------

    def _select(self, conn: imaplib.IMAP4) -> int:
        status, data = conn.select(_quoted(self.settings.mailbox),
                                   readonly=not self.settings.mark_read)
        if status != "OK":
            raise ChannelError(f"IMAP: the mailbox “{self.settings.mailbox}” does not exist on "
                               "the server.", temporary=False)
        validity = conn.response("UIDVALIDITY")[1]
        return int(validity[0]) if validity and validity[0] else 0

    def fetch(self, cursor: str | None) -> Fetched:
        state = json.loads(cursor) if cursor else {}
        with self.imap() as conn:
            validity = self._select(conn)
            last = int(state.get("uid", 0)) if state.get("v") == validity else 0
            criteria = [f"UID {last + 1}:*"]
            if self.settings.since:
                criteria.append(f"SINCE {_imap_date(date.fromisoformat(self.settings.since))}")
            status, data = conn.uid("SEARCH", *criteria)
            if status != "OK":
                raise ChannelError(f"IMAP: the server could not search the mailbox ({data}).")
            uids = sorted(u for u in (int(x) for x in (data[0] or b"").split()) if u > last)
            chosen = uids[:self.batch]
            messages: list[Incoming] = []
            if chosen:
                status, data = conn.uid("FETCH", ",".join(map(str, chosen)),
                                        "(UID BODY.PEEK[])")
                if status != "OK":
                    raise ChannelError(f"IMAP: the server could not send the messages "
                                       f"({data}).")
                for item in data:
                    if isinstance(item, tuple) and len(item) == 2:
                        messages.append(self.incoming(item[1]))
                if self.settings.mark_read:
                    conn.uid("STORE", ",".join(map(str, chosen)), "+FLAGS", r"(\Seen)")
            new_last = chosen[-1] if chosen else last
        return Fetched(messages, json.dumps({"v": validity, "uid": new_last}))

    def incoming(self, raw: bytes) -> Incoming:
        mail = parse(raw)
        handle = mail.sender or "unknown sender"
        thread = thread_of(mail.message_id, mail.references, mail.sender, mail.subject)
        text = mail.text
        if not text and not mail.attachments:
            text = "(empty e-mail)"
        return Incoming(
            external_id=mail.message_id, thread_id=thread, handle=handle,
            customer_name=mail.sender_name or handle, at=mail.at or datetime.now(UTC),
            text=text, subject=mail.subject or None, attachments=tuple(mail.attachments),
            references=mail.references,
            warning=("This e-mail could not be read cleanly: " + "; ".join(mail.warnings))
            if mail.warnings else None)

    # -- sending ---------------------------------------------------------------------------

    def message_id(self, reply: Outgoing) -> str:
        """The reply's Message-ID: the same at every attempt (made from ``reply.key``)."""
        domain = self.settings.address.rsplit("@", 1)[-1]
        return f"<shopdesk.{reply.key}@{domain}>" if reply.key else make_msgid(domain=domain)

    def compose(self, reply: Outgoing) -> EmailMessage:
        if not reply.handle or "@" not in reply.handle:
            raise ChannelError("This customer has no e-mail address in this store.",
                               temporary=False)
        s = self.settings
        msg = EmailMessage()
        msg["From"] = formataddr((self.store_name, s.address))
        msg["To"] = reply.handle
        subject = reply.subject or self.store_name
        if not re.match(r"^\s*(re|回复|答复|aw|sv)\s*[:：]", subject, re.I):
            subject = f"Re: {subject}"
        msg["Subject"] = subject
        msg["Date"] = format_datetime(datetime.now(UTC))
        msg["Message-ID"] = self.message_id(reply)
        # The thread's root (a Message-ID the customer's mail named, maybe not in ShopDesk)
        # first, then the messages ShopDesk holds: the reply threads in the mail program.
        chain = ((reply.thread_id,) if reply.thread_id else ()) + reply.references
        names = list(dict.fromkeys(r for r in chain if "@" in r and not r.startswith("order:")))
        if names:
            msg["In-Reply-To"] = f"<{names[-1]}>"
            msg["References"] = " ".join(f"<{r}>" for r in names)
        msg.set_content(reply.text or "", charset="utf-8")
        for filename, mime, data in reply.attachments:
            maintype, _, subtype = mime.partition("/")
            msg.add_attachment(data, maintype=maintype or "application",
                               subtype=subtype or "octet-stream", filename=filename)
        return msg

    def send(self, reply: Outgoing) -> str | None:
        """Send the reply and copy it to Sent. A reply already in Sent (the last attempt
        sent it, then the program stopped before recording it) is not sent again."""
        msg = self.compose(reply)
        message_id = str(msg["Message-ID"])
        s = self.settings
        with ExitStack() as stack:
            try:
                imap: imaplib.IMAP4 | None = stack.enter_context(self.imap())
            except ChannelError as exc:  # SMTP may still work; the Sent copy waits
                log.warning("no IMAP for the Sent folder: %s", exc)
                imap = None
            folder = None
            if imap is not None:
                try:
                    folder = self.sent_folder(imap)
                except (OSError, imaplib.IMAP4.error) as exc:
                    log.warning("no Sent folder found: %s", exc)
            if folder is not None and reply.key:
                try:
                    if self._in_folder(imap, folder, message_id):
                        log.info("reply %s is in %s already: not sent again",
                                 reply.message_id, folder)
                        return clean_id(message_id)
                except ChannelError as exc:
                    log.warning("%s", exc)
            with self.smtp() as conn:
                try:
                    conn.send_message(msg)
                except smtplib.SMTPRecipientsRefused as exc:
                    raise ChannelError(f"SMTP: the server refused the address {reply.handle}.",
                                       temporary=False) from exc
                except (smtplib.SMTPResponseException, smtplib.SMTPNotSupportedError) as exc:
                    # the server answered (a refusal): the reply was not taken
                    raise ChannelError(_plain("SMTP", s.smtp_host, s.smtp_port, exc,
                                              s.timeout)) from exc
                except (OSError, smtplib.SMTPException) as exc:
                    # Lost mid-conversation (signed in, no answer): the server may have
                    # taken the reply. Not tried again on its own.
                    raise ChannelError(
                        _plain("SMTP", s.smtp_host, s.smtp_port, exc, s.timeout)
                        + " The reply may have been sent.", maybe_sent=True) from exc
            if folder is not None:
                try:
                    self._append(imap, folder, msg.as_bytes())
                except ChannelError as exc:  # sent all the same; the Sent copy is a courtesy
                    log.warning("the reply was sent but not copied to Sent: %s", exc)
        return clean_id(message_id)

    def find_sent(self, reply: Outgoing) -> str | None:
        """The Message-ID of ``reply`` when its copy is in the Sent folder; None when it is
        not there or the server has no Sent folder. ``ChannelError``: cannot look now."""
        message_id = self.message_id(reply)
        with self.imap() as imap:
            folder = self.sent_folder(imap)
            if folder is None or not reply.key:
                return None
            return clean_id(message_id) if self._in_folder(imap, folder, message_id) else None

    @staticmethod
    def _in_folder(conn: imaplib.IMAP4, folder: str, message_id: str) -> bool:
        try:
            status, _ = conn.select(folder, readonly=True)
            if status == "OK":
                status, data = conn.uid("SEARCH", "HEADER", "Message-ID", f'"{message_id}"')
        except (OSError, imaplib.IMAP4.error) as exc:
            raise ChannelError(f"IMAP: could not look for the reply in {folder} ({exc}).") \
                from exc
        if status != "OK":
            raise ChannelError(f"IMAP: could not look for the reply in {folder}.")
        return bool(data and data[0] and data[0].split())

    @staticmethod
    def _append(conn: imaplib.IMAP4, folder: str, raw: bytes) -> None:
        try:
            status, data = conn.append(folder, r"(\Seen)", imaplib.Time2Internaldate(
                time.time()), raw)
        except (OSError, imaplib.IMAP4.error) as exc:
            raise ChannelError(f"IMAP: the copy to {folder} failed ({exc}).") from exc
        if status != "OK":
            raise ChannelError(f"IMAP: the copy to {folder} was refused ({data}).")

    def sent_folder(self, conn: imaplib.IMAP4) -> str | None:
        status, lines = conn.list()
        if status != "OK":
            return None
        names: dict[str, str] = {}
        for line in lines or []:
            text = line.decode("utf-8", "replace") if isinstance(line, bytes) else str(line)
            match = _LIST.match(text)
            if not match:
                continue
            name = match.group("name").strip()
            if "\\sent" in match.group("flags").lower():
                return name
            names[name.strip('"')] = name
        return next((names[n] for n in SENT_NAMES if n in names), None)

    # -- "Test connection" -----------------------------------------------------------------

    def test(self) -> list[tuple[bool, str]]:
        """Try IMAP and SMTP; what worked and what did not, in plain words."""
        s = self.settings
        results: list[tuple[bool, str]] = []
        try:
            with self.imap() as conn:
                self._select(conn)
                status, data = conn.status(_quoted(s.mailbox), "(MESSAGES)")
                count = re.search(rb"MESSAGES (\d+)", data[0] or b"") if status == "OK" else None
                results.append((True, f"IMAP: signed in to {s.imap_host} as {s.login}; the "
                                      f"mailbox {s.mailbox} holds "
                                      f"{int(count.group(1)) if count else '?'} messages."))
        except ChannelError as exc:
            results.append((False, str(exc)))
        try:
            with self.smtp():
                results.append((True, f"SMTP: signed in to {s.smtp_host} as {s.login}."))
        except ChannelError as exc:
            results.append((False, str(exc)))
        return results
