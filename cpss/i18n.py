"""The interface's languages: every word a user reads, in English, French, Spanish, Russian or
Arabic (issue 17; docs/decisions/languages.md).

The standard Python way: gettext catalogues with one message id per string, the English text, and
named placeholders (``"Saved at {time}"``). Their sources are ``locales/<lang>/LC_MESSAGES/cpss.po``
in the repository; Babel's extractor finds the strings (``tools/extract_messages.sh``). A catalogue
is compiled in memory by Babel the first time a process needs its language, and kept for the
process: no build step, and no compiled file that could fall out of step with its source.

cpss never imports streamlit, so it never knows a session's language: code here that writes words
takes a :class:`Text` (``tr``, English by default) and calls ``tr("...", name=value)``. Pages get
theirs from ``ui.i18n``. What users type is never translated; stored data stays language-neutral
(ISO codes and dates, phase numbers).
"""

from __future__ import annotations

import functools
import gettext
import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

# The languages of the interface, each named in itself (as the picker shows them).
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية"}
SOURCE_LANGUAGE = "en"  # the message ids are the English texts
RIGHT_TO_LEFT = frozenset({"ar"})
LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "cpss"
_PRIMARY = re.compile(r"[A-Za-z]{2,3}")


class Text:
    """The words of one language: ``tr("Saved at {time}", time=...)`` is the translation of the
    message id with its placeholders filled in, or the English text when the catalogue lacks it."""

    def __init__(self, language: str, catalogue: gettext.NullTranslations):
        self.language = language
        self.right_to_left = language in RIGHT_TO_LEFT
        self._catalogue = catalogue

    def __call__(self, message: str, /, **values: object) -> str:
        """``message`` (an English message id) in this language, its ``{placeholders}`` filled."""
        found = self._catalogue.gettext(message)
        return found.format(**values) if values else found

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form of ``singular``/``plural`` for ``count`` in this language (Russian and Arabic
        have more than two), with ``{count}`` (the bare figure), ``{number}`` (the figure as this
        language groups it: "25,000", "25 000") and the other placeholders filled."""
        form = self._catalogue.ngettext(singular, plural, count)
        return form.format(count=count, number=format_number(count, self), **values)


def N_(message: str) -> str:
    """Mark ``message`` for the extractor where it is defined (a constant), to be translated where
    it is shown: ``tr(CONSTANT)``."""
    return message


@functools.cache
def text(language: str) -> Text:
    """The :class:`Text` of ``language`` (one of :data:`LANGUAGES`; anything else is English),
    loaded once per process."""
    if language not in LANGUAGES or language == SOURCE_LANGUAGE:
        return _english()
    return Text(language, _compiled(LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po", language))


def _compiled(source: Path, language: str) -> gettext.NullTranslations:
    """The catalogue ``source`` compiled by Babel in memory; no translations when it is missing."""
    if not source.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # Babel only once a language other than English
    from babel.messages.pofile import read_po

    with source.open("rb") as po:
        catalogue = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)  # fuzzy entries are left out: a guess is not a translation
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@functools.cache
def _english() -> Text:
    return Text(SOURCE_LANGUAGE, gettext.NullTranslations())


ENGLISH = text(SOURCE_LANGUAGE)


def language_of(tag: str | None) -> str | None:
    """The interface language for a language tag (``"fr-FR"``, ``"ar"``, a ``?lang=`` value), or
    None when it is not one of :data:`LANGUAGES`. Only the primary subtag counts: gettext does not
    map "fr-FR" to "fr"."""
    if not tag:
        return None
    found = _PRIMARY.match(tag.strip())
    primary = found.group().lower() if found else ""
    return primary if primary in LANGUAGES else None


# The Babel locale of each language's dates and numbers: British English, the app's spelling
# ("10 March 2026"); the others by their code.
_BABEL_LOCALES = {"en": "en_GB"}


def babel_locale(tr: Text) -> str:
    """The Babel locale of ``tr``'s dates and numbers; English's for a language Babel does not
    have (a test's made-up one)."""
    from babel.localedata import exists

    found = _BABEL_LOCALES.get(tr.language, tr.language)
    return found if exists(found) else _BABEL_LOCALES[SOURCE_LANGUAGE]


def format_date(day: date, tr: Text = ENGLISH, width: str = "long") -> str:
    """``day`` written out in ``tr``'s language: "10 March 2026", "10 mars 2026"; ``width``
    "medium" abbreviates where the language does ("10 Mar 2026", "10 mars 2026")."""
    from babel.dates import format_date as babel_date

    return babel_date(day, width, locale=babel_locale(tr))


def format_time(moment: datetime, tr: Text = ENGLISH, seconds: bool = False) -> str:
    """The time of day of ``moment`` on the 24-hour clock, as ``tr``'s language writes it
    ("14:05", "14:05:09" with ``seconds``); the time zone is the caller's to say."""
    from babel.dates import format_skeleton

    return format_skeleton("Hms" if seconds else "Hm", moment, locale=babel_locale(tr))


def format_datetime(moment: datetime, tr: Text = ENGLISH, seconds: bool = False) -> str:
    """``moment``'s date, abbreviated, then its time: "10 Mar 2026 14:05", "10 mars 2026 14:05"."""
    return f"{format_date(moment, tr, 'medium')} {format_time(moment, tr, seconds)}"


def format_month(day: date, tr: Text = ENGLISH) -> str:
    """The month and year of ``day`` in ``tr``'s language: "March 2026", "mars 2026"."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=babel_locale(tr))


def format_number(value: float, tr: Text = ENGLISH, decimals: int = 0) -> str:
    """``value`` with ``decimals`` decimals (all of them shown) and ``tr``'s separators:
    "2.50" in English, "2,50" in French."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=babel_locale(tr))


def format_money(amount: Decimal, currency: str, tr: Text = ENGLISH) -> str:
    """An exact amount with its ISO 4217 currency as ``tr``'s language writes it: "US$1,250.50"
    in English, "1 250,50 $US" in French (Babel's symbol and decimals for the currency)."""
    from babel.numbers import format_currency, get_currency_precision

    # A currency written without cents (XOF) still shows cents that were recorded: never rounded.
    whole = amount == amount.quantize(Decimal(1).scaleb(-get_currency_precision(currency)))
    return format_currency(amount, currency, locale=babel_locale(tr), currency_digits=whole)


def currency_name(code: str, tr: Text = ENGLISH) -> str:
    """An ISO 4217 code with its name in ``tr``'s language: "EUR · Euro"."""
    from babel.numbers import get_currency_name

    return f"{code} · {get_currency_name(code, locale=babel_locale(tr))}"
