"""What the map shows of each country: the phase of its latest final assessment, overall or for one
outcome or subdomain, as the dashboard computes it (the average phase of the rated subdomains;
"don't know" and "not applicable" are never a phase), rounded to the nearest phase; and the
regional summary (how many countries are at each phase per outcome, which outcomes lag).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cpss.i18n import ENGLISH, N_, Text, format_date, format_number
from cpss.model.countries import countries, country_name
from cpss.model.framework import Framework
from cpss.model.regions import countries_of

OVERALL, OUTCOME, SUBDOMAIN = "overall", "outcome", "subdomain"
# A country with a final assessment that gives no phase in the scope (every subdomain "don't
# know", not applicable or not answered), and a country with no final assessment: never a phase.
NOT_RATED = N_("Not rated (don't know or no answer)")
NO_ASSESSMENT = N_("No final assessment")
NOT_RATED_MARK = "?"  # the label written on a country that is not rated


@dataclass(frozen=True)
class Scope:
    """What the map shades: the whole framework, one outcome or one subdomain (by id)."""

    kind: str = OVERALL
    id: str = ""

    def subdomains(self, framework: Framework) -> list[str]:
        """The ids of the subdomains whose phases are averaged."""
        if self.kind == OUTCOME:
            return [s.id for s in framework.outcome(self.id).subdomains]
        if self.kind == SUBDOMAIN:
            return [self.id]
        return [s.id for s in framework.subdomains]


def place_phases(
    framework: Framework, finals: pd.DataFrame, cells: pd.DataFrame, scope: Scope
) -> pd.DataFrame:
    """``finals`` (one row per assessment, column ``id``) with ``average`` (the average phase of
    its rated subdomains in ``scope``; NaN when none is rated) and ``phase`` (the nearest phase,
    0 when none is rated)."""
    wanted = cells[cells["subdomain_id"].isin(scope.subdomains(framework))]
    rated = wanted[wanted["choice"].str.isdigit()]
    # One conversion, then a plain mean: a function applied per group took a third of a second
    # for the regional summary of 190 countries (bench/RESULTS.md).
    phases = rated["choice"].astype(int)
    averages = phases.groupby(rated["assessment_id"]).mean()
    placed = finals.assign(average=finals["id"].map(averages).astype(float))
    top = len(framework.phases)
    placed["phase"] = [
        0 if pd.isna(a) else min(top, max(1, int(a + 0.5))) for a in placed["average"]
    ]
    return placed


def state_label(framework: Framework, phase: float, tr: Text = ENGLISH) -> str:
    """What a country's shading means, in ``tr``'s language: its phase's name, "not rated" (0)
    or "no final assessment" (NaN)."""
    if pd.isna(phase):
        return tr(NO_ASSESSMENT)
    return framework.phases[int(phase) - 1].label if phase else tr(NOT_RATED)


def map_frame(
    framework: Framework, placed: pd.DataFrame, region: str | None, tr: Text = ENGLISH
) -> pd.DataFrame:
    """One row per country of ``region`` (every country when None), in the CSV's order: code,
    name (in ``tr``'s language), phase (NaN: no final assessment; 0: not rated), average, date,
    state (the legend's words) and label (the phase number, "?" or "")."""
    codes = countries_of(region) if region else list(countries())
    known = placed.set_index("country_code")
    frame = pd.DataFrame({"code": codes})
    frame["name"] = [country_name(code, tr) for code in codes]
    for column in ("phase", "average", "assessment_date", "id"):
        frame[column] = frame["code"].map(known[column]) if len(known) else None
    frame["state"] = [state_label(framework, p, tr) for p in frame["phase"]]
    frame["label"] = [_label(p) for p in frame["phase"]]
    return frame


def _label(phase: float) -> str:
    """The phase number written on a country, "?" when it is not rated, "" with no assessment."""
    if pd.isna(phase):
        return ""
    return str(int(phase)) if phase else NOT_RATED_MARK


def map_table(frame: pd.DataFrame, tr: Text = ENGLISH) -> pd.DataFrame:
    """The map as a table (its text alternative): country, phase, average, date of the assessment;
    the countries with a final assessment first."""
    shown = frame.sort_values(["phase", "name"], na_position="last")
    return pd.DataFrame(
        {
            tr("Country"): shown["name"],
            tr("Phase"): shown["state"],
            tr("Average phase (rated only)"): [_average(a, tr) for a in shown["average"]],
            tr("Assessed on"): [_day(d, tr) for d in shown["assessment_date"]],
        }
    )


def _average(value, tr: Text) -> str:
    return "" if value is None or pd.isna(value) else format_number(value, tr, decimals=2)


def _day(value, tr: Text) -> str:
    return "" if value is None or pd.isna(value) else format_date(value, tr, "medium")
