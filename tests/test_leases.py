"""One syncer per store (channels/lease.py): two programs on one real database of each
backend, the holder killed with SIGKILL, and two "PCs" on one real mailbox (Dovecot,
aiosmtpd) that neither fetch nor send anything twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from shopdesk.channels.lease import Holder, claim, leases, release
from shopdesk.models import Agent, ChannelState, Message, Store
from shopdesk.models.enums import Direction
from shopdesk.services.inbox import queue_reply
from tests import test_email_channel as mail
from tests.test_email_channel import _count, _mail, _settings
from tests.test_email_sending_once import _message_id

mail_shop = mail.mail_shop
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store_id(db) -> int:
    with db.transaction() as s:
        store = Store(key="tm", name="天猫店", platform="tmall", currency="CNY",
                      timezone="Asia/Shanghai")
        s.add(store)
        s.flush()
        return store.id


def test_one_program_at_a_time_holds_a_store(db, store_id: int) -> None:
    a, b = Holder("pc-a:1:x", "PC-A"), Holder("pc-b:2:y", "PC-B")
    assert claim(db, store_id, a)
    assert not claim(db, store_id, b)
    assert claim(db, store_id, a)  # renewed
    with db.read_session() as s:
        assert [(x.store, x.holder_name, x.mine) for x in leases(s, b)] == [
            ("天猫店", "PC-A", False)]
        assert [x.mine for x in leases(s, a)] == [True]
    release(db, a)  # a clean stop: the other takes over at once
    assert claim(db, store_id, b)
    assert not claim(db, store_id, a)


def test_a_lease_whose_time_ran_out_is_taken_over(db, store_id: int) -> None:
    a, b = Holder("pc-a:1:x", "PC-A"), Holder("pc-b:2:y", "PC-B")
    assert claim(db, store_id, a)
    with db.transaction() as s:  # PC-A stopped renewing a minute ago
        until = s.get(ChannelState, store_id).lease_until
        s.execute(update(ChannelState).values(lease_until=until - timedelta(minutes=2)))
    assert claim(db, store_id, b)
    with db.read_session() as s:
        assert s.get(ChannelState, store_id).holder_name == "PC-B"


HOLDING = """
import sys, time
from datetime import timedelta
from shopdesk.channels.lease import Holder, claim
from shopdesk.db import open_database
db = open_database(sys.argv[1])
me = Holder("pc-a:1:x", "PC-A")
while True:
    if claim(db, int(sys.argv[2]), me, timedelta(seconds=2)):
        print("held", flush=True)
    time.sleep(0.2)
"""


def _start(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_kill_9_of_the_holder_hands_the_store_to_another_program(db, db_url: str,
                                                                  store_id: int) -> None:
    holder = _start(HOLDING, db_url, str(store_id))
    try:
        assert holder.stdout.readline().strip() == "held"
        me = Holder("pc-b:2:y", "PC-B")
        assert not claim(db, store_id, me, timedelta(seconds=2))
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        deadline = time.monotonic() + 30
        while not claim(db, store_id, me, timedelta(seconds=2)):
            assert time.monotonic() < deadline, "the killed program's lease never ran out"
            time.sleep(0.2)
        with db.read_session() as s:
            assert s.get(ChannelState, store_id).holder_name == "PC-B"
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


PC = """
import json, sys, time
from datetime import timedelta
from shopdesk.channels.email import EmailChannel, EmailSettings
from shopdesk.channels.lease import Holder, sync_if_held
from shopdesk.db import open_database
url, store_id, settings, password, name = json.loads(sys.argv[1])
db = open_database(url)
me = Holder(name + ":1:x", name)
while True:
    channel = EmailChannel("小鹿家居", EmailSettings.from_dict(settings), password)
    result = sync_if_held(db, store_id, channel, me, timedelta(seconds=2))
    if result is not None:
        print(f"synced {result.fetched} {result.sent}", flush=True)
    time.sleep(0.2)
"""


def test_two_pcs_on_one_mailbox_fetch_and_send_everything_once(db, db_url: str,
                                                               mail_shop) -> None:
    imap, smtp = mail_shop["imap"], mail_shop["smtp"]
    for n in range(4):
        imap.deliver(_mail(f"From: buyer{n}@example.com\nSubject: q{n}\n"
                           f"Message-ID: <lease{n}@example.com>\n", f"question {n}".encode()))
    args = [db_url, mail_shop["store"], _settings(imap, smtp).to_dict(), imap.password]
    first = _start(PC, json.dumps([*args, "PC-A"]))
    second = _start(PC, json.dumps([*args, "PC-B"]))
    pcs = {"PC-A": first, "PC-B": second}
    try:
        deadline = time.monotonic() + 60
        while _count(db, Message) < 4:
            assert time.monotonic() < deadline, "nothing was fetched"
            time.sleep(0.2)
        time.sleep(1.0)  # both PCs go on syncing for a few rounds: nothing is fetched twice
        assert _count(db, Message) == 4
        with db.read_session() as s:
            holding = s.get(ChannelState, mail_shop["store"]).holder_name
            conversations = sorted({m.conversation_id for m in s.scalars(select(Message))})
        os.kill(pcs[holding].pid, signal.SIGKILL)  # the PC that syncs dies
        pcs[holding].wait()
        with db.transaction() as s:  # the agents answer every customer meanwhile
            owner = s.get(Agent, mail_shop["owner"])
            for conv in conversations:
                queue_reply(s, owner, conv, f"回复 {conv}")
        imap.deliver(_mail("From: late@example.com\nSubject: later\n"
                           "Message-ID: <lease-late@example.com>\n", b"one more"))
        while len(smtp.received) < 4 or _count(db, Message,
                                               Message.direction == Direction.IN) < 5:
            assert time.monotonic() < deadline + 60, "the other PC did not take over"
            time.sleep(0.2)
        time.sleep(1.0)  # a few more rounds of the surviving PC: still nothing twice
        assert len(smtp.received) == 4
        assert len({_message_id(e) for e in smtp.received}) == 4
        assert _count(db, Message, Message.direction == Direction.IN) == 5
        with db.read_session() as s:
            assert s.get(ChannelState, mail_shop["store"]).holder_name != holding
    finally:
        for process in pcs.values():
            if process.poll() is None:
                process.kill()
                process.wait()
