"""The e-mail channel against real servers on loopback (Dovecot IMAP, aiosmtpd SMTP) and a
real database of each backend: fetch, decode, thread, reply, Sent copy, and what happens
when the server goes away or the password changes."""

from __future__ import annotations

import base64
import email
from datetime import UTC, datetime, timedelta
from email.policy import default as default_policy

import pytest
from sqlalchemy import func, select

from shopdesk.channels.base import Outgoing
from shopdesk.channels.email import EmailChannel, EmailSettings, thread_of
from shopdesk.channels.mail_parse import ORIGINAL_HTML, RAW_MAIL, parse
from shopdesk.channels.sync import reply_key, sync_store
from shopdesk.models import (
    Agent,
    Attachment,
    ChannelState,
    Conversation,
    Customer,
    CustomerIdentity,
    Message,
    Store,
)
from shopdesk.models.enums import Direction, Platform, Role, SendState
from shopdesk.services.inbox import queue_reply
from tests.conftest import SAMPLES
from tests.mailservers import USER, Dovecot, Smtp, make_certificate

# -- reading mail (no server) ------------------------------------------------------------------


def _mail(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode() + b"\r\n" + body


def _b64(text: str, codec: str) -> str:
    return base64.b64encode(text.encode(codec)).decode()


@pytest.mark.parametrize(("label", "codec", "text"), [
    ("utf-8", "utf-8", "你好，杯子碎了 😢"),
    ("gbk", "gbk", "您好，马克杯碎了"),
    ("gb2312", "gbk", "镕基 GBK-only characters labelled GB2312"),  # 镕 is not in GB2312
    ("gb18030", "gb18030", "退款 𠀀 ok"),
    ("big5", "big5", "訂單退款，謝謝"),
    ("shift_jis", "cp932", "ご注文①ありがとう"),  # ① is a Windows (cp932) character
    ("iso-8859-1", "cp1252", "Grüße – “Café”"),  # cp1252 quotes under a Latin-1 label
    ("iso-8859-2", "iso-8859-2", "Dzień dobry, zażółć"),
    ("windows-1251", "cp1251", "Здравствуйте"),
    ("windows-1252", "cp1252", "Ça coûte 10 €"),
])
def test_charsets_real_mail_uses(label: str, codec: str, text: str) -> None:
    raw = _mail(f"From: =?{label}?B?{_b64(text[:2], codec)}?= "
                f"<buyer@example.com>\nSubject: =?{label}?B?{_b64(text[:6], codec)}?=\n"
                f"Message-ID: <m-{label}@example.com>\nContent-Type: text/plain; "
                f"charset={label}\nContent-Transfer-Encoding: base64\n",
                base64.encodebytes(text.encode(codec)))
    mail = parse(raw)
    assert mail.text == text and mail.subject == text[:6].strip() and mail.warnings == []
    assert mail.sender == "buyer@example.com" and mail.sender_name == text[:2].strip()


def test_samples_decode() -> None:
    gbk = parse((SAMPLES / "customer-gbk-with-photo.eml").read_bytes())
    assert gbk.sender_name == "王小花" and gbk.subject.startswith("订单2041577302398812346")
    assert "收到的马克杯碎了一个" in gbk.text and gbk.warnings == []
    [(name, mime, data)] = gbk.attachments
    assert (name, mime) == ("破损照片.png", "image/png") and data.startswith(b"\x89PNG")
    reply = parse((SAMPLES / "customer-reply-threaded.eml").read_bytes())
    assert reply.references == ("order-1001-shipped@sage-and-clay.example",)
    assert reply.text.startswith("Hi, the tracking link says delivered")
    assert [a[0] for a in reply.attachments] == [ORIGINAL_HTML]  # HTML kept for "original"


def test_html_only_quoted_printable_and_entities() -> None:
    raw = _mail("From: shop-fan@example.com\nSubject: Hi\nContent-Type: text/html; "
                "charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n",
                b"<html><head><style>p{color:red}</style></head><body><p>Order =E2=84=96 "
                b"1001 &amp; <b>2002</b></p><ul><li>cup</li><li>plate</li></ul>"
                b"<script>alert(1)</script></body></html>")
    mail = parse(raw)
    assert mail.text == "Order № 1001 & 2002\n\n• cup\n• plate"
    assert mail.html is not None and "<b>2002</b>" in mail.html
    assert mail.message_id.startswith("sha1:")  # no Message-ID: an id from the bytes
    assert parse(raw).message_id == mail.message_id


def test_malformed_mail_is_kept_with_a_warning() -> None:
    raw = (b"From: broken\r\nSubject: =?x-unknown?Q?abc?=\r\nContent-Type: text/plain; "
           b"charset=x-klingon\r\nDate: not a date\r\n\r\n\xff\xfe caf\xe9")
    mail = parse(raw)
    assert mail.warnings and "unknown character set" in " ".join(mail.warnings)
    assert "unreadable date" in mail.warnings and "no sender address" in mail.warnings
    assert (RAW_MAIL, "message/rfc822", raw) in mail.attachments
    channel = EmailChannel("Shop", EmailSettings(), None)
    incoming = channel.incoming(raw)
    assert incoming.warning and incoming.warning.startswith("This e-mail could not be read")


def test_threading_rules() -> None:
    assert thread_of("m2", ("m1", "root"), "a@x.com", "Re: hi") == "root"
    assert thread_of("m3", (), "a@x.com", "订单2041577302398812346 破了") == \
        "order:a@x.com:2041577302398812346"
    assert thread_of("m4", (), "a@x.com", "Where is order #1001?") == "order:a@x.com:1001"
    assert thread_of("m5", (), "a@x.com", "Hello") == "m5"


# -- against the servers -------------------------------------------------------------------


def _settings(imap: Dovecot, smtp: Smtp, **kw) -> EmailSettings:
    return EmailSettings(address="service@xiaolu-home.example", username=USER,
                         imap_host="127.0.0.1", imap_port=imap.imaps_port, imap_security="tls",
                         smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_security="starttls",
                         ca_file=str(imap.cert), timeout=5, **kw)


@pytest.fixture
def mail_shop(db, servers):
    imap, smtp = servers
    with db.transaction() as s:
        store = Store(key="mail", name="小鹿家居", platform=Platform.EMAIL, currency="CNY",
                      timezone="Asia/Shanghai", settings={"channel": _settings(imap, smtp)
                                                          .to_dict()})
        owner = Agent(key="owner", name="Owner", role=Role.OWNER, active=True)
        s.add_all([store, owner])
        s.flush()
        return {"store": store.id, "owner": owner.id, "imap": imap, "smtp": smtp}


def _channel(shop, batch: int = 50, password: str | None = None) -> EmailChannel:
    imap, smtp = shop["imap"], shop["smtp"]
    return EmailChannel("小鹿家居", _settings(imap, smtp), password or imap.password, batch)


def _count(db, model, *where) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_fetch_decode_and_reply_threaded(db, mail_shop) -> None:
    imap, smtp = mail_shop["imap"], mail_shop["smtp"]
    imap.deliver((SAMPLES / "customer-gbk-with-photo.eml").read_bytes())
    imap.deliver((SAMPLES / "customer-reply-threaded.eml").read_bytes())
    channel = _channel(mail_shop)
    result = sync_store(db, mail_shop["store"], channel)
    assert result.error is None and result.fetched == 2
    with db.read_session() as s:
        xiaohua = s.scalar(select(Customer).join(CustomerIdentity).where(
            CustomerIdentity.handle == "xiaohua@example.cn"))
        assert xiaohua.name == "王小花" and xiaohua.email == "xiaohua@example.cn"
        conv = s.scalar(select(Conversation).where(Conversation.customer_id == xiaohua.id))
        assert conv.subject == "订单2041577302398812346 杯子碎了,要求退款"
        assert conv.external_id == "order:xiaohua@example.cn:2041577302398812346"
        message = s.scalar(select(Message).where(Message.conversation_id == conv.id))
        assert "马克杯碎了" in message.text and message.warning is None
        assert [a.filename for a in message.attachments] == ["破损照片.png"]
        emma_conv = s.scalar(select(Conversation).where(
            Conversation.external_id == "order-1001-shipped@sage-and-clay.example"))
        assert emma_conv is not None
    # messages stay unread on the server (read-only)
    conn = imap.connect()
    conn.select("INBOX", readonly=True)
    assert conn.uid("SEARCH", "UNSEEN")[1][0].split() != []
    conn.logout()
    # a reply goes out threaded, in UTF-8, from the store, and is copied to Sent
    with db.transaction() as s:
        owner = s.get(Agent, mail_shop["owner"])
        photo = parse((SAMPLES / "customer-gbk-with-photo.eml").read_bytes()).attachments[0]
        reply_id = queue_reply(s, owner, emma_conv.id, "Sorry, Emma — we are on it. 马上处理",
                               attachments=[("label.png", "image/png", photo[2])]).id
    sync_store(db, mail_shop["store"], channel)
    [envelope] = smtp.received
    sent = email.message_from_bytes(envelope.original_content, policy=default_policy)
    assert sent["To"] == "emma.jones@example.com"
    assert sent["From"].addresses[0].addr_spec == "service@xiaolu-home.example"
    assert sent["In-Reply-To"] == "<CAE1001reply@mail.example.com>"
    assert sent["References"].split() == ["<order-1001-shipped@sage-and-clay.example>",
                                          "<CAE1001reply@mail.example.com>"]
    assert sent["Subject"] == "Re: Your order #1001 has shipped"
    assert sent.get_body().get_content().strip() == "Sorry, Emma — we are on it. 马上处理"
    assert sent.get_body().get_content_charset() == "utf-8"
    [attached] = list(sent.iter_attachments())
    assert attached.get_filename() == "label.png" and attached.get_content() == photo[2]
    copies = imap.messages("Sent")
    assert len(copies) == 1 and sent["Message-ID"].encode() in copies[0]
    with db.read_session() as s:
        reply = s.get(Message, reply_id)
        assert reply.send_state == SendState.SENT
        assert reply.external_id == sent["Message-ID"].strip("<>")
    # the customer answers ShopDesk's reply (In-Reply-To only): same conversation
    imap.deliver(_mail(f"From: Emma Jones <emma.jones@example.com>\nSubject: Re: Re: order\n"
                       f"Message-ID: <emma-2@mail.example.com>\n"
                       f"In-Reply-To: {sent['Message-ID']}\n", b"Thanks!"))
    sync_store(db, mail_shop["store"], channel)
    with db.read_session() as s:
        answer = s.scalar(select(Message).where(Message.external_id == "emma-2@mail.example.com"))
        assert answer.conversation_id == emma_conv.id and answer.direction == Direction.IN


def test_same_sender_and_order_number_share_a_conversation(db, mail_shop) -> None:
    imap = mail_shop["imap"]
    for n, (sender, subject) in enumerate([("a@example.com", "订单 #5566 还没到"),
                                           ("a@example.com", "Re: order #5566?"),
                                           ("b@example.com", "订单 #5566 还没到")]):
        imap.deliver(_mail(f"From: {sender}\nSubject: =?utf-8?B?{_b64(subject, 'utf-8')}?=\n"
                           f"Message-ID: <t{n}@example.com>\n", "在吗".encode()))
    sync_store(db, mail_shop["store"], _channel(mail_shop))
    assert _count(db, Message) == 3 and _count(db, Conversation) == 2


def test_server_killed_mid_sync_loses_and_doubles_nothing(db, mail_shop) -> None:
    imap = mail_shop["imap"]
    for n in range(5):
        imap.deliver(_mail(f"From: buyer{n}@example.com\nSubject: q{n}\n"
                           f"Message-ID: <k{n}@example.com>\n", f"question {n}".encode()))
    t0 = datetime.now(UTC)
    assert sync_store(db, mail_shop["store"], _channel(mail_shop, batch=2),
                      now=lambda: t0).fetched == 2
    imap.stop()
    down = sync_store(db, mail_shop["store"], _channel(mail_shop, batch=2), now=lambda: t0)
    assert down.error and "refused the connection" in down.error
    with db.read_session() as s:
        state = s.get(ChannelState, mail_shop["store"])
        assert not state.online and state.error == down.error
    imap.start()
    # a crash after fetching but before storing: the cursor was not saved, nothing is lost
    _channel(mail_shop, batch=2).fetch(None)
    later = t0 + timedelta(minutes=5)
    while sync_store(db, mail_shop["store"], _channel(mail_shop, batch=2),
                     now=lambda: later).fetched:
        pass
    assert _count(db, Message) == 5
    # a renumbered mailbox (new UIDVALIDITY) is read again without doubles
    imap.renumber()
    sync_store(db, mail_shop["store"], _channel(mail_shop), now=lambda: later)
    assert _count(db, Message) == 5
    with db.read_session() as s:
        assert s.get(ChannelState, mail_shop["store"]).online


def _a_queued_reply(db, mail_shop) -> tuple[int, int]:
    """A customer's mail synced and a reply to it queued: (conversation id, reply id)."""
    mail_shop["imap"].deliver(_mail("From: c@example.com\nSubject: hi\n"
                                    "Message-ID: <q1@example.com>\n", b"hello"))
    sync_store(db, mail_shop["store"], _channel(mail_shop))
    with db.transaction() as s:
        conv = s.scalar(select(Conversation.id))
        return conv, queue_reply(s, s.get(Agent, mail_shop["owner"]), conv, "hello back").id


def test_a_reply_sent_before_a_crash_is_not_sent_again(db, mail_shop) -> None:
    """The program stops after the server took the reply but before ShopDesk recorded it:
    the next sync finds the reply in Sent by its Message-ID and only records it."""
    imap, smtp = mail_shop["imap"], mail_shop["smtp"]
    conv, reply_id = _a_queued_reply(db, mail_shop)
    assert sync_store(db, mail_shop["store"], _channel(mail_shop)).sent == 1
    [first] = smtp.received
    with db.transaction() as s:  # as if the program had died before recording the send
        reply = s.get(Message, reply_id)
        reply.send_state, reply.external_id = SendState.QUEUED, None
    again = sync_store(db, mail_shop["store"], _channel(mail_shop))
    assert again.sent == 1 and smtp.received == [first]
    assert len(imap.messages("Sent")) == 1
    sent = email.message_from_bytes(first.original_content, policy=default_policy)
    with db.read_session() as s:
        reply = s.get(Message, reply_id)
        assert reply.send_state == SendState.SENT
        assert reply.external_id == sent["Message-ID"].strip("<>")
    # another reply has another Message-ID and goes out
    with db.transaction() as s:
        queue_reply(s, s.get(Agent, mail_shop["owner"]), conv, "one more thing")
    assert sync_store(db, mail_shop["store"], _channel(mail_shop)).sent == 1
    assert len(smtp.received) == 2 and len(imap.messages("Sent")) == 2


def test_without_imap_a_reply_still_goes_out(db, mail_shop) -> None:
    imap, smtp = mail_shop["imap"], mail_shop["smtp"]
    _conv, reply_id = _a_queued_reply(db, mail_shop)
    imap.stop()
    try:
        with db.read_session() as s:
            message = s.get(Message, reply_id)
            outgoing = Outgoing(reply_id, None, "c@example.com", message.text,
                                key=reply_key(reply_id, message.at))
        assert _channel(mail_shop).send(outgoing) is not None
    finally:
        imap.start()
    assert len(smtp.received) == 1 and imap.messages("Sent") == []


def test_changed_password_shows_offline_and_the_outbox_waits(db, mail_shop) -> None:
    imap, smtp = mail_shop["imap"], mail_shop["smtp"]
    imap.deliver(_mail("From: c@example.com\nSubject: hi\nMessage-ID: <p1@example.com>\n",
                       b"hello"))
    t0 = datetime.now(UTC)
    sync_store(db, mail_shop["store"], _channel(mail_shop), now=lambda: t0)
    with db.transaction() as s:
        conv = s.scalar(select(Conversation.id))
        queue_reply(s, s.get(Agent, mail_shop["owner"]), conv, "hello back")
    old = imap.password
    imap.set_password("changed-Pass-2")
    result = sync_store(db, mail_shop["store"], _channel(mail_shop, password=old),
                        now=lambda: t0)
    assert result.error == "IMAP: the server refused the user name or password."
    assert smtp.received == [] and _count(db, Message, Message.send_state == SendState.QUEUED)
    smtp.password = "changed-Pass-2"
    result = sync_store(db, mail_shop["store"], _channel(mail_shop, password="changed-Pass-2"),
                        now=lambda: t0 + timedelta(minutes=1))
    assert result.error is None and result.sent == 1 and len(smtp.received) == 1


def test_test_connection_says_what_worked(servers) -> None:
    imap, smtp = servers
    imap.deliver(b"From: a@example.com\r\nSubject: x\r\n\r\nbody")
    good = EmailChannel("Shop", _settings(imap, smtp), imap.password).test()
    assert [ok for ok, _t in good] == [True, True]
    assert "holds 1 messages" in good[0][1]
    wrong = EmailChannel("Shop", _settings(imap, smtp), "nope").test()
    assert wrong == [(False, "IMAP: the server refused the user name or password."),
                     (False, "SMTP: the server refused the user name or password.")]
    cases = {
        "imap_host": ("no-such-host.invalid", "was not found"),
        "imap_port": (imap.imap_port, "secure connection (TLS)"),  # TLS on the STARTTLS port
        "ca_file": ("", "is not trusted"),
    }
    for field_name, (value, expected) in cases.items():
        settings = _settings(imap, smtp)
        setattr(settings, field_name, value)
        result = EmailChannel("Shop", settings, imap.password).test()
        assert not result[0][0] and expected in result[0][1], result
    closed = _settings(imap, smtp)
    closed.smtp_port = closed.imap_port = _free_closed_port()
    result = EmailChannel("Shop", closed, imap.password).test()
    assert all(not ok and "refused the connection" in text for ok, text in result)
    starttls = _settings(imap, smtp, mailbox="INBOX")
    starttls.imap_port, starttls.imap_security = imap.imap_port, "starttls"
    assert EmailChannel("Shop", starttls, imap.password).test()[0][0]
    missing = _settings(imap, smtp, mailbox="Nowhere")
    assert "does not exist" in EmailChannel("Shop", missing, imap.password).test()[0][1]


def _free_closed_port() -> int:
    from tests.mailservers import free_port

    return free_port()


def test_smtp_over_implicit_tls(tmp_path) -> None:
    cert, key = make_certificate(tmp_path)
    smtp = Smtp(cert, key, implicit_tls=True)
    smtp.start()
    try:
        settings = EmailSettings(address="s@example.test", username=USER, imap_host="x",
                                 smtp_host="127.0.0.1", smtp_port=smtp.port,
                                 smtp_security="tls", ca_file=str(cert), timeout=5)
        channel = EmailChannel("Shop", settings, smtp.password)

        with channel.smtp() as conn:
            conn.send_message(channel.compose(Outgoing(1, "t", "b@example.com", "hi")))
        assert len(smtp.received) == 1
    finally:
        smtp.stop()


def test_sync_stores_the_warning_of_a_broken_mail(db, mail_shop) -> None:
    mail_shop["imap"].deliver(b"From: broken\r\nContent-Type: text/plain; charset=x-klingon"
                              b"\r\n\r\n\xff\xfe hello")
    result = sync_store(db, mail_shop["store"], _channel(mail_shop))
    assert result.error is None and result.fetched == 1
    with db.read_session() as s:
        message = s.scalar(select(Message))
        assert message.warning and "unknown character set" in message.warning
        assert s.scalar(select(Attachment.filename)) == RAW_MAIL


def test_a_known_address_joins_its_customer(db, mail_shop) -> None:
    with db.transaction() as s:
        known = Customer(name="Emma Jones", email="Emma.Jones@example.com")
        s.add(known)
        s.flush()
        known_id = known.id
    mail_shop["imap"].deliver((SAMPLES / "customer-reply-threaded.eml").read_bytes())
    sync_store(db, mail_shop["store"], _channel(mail_shop))
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 1
        ident = s.scalar(select(CustomerIdentity).where(
            CustomerIdentity.handle == "emma.jones@example.com"))
        assert ident.customer_id == known_id and ident.store_id == mail_shop["store"]
