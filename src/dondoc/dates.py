"""Dates as clerks write them: day first, always."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from dondoc.errors import InvalidValue
from dondoc.i18n import Text
from dondoc.text import fold


class DateError(InvalidValue):
    """`value` is not a date; `why` says how (for messages that name the cell themselves);
    `where` (an option, say) goes in front."""

    def __init__(self, value: str, why: str, where: str | None = None) -> None:
        self.value, self.why = value, Text(why)
        super().__init__("{where}{value!r} {why}", "write it day first: {forms}",
                         where=f"{where}: " if where else "", value=value, why=self.why,
                         forms=Text(FORMS))

# The common forms are parsed here without dateutil: it costs ~30 µs a call, and an import of a
# million rows parses three dates a row.
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_LINE = re.compile(r"(?:.*,\s*)?ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_RELATIVE = {"today": 0, "hom nay": 0, "yesterday": -1, "hom qua": -1, "tomorrow": 1, "ngay mai": 1}

FORMS = "16/02/2023, 16-2-2023, 16/2 (this year), 2023-02-16, today or yesterday"


def parse_date(text: str, today: date | None = None) -> date:
    """Parse a date written day first; raise InvalidValue naming the value when it is not one."""
    value = text.strip()
    try:
        match = _DAY_FIRST.fullmatch(value)
        if match:
            day, month, year = match.groups()
            if year is None:
                year_n = (today or date.today()).year
            else:
                year_n = int(year) + (2000 if len(year) == 2 else 0)
            return date(year_n, int(month), int(day))
        match = _ISO.fullmatch(value)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise DateError(value, "is not a real date") from None
    folded = fold(value)
    if folded in _RELATIVE:
        return (today or date.today()) + timedelta(days=_RELATIVE[folded])
    match = _DATE_LINE.fullmatch(folded)  # "Hà Nội, ngày 20 tháng 02 năm 2023"
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    return _parse_unusual(value, today or date.today())


def _parse_unusual(value: str, today: date) -> date:
    """The rarer forms, through dateutil ('16 Feb 2023'). A deadline needs its day: '06/2023'
    is a month, which dateutil would quietly read as its first day."""
    from dateutil import parser  # imported only for the rare forms: it costs ~45 ms

    if value and any(c.isdigit() for c in value):
        try:
            # Read twice with different defaults: what differs, the text did not say.
            one, two = (parser.parse(value, dayfirst=True, default=datetime(*default)).date()
                        for default in ((2000, 1, 1), (2004, 2, 2)))
        except (ValueError, OverflowError):
            raise DateError(value, "is not a date") from None
        if one.month != two.month:
            raise DateError(value, "is a year, not a day: write the day, e.g. 31/12/2023")
        if one.day != two.day:
            raise DateError(value, "is a month, not a day: write the day, e.g. 30/06/2023")
        return one if one.year == two.year else one.replace(year=today.year)
    raise DateError(value, "is not a date")


def parse_optional_date(text: str | None, today: date | None = None) -> date | None:
    if text is None or not text.strip():
        return None
    return parse_date(text, today)


def show_date(value: date | str | None) -> str:
    """A date as clerks read it: 16/02/2023."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def now_stamp() -> str:
    """The moment something is recorded, UTC, ISO 8601 to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Vietnam's zone, for recorded moments when the system names none (TZ): the office's clock.
HOME_ZONE = "Asia/Ho_Chi_Minh"


def show_moment(value: str | None) -> str:
    """A recorded moment (stored UTC, `2023-02-16T01:30:00Z`) as people read it: local time,
    `16/02/2023 08:30`, in the zone $TZ names, else Asia/Ho_Chi_Minh."""
    if not value:
        return ""
    local = _local(value)
    return f"{show_date(local.date())} {local:%H:%M}"


def local_day(value: str) -> date:
    """The day a recorded moment (stored UTC) fell on at the office, in the zone show_moment
    uses: a completion recorded at 23:30 UTC on 16/02 was recorded on 17/02 in Hà Nội."""
    return _local(value).date()


def _local(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:  # stored before zones were written: UTC all the same
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(local_zone())


def local_zone() -> tzinfo | None:
    """$TZ's zone (None: the C library's reading of TZ, for values zoneinfo does not know, such
    as POSIX rules); else the system's, when it is set to one other than UTC; else Vietnam's: a
    server or a container left on UTC says nothing about the office. UTC+7 where there is no
    zone database (Vietnam has kept UTC+7, without daylight saving, since 1975)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").removeprefix(":")
    if not name and datetime.now().astimezone().utcoffset() != timedelta(0):
        return None  # the system's own zone
    try:
        return ZoneInfo(name or HOME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return None if name else timezone(timedelta(hours=7))
