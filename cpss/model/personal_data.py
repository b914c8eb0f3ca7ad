"""Text that looks like personal data: e-mail addresses, phone numbers, dates of birth and case or
ID numbers. The app collects no data about people by design, but free text (evidence, notes,
workshop comments) may get a child's case number or a phone number typed into it: pages warn
before saving such text (ui/personal_data_warning.py), and the import preview lists such cells.

Each check leans towards silence on ordinary evidence (laws with years and article numbers,
budgets, sample sizes, report dates, UN resolution numbers: tests/data/ordinary_evidence.txt):
a warning that cries wolf teaches people to click it away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from cpss.i18n import N_
from cpss.model.countries import alpha_2

EMAIL, PHONE, BIRTH_DATE, ID_NUMBER = "email", "phone", "birth_date", "id_number"
KIND_WORDS = {  # English message ids, translated where shown
    EMAIL: N_("an e-mail address"),
    PHONE: N_("a phone number"),
    BIRTH_DATE: N_("a date of birth"),
    ID_NUMBER: N_("a case or ID number"),
}

# Phone numbers in international form (+ and a country code) are found whatever the region; a
# national form ("0712 345678") only in the regions tried. Those are the assessment's country,
# where its people type their numbers, and the countries of UNICEF's main offices (New York,
# Geneva, Nairobi), whose numbers travel in reports. Not every region: some national plans read
# any long figure as a number (Denmark's 8 digits took "2016-1234", a law's number, for a phone).
DEFAULT_REGIONS = ("US", "CH", "KE")
# A stretch that may hold a phone number: digits with the separators numbers are written with.
_DIGITS = re.compile(r"\+?\(?\d[\d\s().\-/]{5,}\d")
_YEAR_FIRST = re.compile(r"(?:19|20)\d{2}[-/.]")  # "2016-1234", "2021-03-15": a law, a date

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_MONTH = r"[^\W\d_]{3,12}\.?"  # a month in words, in any script ("March", "mars", "марта")
_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}"
    rf"|\d{{1,2}}\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?(?:19|20)\d{{2}}"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}})"
)
# Words that say "born" or "date of birth" in the app's languages, then a date within a few words.
_BORN = (
    r"(?:born|birth|d\.?o\.?b\.?|n[ée]e?|naissance|nacid[oa]|nacimiento|"
    r"родил(?:ся|ась)|рождени[яе]|وُلِدَ?|وُلد|ولد|ولدت|الميلاد|مواليد)"
)
_BIRTH = re.compile(
    rf"(?<!\w){_BORN}(?!\w)\W{{0,4}}(?:\w+\W{{1,3}}){{0,3}}?(?P<date>{_DATE})", re.I
)
# Seven or more digits in a row (no separators: a budget writes 1,250,000), or a case number:
# letters then a year and a serial ("CP-2023-00451"), or letters glued to 6+ digits ("AB1234567").
_ID = re.compile(
    r"(?<![\w.,/-])(?:\d{7,}|[A-Z]{1,5}[-/](?:19|20)\d{2}[-/]\d{3,}|[A-Z]{1,3}\d{6,}"
    r"|[A-Z]{2,5}[-/]\d{5,})(?![\w.,/-]\w)"
)


@dataclass(frozen=True)
class Finding:
    """A piece of text that looks like personal data: its kind, the text, and where it is."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def what(self) -> str:
        """The kind in English words (a message id: translate where shown)."""
        return KIND_WORDS[self.kind]


def region_of(country_code: str | None) -> str | None:
    """The two-letter region phonenumbers knows for an ISO alpha-3 country code, if any."""
    region = alpha_2(country_code or "")
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def _phones(text: str, regions: tuple[str, ...]) -> list[Finding]:
    """Phone numbers, read by phonenumbers in each stretch of digits long enough to be one (the
    matcher over a whole text costs ~60 ms per 1,000 characters; over these stretches, almost
    nothing: most evidence has none)."""
    found: dict[int, Finding] = {}
    for stretch in _DIGITS.finditer(text):
        if sum(c.isdigit() for c in stretch.group()) < 7:
            continue
        for region in regions:
            matches = phonenumbers.PhoneNumberMatcher(
                stretch.group(), region, phonenumbers.Leniency.VALID
            )
            for match in matches:
                if _YEAR_FIRST.match(match.raw_string):
                    continue
                start = stretch.start() + match.start
                found.setdefault(
                    start, Finding(PHONE, match.raw_string, start, start + len(match.raw_string))
                )
    return list(found.values())


def find(text: str, country_code: str | None = None) -> list[Finding]:
    """What in ``text`` looks like personal data, in the order it appears; ``country_code`` (the
    assessment's, ISO alpha-3) adds its national phone formats. Overlapping findings count once."""
    if not text or not text.strip():
        return []
    region = region_of(country_code)
    regions = ((region,) if region else ()) + DEFAULT_REGIONS
    found = [Finding(EMAIL, m.group(), m.start(), m.end()) for m in _EMAIL.finditer(text)]
    found += _phones(text, regions)
    found += [
        Finding(BIRTH_DATE, m.group("date"), m.start("date"), m.end("date"))
        for m in _BIRTH.finditer(text)
    ]
    found += [Finding(ID_NUMBER, m.group(), m.start(), m.end()) for m in _ID.finditer(text)]
    return _first_of_overlaps(sorted(found, key=lambda f: (f.start, -f.end)))


def _first_of_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the first finding of each overlapping run (an e-mail's digits are no ID number)."""
    kept: list[Finding] = []
    for finding in findings:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def find_in(texts: dict[str, str], country_code: str | None = None) -> dict[str, list[Finding]]:
    """The findings of each named text that has any (e.g. ``{"evidence": ..., "rationale": ...}``)."""
    found = {name: find(text, country_code) for name, text in texts.items()}
    return {name: findings for name, findings in found.items() if findings}
