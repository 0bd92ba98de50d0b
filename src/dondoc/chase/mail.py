"""Mail settings and sending: a small TOML file of dondoc's, and SMTP through smtplib.

The settings live in `config.toml` under the user's config folder (`DONDOC_CONFIG` names
another file, for cron or a second office). The password is never in that file, never in the
register and never printed: it comes from `DONDOC_SMTP_PASSWORD`, or from the file
`mail.password_file` names, which only its owner may read. Reminders and the digest send
through the same `Outbox`.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from dondoc.errors import DondocError, InvalidValue
from dondoc.text import is_email, nfc

if TYPE_CHECKING:  # smtplib, ssl and email cost 20 ms to import: loaded only when a command
    import smtplib  # writes or sends a message
    from email.headerregistry import Address
    from email.message import EmailMessage

ENV_CONFIG = "DONDOC_CONFIG"
ENV_PASSWORD = "DONDOC_SMTP_PASSWORD"
SECURITIES = ("starttls", "tls", "none")
LANGS = ("vi", "en")
# The ports each security usually takes, when mail.port is not set.
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
TIMEOUT_S = 30


@dataclass
class MailSettings:
    """What sending needs, as `dondoc config set mail.KEY VALUE` sets it."""

    host: str | None = None
    port: int | None = None  # default: by security, 587 / 465 / 25
    security: str = "starttls"  # starttls, tls (SMTPS) or none (a relay on the office's LAN)
    user: str | None = None  # log in as; no login without it
    sender: str | None = None  # From: 'Văn phòng UBND huyện <vanthu@example.vn>'
    cc: list[str] = field(default_factory=list)  # copied on every reminder
    ca_file: str | None = None  # PEM certificates to trust instead of the system's
    password_file: str | None = None  # a file only its owner can read
    lang: str = "vi"  # the language of the messages, unless --lang says otherwise

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port or DEFAULT_PORTS[self.security]}"


KEYS = tuple(f"mail.{f.name}" for f in fields(MailSettings))


def config_path() -> Path:
    """$DONDOC_CONFIG, else config.toml in the user's config folder."""
    chosen = os.environ.get(ENV_CONFIG)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path("dondoc", appauthor=False) / "config.toml"


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as source:
            found = tomllib.load(source)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidValue("the settings file {path} cannot be read: {error}",
                           "fix it, or set the values again with `dondoc config set`",
                           path=path, error=str(exc)) from None
    mail = found.get("mail", {})
    if not isinstance(mail, dict):
        raise InvalidValue("the settings file {path} cannot be read: {error}",
                           "fix it, or set the values again with `dondoc config set`",
                           path=path, error="[mail] is not a table")
    return {f"mail.{key}": value for key, value in mail.items()}


def load_settings(path: Path | None = None) -> MailSettings:
    """The mail settings in the file (none set: all defaults); each value checked as `set`
    checks it, so a hand-edited file is refused naming the key."""
    path = path or config_path()
    settings = MailSettings()
    for key, value in _read(path).items():
        if key not in KEYS:
            raise InvalidValue("{path}: no setting {key!r}", "known settings: {known}",
                               path=path, key=key, known=", ".join(KEYS))
        text = ", ".join(value) if isinstance(value, list) else str(value)
        setattr(settings, key.removeprefix("mail."), parse_value(key, text))
    return settings


def parse_value(key: str, value: str) -> object:
    """The value `dondoc config set KEY VALUE` stores; refused with one line when it is wrong.
    An empty value unsets the key."""
    value = nfc(value).strip()
    if key == "mail.password":
        raise InvalidValue("the password is never stored in dondoc's settings",
                           "set DONDOC_SMTP_PASSWORD for the command, or put it in a file only "
                           "you can read and `dondoc config set mail.password_file PATH`")
    if key not in KEYS:
        raise InvalidValue("no setting {key!r}", "known settings: {known}", key=key,
                           known=", ".join(KEYS))
    if key == "mail.cc":
        addresses = [a.strip() for a in value.replace(";", ",").split(",") if a.strip()]
        for address in addresses:
            if not is_email(address):
                raise InvalidValue("{key}: {value!r} is not an e-mail address",
                                   "e.g. lanhdao@example.vn, separated by commas", key=key,
                                   value=address)
        return addresses
    if not value:
        return MailSettings.__dataclass_fields__[key.removeprefix("mail.")].default
    if key == "mail.port":
        if not value.isdigit() or not 0 < int(value) < 65536:
            raise InvalidValue("{key}: {value!r} is not a port number", "e.g. 587",
                               key=key, value=value)
        return int(value)
    if key == "mail.security" and value not in SECURITIES:
        raise InvalidValue("{key}: {value!r} is not one of {choices}", key=key, value=value,
                           choices=", ".join(SECURITIES))
    if key == "mail.lang" and value not in LANGS:
        raise InvalidValue("{key}: {value!r} is not one of {choices}", key=key, value=value,
                           choices=", ".join(LANGS))
    if key == "mail.sender" and not is_email(address_of(value)):
        raise InvalidValue("{key}: {value!r} is not an e-mail address",
                           "e.g. 'Văn phòng UBND <vanthu@example.vn>'", key=key, value=value)
    if key in ("mail.ca_file", "mail.password_file"):
        return str(Path(value).expanduser().resolve())
    return value


def address_of(sender: str) -> str:
    """vanthu@example.vn of 'Văn phòng <vanthu@example.vn>'."""
    from email.utils import parseaddr

    return parseaddr(sender)[1] or sender


def message(subject: str, sender: str | None, to: str | Address, plain: str, html: str,
            cc: Sequence[str] = ()) -> EmailMessage:
    """A message as dondoc sends one: a plain-text and an HTML part holding the same content,
    headers encoded as RFC 2047 wants, a Message-ID in the sender's domain, marked
    auto-generated."""
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    made = EmailMessage()
    made["Subject"] = subject
    if sender:
        made["From"] = sender
    made["To"] = to
    if cc:
        made["Cc"] = ", ".join(cc)
    made["Date"] = formatdate(localtime=True)
    domain = address_of(sender).rpartition("@")[2] if sender else None
    made["Message-ID"] = make_msgid(domain=domain)  # short: a folded header reads back with a
                                                     # space in front
    made["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    made.set_content(plain, cte="quoted-printable")
    made.add_alternative(html, subtype="html", cte="quoted-printable")
    return made


def save_setting(key: str, value: str, path: Path | None = None) -> object:
    """Set one key in the settings file (created, readable by its owner alone), written whole
    to a new file then renamed, so a failure leaves the old one. The value stored."""
    path = path or config_path()
    stored = parse_value(key, value)
    values = _read(path)
    values[key] = stored
    lines = ["# dondoc's settings: `dondoc config set KEY VALUE`, `dondoc config show`.",
             "# The SMTP password is never kept here (DONDOC_SMTP_PASSWORD or mail.password_file).",
             "[mail]"]
    for name in KEYS:
        if values.get(name) not in (None, [], ""):
            lines.append(f"{name.removeprefix('mail.')} = {_toml(values[name])}")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    part = path.with_name(path.name + ".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    part.replace(path)
    return stored


def _toml(value: object) -> str:
    """A TOML value: JSON's string escapes are TOML's, and so are its lists and integers."""
    return json.dumps(value, ensure_ascii=False)


def password(settings: MailSettings) -> str | None:
    """The SMTP password: $DONDOC_SMTP_PASSWORD, else the first line of mail.password_file,
    which must be this account's and readable by it alone; None when neither is set."""
    from_env = os.environ.get(ENV_PASSWORD)
    if from_env:
        return from_env
    if not settings.password_file:
        return None
    path = Path(settings.password_file)
    try:
        info = path.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o077:
            raise InvalidValue("the password file {path} may be read by others (mode {mode})",
                               "make it yours alone: chmod 600 {path}", path=path,
                               mode=oct(stat.S_IMODE(info.st_mode))[2:].zfill(4))
        return path.read_text(encoding="utf-8").splitlines()[0] if info.st_size else ""
    except OSError as exc:
        raise InvalidValue("the password file {path} cannot be read: {error}",
                           "check mail.password_file (`dondoc config show`)", path=path,
                           error=exc.strerror) from None


class MailServerError(DondocError):
    """The mail server could not be reached or refused the session: nothing was sent."""


class NotSent(Exception):
    """One message the server did not take; `reason` says why, as the server put it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_ready(settings: MailSettings) -> None:
    """Refuse, before anything is sent, settings that cannot send."""
    if not settings.host:
        raise InvalidValue("mail.host is not set", "e.g. `dondoc config set mail.host "
                           "smtp.example.vn`, then mail.sender")
    if not settings.sender:
        raise InvalidValue("mail.sender is not set", "e.g. `dondoc config set mail.sender "
                           "'Văn phòng UBND <vanthu@example.vn>'`")


class Outbox:
    """An SMTP session, opened on entry: `send` one message after another. A session the
    server dropped is opened again for the next message."""

    def __init__(self, settings: MailSettings, secret: str | None) -> None:
        check_ready(settings)
        self.settings = settings
        self.secret = secret
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Outbox:
        self.smtp = self._connect()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        import smtplib

        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()

    def _connect(self) -> smtplib.SMTP:
        import smtplib
        import ssl

        s = self.settings
        assert s.host is not None
        port = s.port or DEFAULT_PORTS[s.security]
        try:
            # mail.ca_file, when set, is what is trusted: the office's own certificate
            context = ssl.create_default_context(cafile=s.ca_file)
            smtp: smtplib.SMTP
            if s.security == "tls":
                smtp = smtplib.SMTP_SSL(s.host, port, timeout=TIMEOUT_S, context=context)
            else:
                smtp = smtplib.SMTP(s.host, port, timeout=TIMEOUT_S)
            if s.security == "starttls":
                smtp.starttls(context=context)
            if s.user:
                smtp.login(s.user, self.secret or "")
        except UnicodeEncodeError:  # smtplib logs in with ASCII only
            raise MailServerError("cannot log in to the mail server {server}: SMTP login "
                                  "takes only ASCII characters in the user name and password",
                                  "nothing was sent", server=s.server) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailServerError("cannot send through the mail server {server}: {error}",
                                  "check the mail settings (`dondoc config show`); nothing was "
                                  "sent", server=s.server, error=_why(exc)) from None
        return smtp

    def send(self, message: EmailMessage, recipients: Sequence[str],
             required: str) -> dict[str, str]:
        """Send `message` to `recipients`; NotSent unless the server accepted it for the
        `required` address. A copy refused alone does not fail it: the copies refused, each
        with the server's reason, are returned for the caller to name."""
        import smtplib

        try:
            if self.smtp is None:
                self.smtp = self._connect()
            refused = self.smtp.send_message(message, from_addr=address_of(
                self.settings.sender or ""), to_addrs=list(recipients))
        except MailServerError as exc:
            raise NotSent(exc.message.render("en")) from None
        except smtplib.SMTPRecipientsRefused as exc:
            raise NotSent(_refusals(exc.recipients)) from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self.smtp = None  # open a new session for the next message
            raise NotSent(_why(exc)) from None
        except smtplib.SMTPException as exc:
            raise NotSent(_why(exc)) from None
        if required in refused:
            raise NotSent(_refusals({required: refused[required]}))
        return {address: _said(*why) for address, why in refused.items()}


def _why(exc: BaseException) -> str:
    """What went wrong, as the server or the system said it."""
    import smtplib
    import ssl

    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"certificate verify failed: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        return str(exc.reason or exc)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _refusals(refused: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{address}: {_said(*why)}" for address, why in refused.items())


def _said(code: int, text: bytes) -> str:
    """A server's reply: `550 5.1.1 no such mailbox here`."""
    return f"{code} {text.decode('utf-8', 'replace')}"
