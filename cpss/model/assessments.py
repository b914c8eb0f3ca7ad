"""An assessment's details (where, when, by whom) and the rules they follow."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from cpss.i18n import ENGLISH, N_, Text
from cpss.model.countries import countries, country_name
from cpss.model.errors import UserError, check_text_limits

DRAFT, FINAL = "draft", "final"
DEMO_COUNTRY_CODE = "DEMO"  # not an ISO code: the fictional country of the demo assessments
TEXT_LIMITS = {N_("title"): 200, N_("unit"): 200, N_("assessor"): 120}


class AssessmentError(UserError):
    """Details that break a rule, or an assessment that cannot be changed or found."""


@dataclass(frozen=True)
class AssessmentDetails:
    """What the user types when starting an assessment; unit and assessor are optional."""

    country_code: str
    country: str
    title: str
    assessment_date: date
    unit: str = ""
    assessor: str = ""

    def validate(self) -> AssessmentDetails:
        """Return the details with texts trimmed, or raise :class:`AssessmentError`."""
        details = replace(
            self, title=self.title.strip(), unit=self.unit.strip(), assessor=self.assessor.strip()
        )
        known = countries()
        if (
            details.country_code != DEMO_COUNTRY_CODE
            and known.get(details.country_code) != details.country
        ):
            raise AssessmentError(
                "Unknown country {country!r}: choose one from the list.", country=details.country
            )
        if not details.title:
            raise AssessmentError('The title is required, e.g. "National baseline 2026".')
        check_text_limits(details, TEXT_LIMITS, AssessmentError)
        if not isinstance(details.assessment_date, date):
            raise AssessmentError("The date must be a calendar date.")
        return details

    @property
    def place(self) -> str:
        """Country, and the sub-national unit when there is one: ``"Kenya — Turkana"``."""
        return place_name(self.country, self.unit)

    def place_in(self, tr: Text = ENGLISH) -> str:
        """:attr:`place` with the country named in ``tr``'s language ("Allemagne — Bayern"); the
        stored name for a code that is not a country, such as the demo's."""
        return place_name(self.country_in(tr), self.unit)

    def country_in(self, tr: Text = ENGLISH) -> str:
        """The country named in ``tr``'s language (the stored name when the code is not one)."""
        return country_name(self.country_code, tr, self.country)


def place_name(country: str, unit: str) -> str:
    """``"Kenya — Turkana"``, or the country alone when there is no sub-national unit."""
    return f"{country} — {unit}" if unit else country


@dataclass(frozen=True)
class Assessment:
    """A stored assessment: its id, current details and status."""

    id: str
    details: AssessmentDetails
    status: str
    is_demo: bool
    framework_version: str
    created_at: datetime

    @property
    def is_final(self) -> bool:
        """A final assessment is read-only until it is reopened."""
        return self.status == FINAL
