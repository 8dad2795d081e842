"""Real mail servers on loopback for the e-mail channel's tests: Debian's Dovecot (IMAP, with
TLS on one port and STARTTLS on another) configured in a temporary folder with a throw-away
user, and aiosmtpd (SMTP with STARTTLS or TLS, and a password). A self-signed certificate
made with ``openssl`` is what the channel is told to trust (its ``ca_file`` setting).

Without ``dovecot`` the tests are skipped, unless ``SHOPDESK_REQUIRE_MAIL=1`` (set by CI).
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

USER = "shop@example.test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


def _require(tool: str) -> str:
    found = shutil.which(tool) or (f"/usr/sbin/{tool}" if Path(f"/usr/sbin/{tool}").exists()
                                   else None)
    if found is None:
        if os.environ.get("SHOPDESK_REQUIRE_MAIL") == "1":
            pytest.fail(f"SHOPDESK_REQUIRE_MAIL=1 but {tool} is not installed")
        pytest.skip(f"{tool} is not installed (apt-get install dovecot-imapd)")
    return found


CONFIG = """
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
auth_mechanisms = plain login
auth_failure_delay = 0
disable_plaintext_auth = yes
first_valid_uid = 1
mail_location = maildir:~/Maildir
{users}
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    root: Path
    cert: Path
    key: Path
    password: str = "first-Pass-1"
    imap_port: int = field(default_factory=free_port)  # STARTTLS
    imaps_port: int = field(default_factory=free_port)  # TLS

    def write_config(self) -> Path:
        binary = _require("dovecot")
        del binary
        if os.geteuid() == 0:  # as root, mail is handled as the dovecot user
            account = pwd.getpwnam("dovecot")
            uid, gid, users = account.pw_uid, account.pw_gid, ""
        else:  # as anyone else, everything runs as that user
            uid, gid = os.getuid(), os.getgid()
            name = pwd.getpwuid(uid).pw_name
            users = f"default_internal_user = {name}\ndefault_login_user = {name}"
        for sub in ("run", "state", "home"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        os.chown(self.root / "home", uid, gid)
        conf = self.root / "dovecot.conf"
        conf.write_text(CONFIG.format(root=self.root, cert=self.cert, key=self.key, uid=uid,
                                      gid=gid, users=users, imap_port=self.imap_port,
                                      imaps_port=self.imaps_port), encoding="utf-8")
        self.set_password(self.password)
        return conf

    def set_password(self, password: str) -> None:
        """A new password; a running server is told to reload (its auth process caches)."""
        self.password = password
        (self.root / "users").write_text(f"{USER}:{{PLAIN}}{password}\n", encoding="utf-8")
        pid_file = self.root / "run" / "master.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text().strip()), signal.SIGHUP)
            time.sleep(0.5)

    def start(self) -> None:
        conf = self.write_config()
        # (no pipes: the daemon would keep them open and the call would never return)
        subprocess.run([_require("dovecot"), "-c", str(conf)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.imaps_port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("dovecot did not start: " + self.log())

    def stop(self) -> None:
        pid_file = self.root / "run" / "master.pid"
        if not pid_file.exists():
            return
        pid = int(pid_file.read_text().strip())
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
                time.sleep(0.05)
            except ProcessLookupError:
                break
        pid_file.unlink(missing_ok=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def connect(self) -> imaplib.IMAP4_SSL:
        context = ssl.create_default_context(cafile=str(self.cert))
        conn = imaplib.IMAP4_SSL("127.0.0.1", self.imaps_port, ssl_context=context)
        conn.login(USER, self.password)
        return conn

    def deliver(self, raw: bytes, mailbox: str = "INBOX") -> None:
        conn = self.connect()
        try:
            status, data = conn.append(mailbox, None, None, raw)
            assert status == "OK", data
        finally:
            conn.logout()

    def messages(self, mailbox: str) -> list[bytes]:
        conn = self.connect()
        try:
            conn.select(mailbox, readonly=True)
            _s, data = conn.uid("SEARCH", "ALL")
            found = []
            for uid in (data[0] or b"").split():
                _s, got = conn.uid("FETCH", uid, "(BODY.PEEK[])")
                found.append(got[0][1])
            return found
        finally:
            conn.logout()

    def renumber(self) -> None:
        """A new UIDVALIDITY for INBOX (as after a server migration): same mail, new UIDs."""
        self.stop()
        for path in (self.root / "home").rglob("dovecot-uidlist"):
            path.unlink()
        for path in (self.root / "home").rglob("dovecot.index*"):
            path.unlink()
        self.start()


@dataclass
class Smtp:
    cert: Path
    key: Path
    password: str = "first-Pass-1"
    implicit_tls: bool = False
    port: int = field(default_factory=free_port)
    received: list = field(default_factory=list)  # aiosmtpd envelopes
    controller: object = None
    # Called with each envelope after the server has taken it and before it answers "250"
    # (a test kills the sending process there: the mail is delivered, the sender never knows).
    on_data: Callable[[object], None] | None = None

    def start(self) -> None:
        try:
            from aiosmtpd.controller import Controller
            from aiosmtpd.smtp import AuthResult, LoginPassword
        except ImportError:
            if os.environ.get("SHOPDESK_REQUIRE_MAIL") == "1":
                pytest.fail("SHOPDESK_REQUIRE_MAIL=1 but aiosmtpd is not installed")
            pytest.skip("aiosmtpd is not installed")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(self.cert), str(self.key))
        server = self

        class Handler:
            async def handle_DATA(self, _server, _session, envelope):  # noqa: N802
                server.received.append(envelope)
                if server.on_data is not None:
                    server.on_data(envelope)
                return "250 OK"

        def authenticator(_server, _session, _envelope, _mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() \
                and auth_data.password == server.password.encode()
            return AuthResult(success=ok, handled=False)  # (handled=True: no 535 reply)

        options = {"authenticator": authenticator, "auth_require_tls": not self.implicit_tls}
        if self.implicit_tls:
            options["ssl_context"] = context
        else:
            options["tls_context"] = context
            options["require_starttls"] = True
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port,
                                     **options)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def servers() -> Iterator[tuple[Dovecot, Smtp]]:
    """A fresh Dovecot and aiosmtpd with the same throw-away user and password."""
    # Dovecot's own users must reach the folder: not pytest's private tmp_path.
    root = Path(tempfile.mkdtemp(prefix="shopdesk-mail-"))
    root.chmod(0o755)
    cert, key = make_certificate(root)
    imap = Dovecot(root / "dovecot", cert, key)
    imap.root.mkdir()
    try:
        imap.start()
        smtp = Smtp(cert, key, password=imap.password)
        smtp.start()
        yield imap, smtp
        smtp.stop()
    finally:
        imap.stop()
        shutil.rmtree(root, ignore_errors=True)
