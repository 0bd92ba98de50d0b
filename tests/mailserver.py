"""A real SMTP server for the tests that send mail: aiosmtpd on localhost, and dondoc's
settings pointing at it (tests/chase)."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from conftest import Run


@dataclass
class Received:
    sender: str
    recipients: list[str]
    raw: bytes
    message: EmailMessage


@dataclass
class Inbox:
    """The server's side: what it accepted, and the addresses it refuses (RCPT 550)."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos),
                                      envelope.content, parsed))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]


def text_of(message: EmailMessage, kind: str = "plain") -> str:
    """A part's decoded text, line ends as Python writes them (SMTP sends CRLF)."""
    part = message.get_body((kind,))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(dondoc: Run, tls: ssl.SSLContext | None = None,
          login: tuple[str, str] | None = None) -> Iterator[Inbox]:
    """An SMTP server on localhost, and dondoc's settings pointing at it; with `tls`, one that
    takes mail only after STARTTLS; with `login`, only from that user with that password."""
    box = Inbox(port=free_port())

    def authenticator(server: SMTP, session: Session, envelope: Envelope, mechanism: str,
                      data: object) -> AuthResult:
        assert isinstance(data, LoginPassword)
        given = (bytes(data.login).decode(), bytes(data.password).decode())
        # handled=False: the server answers 535 itself when it fails
        return AuthResult(success=given == login, handled=False)

    controller = Controller(box, hostname="127.0.0.1", port=box.port, tls_context=tls,
                            require_starttls=tls is not None,
                            authenticator=authenticator if login else None,
                            auth_required=login is not None, auth_require_tls=False)
    controller.start()
    dondoc("config", "set", "mail.host", "127.0.0.1")
    dondoc("config", "set", "mail.port", str(box.port))
    dondoc("config", "set", "mail.security", "none")
    dondoc("config", "set", "mail.sender", "Văn phòng UBND Thành phố <vanthu@hanoi.gov.vn>")
    try:
        yield box
    finally:
        controller.stop()
