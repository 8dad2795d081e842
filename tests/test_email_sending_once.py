"""A reply is mailed once, whatever happens: the sending process killed (SIGKILL) after the
SMTP server took the mail and before the copy to Sent, against the real servers
(aiosmtpd, Dovecot) and a real database of each backend. The next start finds the reply
``sending``, does not find it in Sent, and marks it "may have been sent"; it goes out again
only when a person says Resend, and then under the same Message-ID."""

from __future__ import annotations

import email
import json
import os
import signal
import subprocess
import sys
from email.policy import default as default_policy
from pathlib import Path

from sqlalchemy import select

from shopdesk.channels.sync import sync_store
from shopdesk.models import Agent, AuditEvent, Message
from shopdesk.models.enums import SendState
from shopdesk.services import outbox
from shopdesk.services.inbox import queue_reply
from tests import test_email_channel as mail
from tests.test_email_channel import _a_queued_reply, _channel, _settings

mail_shop = mail.mail_shop  # the fixture: a store whose channel is the servers' mailbox

ROOT = Path(__file__).resolve().parents[1]
# The sending process: ShopDesk's own sync of the store, as the sync worker runs it.
SENDER = """
import json, sys
from shopdesk.channels.email import EmailChannel, EmailSettings
from shopdesk.channels.sync import sync_store
from shopdesk.db import open_database
url, store_id, settings, password = json.loads(sys.argv[1])
db = open_database(url)
sync_store(db, store_id, EmailChannel("小鹿家居", EmailSettings.from_dict(settings), password))
print("finished")
"""


def _message_id(envelope) -> str:
    return str(email.message_from_bytes(envelope.original_content,
                                        policy=default_policy)["Message-ID"])


def _states(db, ids: list[int]) -> list[SendState]:
    with db.read_session() as s:
        return [s.get(Message, i).send_state for i in ids]


def test_killed_between_smtp_and_sent_no_reply_is_lost_or_mailed_twice(db, db_url,
                                                                      mail_shop) -> None:
    imap, smtp = mail_shop["imap"], mail_shop["smtp"]
    conv, first = _a_queued_reply(db, mail_shop)
    with db.transaction() as s:
        owner = s.get(Agent, mail_shop["owner"])
        replies = [first] + [queue_reply(s, owner, conv, f"reply {n}").id for n in (2, 3)]
    sender: dict[str, subprocess.Popen] = {}

    def kill_at_second_mail(_envelope) -> None:
        if len(smtp.received) == 2:  # the server has reply 2; its sender never hears "250"
            sender["process"].send_signal(signal.SIGKILL)
            sender["process"].wait()

    smtp.on_data = kill_at_second_mail
    args = json.dumps([db_url, mail_shop["store"], _settings(imap, smtp).to_dict(),
                       imap.password])
    sender["process"] = subprocess.Popen([sys.executable, "-c", SENDER, args], cwd=ROOT,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    out, err = sender["process"].communicate(timeout=120)
    smtp.on_data = None
    assert sender["process"].returncode == -signal.SIGKILL, (out, err)
    assert b"finished" not in out
    assert len(smtp.received) == 2 and len(imap.messages("Sent")) == 1
    assert _states(db, replies) == [SendState.SENT, SendState.SENDING, SendState.QUEUED]

    # ShopDesk starts again: reply 2 is not in Sent, so it may have been sent: not mailed
    # again on its own; reply 3 goes out.
    again = sync_store(db, mail_shop["store"], _channel(mail_shop))
    assert again.sent == 1
    assert _states(db, replies) == [SendState.SENT, SendState.UNCERTAIN, SendState.SENT]
    with db.read_session() as s:
        assert "may have been sent" in s.get(Message, replies[1]).send_error
    sync_store(db, mail_shop["store"], _channel(mail_shop))
    ids = [_message_id(e) for e in smtp.received]
    assert len(ids) == 3 and len(set(ids)) == 3  # every reply reached the customer, once

    # The agent says Resend: it goes out again under the same Message-ID (the customer's
    # mail program shows one), is copied to Sent, and the audit trail says who decided.
    with db.transaction() as s:
        outbox.resend(s, s.get(Agent, mail_shop["owner"]), replies[1])
    assert sync_store(db, mail_shop["store"], _channel(mail_shop)).sent == 1
    assert len(smtp.received) == 4 and _message_id(smtp.received[3]) == ids[1]
    assert _states(db, replies) == [SendState.SENT] * 3
    assert len(imap.messages("Sent")) == 3
    with db.read_session() as s:
        assert s.scalar(select(AuditEvent.action).where(
            AuditEvent.entity_id == replies[1], AuditEvent.action == "message.resend"))
        assert s.get(Message, replies[1]).external_id == ids[1].strip("<>")


def test_a_reply_interrupted_after_its_copy_to_sent_is_recorded_not_mailed_again(
        db, mail_shop) -> None:
    """Killed after the copy to Sent but before recording it: the reply is ``sending`` at
    the next start; it is found in Sent by its Message-ID and recorded as sent."""
    imap, smtp = mail_shop["imap"], mail_shop["smtp"]
    _conv, reply_id = _a_queued_reply(db, mail_shop)
    assert sync_store(db, mail_shop["store"], _channel(mail_shop)).sent == 1
    with db.transaction() as s:  # the state the crash left
        reply = s.get(Message, reply_id)
        reply.send_state, reply.external_id = SendState.SENDING, None
    assert sync_store(db, mail_shop["store"], _channel(mail_shop)).sent == 1
    assert len(smtp.received) == 1 and len(imap.messages("Sent")) == 1
    with db.read_session() as s:
        reply = s.get(Message, reply_id)
        assert reply.send_state == SendState.SENT
        assert reply.external_id == _message_id(smtp.received[0]).strip("<>")


def test_a_connection_lost_while_the_server_takes_the_reply_is_not_retried_alone(
        db, mail_shop) -> None:
    """The server took the mail but its "250" never came (time-out): the reply may have
    been sent; it is not tried again on its own, as a failed send would be."""
    import threading

    from shopdesk.channels.email import EmailChannel

    smtp = mail_shop["smtp"]
    _conv, reply_id = _a_queued_reply(db, mail_shop)
    release = threading.Event()
    smtp.on_data = lambda _envelope: release.wait(30)  # no answer until the client gave up
    settings = _settings(mail_shop["imap"], smtp)
    settings.timeout = 1
    try:
        result = sync_store(db, mail_shop["store"],
                            EmailChannel("小鹿家居", settings, mail_shop["imap"].password))
    finally:
        release.set()
        smtp.on_data = None
    assert result.sent == 0 and len(smtp.received) == 1
    with db.read_session() as s:
        reply = s.get(Message, reply_id)
        assert reply.send_state == SendState.UNCERTAIN
        assert reply.send_error.endswith("The reply may have been sent.")
    sync_store(db, mail_shop["store"], _channel(mail_shop))
    assert len(smtp.received) == 1 and _states(db, [reply_id]) == [SendState.UNCERTAIN]
