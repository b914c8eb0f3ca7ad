"""The tables an export holds, column by column, and how each cell is read back with a clear message.

The same specification serves the JSON keys and fields, the Excel sheets and headers, the export
queries and the import checks, so the formats cannot drift apart. The history tables mirror the
database's append-only tables (every version with when and by whom); an export holds no ``seq``:
rows are in the order they were recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from cpss.i18n import N_
from cpss.model.answers import (
    CONFIDENCE_LEVELS,
    DONT_KNOW,
    MAX_TEXT_CHARS,
    NOT_APPLICABLE,
    RATED,
    SOURCES,
)
from cpss.model.assessments import DRAFT, FINAL, TEXT_LIMITS
from cpss.model.errors import Phrase, UserError, control_character, visible_controls
from cpss.model.plans import ITEM_STATUSES
from cpss.model.plans import TEXT_LIMITS as ITEM_LIMITS
from cpss.model.times import utc_now

NAME_LIMIT = 120  # who recorded a change: a person's name, like the assessor
ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
# Assessment and due dates outside these are typing slips, and the app's date pickers refuse them.
FIRST_DATE, LAST_DATE = date(1990, 1, 1), date(2100, 12, 31)
# When a change was recorded: no installation of this app recorded anything before 2000, and a time
# ahead of now (beyond clock differences) would win every later conflict, as the newest version.
FIRST_RECORDED, CLOCK_SLACK = datetime(2000, 1, 1), timedelta(days=1)


class FileError(UserError):
    """A file that cannot be imported; the message names the place (sheet, row, column) and why."""


@dataclass(frozen=True)
class Place:
    """Where a cell is: an Excel sheet, row and column, or a JSON table, item and field."""

    table: str
    row: int | None = None
    column: str | None = None
    excel: bool = True

    def __str__(self) -> str:
        return str(self.phrase())

    def phrase(self) -> Phrase:
        """Where the cell is, in words translated with the message (one whole phrase per case:
        languages order "sheet, row, column" differently)."""
        key = (self.excel, self.row is not None, self.column is not None)
        return Phrase(_PLACES[key], table=self.table, row=self.row, column=self.column)

    def error(self, what: str | Phrase | UserError, /, **values: object) -> FileError:
        """The import error for this place: ``what`` is the message id of what is wrong there."""
        problem = what if isinstance(what, (Phrase, UserError)) else Phrase(what, **values)
        return FileError("{place}: {problem}", place=self.phrase(), problem=problem)


# How a place is named, by (Excel?, has a row?, has a column?).
_PLACES = {
    (True, False, False): N_('Sheet "{table}"'),
    (True, True, False): N_('Sheet "{table}", row {row}'),
    (True, False, True): N_('Sheet "{table}", column "{column}"'),
    (True, True, True): N_('Sheet "{table}", row {row}, column "{column}"'),
    (False, False, False): N_('"{table}"'),
    (False, True, False): N_('"{table}", item {row}'),
    (False, False, True): N_('"{table}", field "{column}"'),
    (False, True, True): N_('"{table}", item {row}, field "{column}"'),
}


@dataclass(frozen=True)
class Column:
    """One field: its JSON name, its Excel header, its kind and its rules.

    Kinds: ``text``, ``id`` (32 hex digits), ``int``, ``bool``, ``date``, ``timestamp`` (UTC),
    ``ids`` (a list of subdomain ids), ``money`` (an exact amount, two decimals) and ``share``
    (an exact fraction from 0 to 1, six decimals). ``required`` False lets the cell be empty (NULL);
    ``choices`` and ``limit`` (characters) restrict the value.
    """

    field: str
    header: str
    kind: str = "text"
    required: bool = True
    limit: int | None = None
    choices: tuple | None = None


@dataclass(frozen=True)
class Table:
    """A history table: its key in JSON (and name in the database), its sheet and columns.

    ``group`` is the key whose latest row is the current state (e.g. assessment and subdomain).
    """

    name: str
    sheet: str
    columns: tuple[Column, ...]
    group: tuple[str, ...]

    @property
    def fields(self) -> list[str]:
        """The column names, in order."""
        return [c.field for c in self.columns]


RECORDED = (
    Column("recorded_at", "Recorded at (UTC)", "timestamp"),
    Column("recorded_by", "Recorded by", limit=NAME_LIMIT),
)
ASSESSMENT_ID = Column("assessment_id", "Assessment ID", "id")

ASSESSMENTS = Table(
    "assessments",
    "Assessments",
    (
        Column("id", "Assessment ID", "id"),
        Column("framework_version", "Framework version", limit=40),
        Column("is_demo", "Demo (fictional data)", "bool"),
        Column("created_at", "Created at (UTC)", "timestamp"),
        Column("created_by", "Created by", limit=NAME_LIMIT),
    ),
    ("id",),
)

DETAILS = Table(
    "assessment_details",
    "Assessment history",
    (
        ASSESSMENT_ID,
        Column("country_code", "Country code", limit=8),
        Column("country", "Country", limit=NAME_LIMIT),
        Column("unit", "Unit", limit=TEXT_LIMITS["unit"]),
        Column("title", "Title", limit=TEXT_LIMITS["title"]),
        Column("assessment_date", "Date", "date"),
        Column("assessor", "Assessor", limit=TEXT_LIMITS["assessor"]),
        Column("status", "Status", choices=(DRAFT, FINAL)),
        *RECORDED,
    ),
    ("assessment_id",),
)

RATINGS = Table(
    "ratings",
    "Rating history",
    (
        ASSESSMENT_ID,
        Column("subdomain_id", "Subdomain", limit=10),
        Column("answer", "Answer", required=False, choices=(RATED, DONT_KNOW, NOT_APPLICABLE)),
        Column("phase", "Phase", "int", required=False),
        Column("target", "Target", "int", required=False),
        Column("confidence", "Confidence", required=False, choices=CONFIDENCE_LEVELS),
        Column("evidence", "Evidence", limit=MAX_TEXT_CHARS),
        Column("rationale", "Rationale", limit=MAX_TEXT_CHARS),
        Column("source", "Source", choices=SOURCES),
        *RECORDED,
    ),
    ("assessment_id", "subdomain_id"),
)

ACTION_ITEMS = Table(
    "action_items",
    "Action plan history",
    (
        Column("item_id", "Item ID", "id"),
        ASSESSMENT_ID,
        Column("subdomain_id", "Subdomain", required=False, limit=10),
        Column("what", "Action", limit=ITEM_LIMITS["what"]),
        Column("owner", "Owner", limit=ITEM_LIMITS["owner"]),
        Column("due_date", "Due date", "date", required=False),
        Column("status", "Status", choices=tuple(ITEM_STATUSES)),
        Column("notes", "Notes", limit=ITEM_LIMITS["notes"]),
        Column("reviewed_in", "Followed up in assessment", "id", required=False),
        *RECORDED,
    ),
    ("item_id",),
)

REVIEWS = Table(
    "priority_reviews",
    "Priority reviews",
    (
        ASSESSMENT_ID,
        Column("ordering", "Order of priorities", "ids"),
        Column("dismissed", "Dismissed priorities", "ids"),
        *RECORDED,
    ),
    ("assessment_id",),
)

# The tables an import reads, in the order they are checked and written.
HISTORY_TABLES = (ASSESSMENTS, DETAILS, RATINGS, ACTION_ITEMS, REVIEWS)


def read_cell(column: Column, value, place: Place):
    """The cell's value as the database stores it, or :class:`FileError` naming the place."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if not column.required:
            return None
        if column.kind == "text" and column.choices is None:
            return ""  # free text may be empty (e.g. no evidence yet)
        if column.kind == "ids":
            return ()  # an empty list (e.g. no priority dismissed) is an empty cell in Excel
        raise place.error("is empty; a value is required.")
    value = _READERS[column.kind](value, place)
    if column.limit is not None and len(value) > column.limit:
        raise place.error(
            "is too long: {length:,} characters, at most {limit:,}.",
            length=len(value),
            limit=column.limit,
        )
    if column.choices is not None and value not in column.choices:
        raise place.error(
            "{value!r} is not one of: {items}.", value=value, items=", ".join(column.choices)
        )
    return value


def _text(value, place: Place) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise place.error("expected text, found {value!r}.", value=value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed in Excel, e.g. a year as a title
    text = str(value).strip()
    if problem := control_character(text):
        raise place.error(problem)
    return text


def _id(value, place: Place) -> str:
    text = _text(value, place).lower().replace("-", "")
    if not ID_PATTERN.match(text):
        raise place.error("{value!r} is not an id (32 hexadecimal digits).", value=value)
    return text


def _int(value, place: Place) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise place.error("{value!r} is not a whole number.", value=value)


def _bool(value, place: Place) -> bool:
    if isinstance(value, bool):
        return value
    words = {"yes": True, "no": False, "true": True, "false": False}
    if isinstance(value, str) and value.strip().lower() in words:
        return words[value.strip().lower()]
    raise place.error("{value!r} is not yes or no.", value=value)


def _date(value, place: Place) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value).strip())
        except ValueError:
            raise place.error("{value!r} is not a date (YYYY-MM-DD).", value=value) from None
    if not FIRST_DATE <= value <= LAST_DATE:
        raise place.error(
            "{value:%Y-%m-%d} is out of range: a date is from {first_date:%Y-%m-%d} to "
            "{last_date:%Y-%m-%d}.",
            value=value,
            first_date=FIRST_DATE,
            last_date=LAST_DATE,
        )
    return value


def _timestamp(value, place: Place) -> datetime:
    if isinstance(value, datetime):
        stamp = value
    else:
        try:
            stamp = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise place.error(
                "{value!r} is not a time (YYYY-MM-DD HH:MM:SS, UTC).", value=value
            ) from None
    latest = utc_now() + CLOCK_SLACK
    if not FIRST_RECORDED <= stamp.replace(tzinfo=None) <= latest:
        raise place.error(
            "{isoformat} is out of range: a recorded time is from "
            "{first_recorded:%Y-%m-%d} to a day from now ({latest:%Y-%m-%d %H:%M} UTC).",
            isoformat=stamp.isoformat(sep=" "),
            first_recorded=FIRST_RECORDED,
            latest=latest,
        )
    if stamp.tzinfo is not None:  # "+02:00" written by another program: the database keeps UTC
        stamp = stamp.astimezone(UTC)
    return stamp.replace(tzinfo=None)


def _ids(value, place: Place) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return tuple(value)
    raise place.error("{value!r} is not a list of subdomain ids.", value=value)


def _exact(value, place: Place, places: int, most: Decimal | None = None) -> Decimal:
    """An exact decimal of zero or more (at most ``most``) with at most ``places`` decimals: text
    in JSON ("1250.50"), a number in Excel (read through its shortest text, never as a float)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise place.error("{value!r} is not a number.", value=value)
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        raise place.error("{value!r} is not a number.", value=value) from None
    if not number.is_finite() or number < 0 or (most is not None and number > most):
        raise place.error("{value!r} is out of range.", value=value)
    step = Decimal(1).scaleb(-places)
    if number != number.quantize(step):
        raise place.error("{value!r} has more than {places} decimals.", value=value, places=places)
    return number.quantize(step)


_READERS = {
    "text": _text,
    "id": _id,
    "int": _int,
    "bool": _bool,
    "date": _date,
    "timestamp": _timestamp,
    "ids": _ids,
    "money": lambda value, place: _exact(value, place, 2, Decimal("9999999999999999.99")),
    "share": lambda value, place: _exact(value, place, 6, Decimal(1)),
}


def write_cell(column: Column, value, excel: bool):
    """A stored value as it goes into a file: JSON-safe text and numbers, or Excel cells.

    Times are ISO text in both (Excel would round microseconds); dates are dates in Excel;
    yes/no and comma-separated ids in Excel, booleans and lists in JSON.
    """
    if value is None:
        return None
    if column.kind == "timestamp":
        return value.isoformat(sep=" ")
    if column.kind == "date":
        return value if excel else value.isoformat()
    if column.kind == "bool":
        return ("yes" if value else "no") if excel else bool(value)
    if column.kind == "ids":
        return ", ".join(value) if excel else list(value)
    if column.kind in ("money", "share"):  # a number in Excel; exact text in JSON
        return float(value) if excel else f"{value:f}"
    return value


def append_row(sheet, values) -> None:
    """Append a row to a worksheet, control characters in its texts shown as "\ufffd": a cell
    cannot hold them (openpyxl raises), and text stored before they were refused may."""
    sheet.append([visible_controls(v) if isinstance(v, str) else v for v in values])
