"""Rebuild ``data/cpss_benchmarks.yaml`` from the text extraction of the UNICEF paper.

Run once by a maintainer (``python tools/extract_framework.py SEED > data/cpss_benchmarks.yaml``);
the app itself only reads the YAML file. The seed is a text extraction of a PDF table with known
defects, which are repaired here rather than copied:

* ``<p>`` tags around the cells of outcomes 4 to 6 are removed;
* the row of subdomain 2.3 repeats outcome 2 in the outcome column (it is simply read as outcome 2);
* the row that starts outcome 3 is shifted one column to the right: the outcome title stands in the
  subdomain column, so the row is shifted back;
* subdomain 3.1 has no System Maturity text in the source: the drafted text below fills the cell and
  is marked as drafted in the data, so the app never passes it off as UNICEF's.

The tests use :func:`parse_seed` to compare every official cell of the data file with the seed.
"""

from __future__ import annotations

import re
import sys
from dataclasses import asdict
from pathlib import Path

import yaml

from cpss.model.ranking import DEFAULT_RANKING

PHASE_NAMES = ["System Building", "System Enhancement", "System Integration", "System Maturity"]

DRAFTED_3_1_MATURITY = (
    "Proven prevention and response related, gender-responsive and inclusive child protection "
    "services are funded and delivered by the government at scale across the country. Partners' "
    "investments are limited to technical assistance. Child protection services are routinely "
    "monitored, including through independent monitoring, and findings are used to adapt services."
)

_OUTCOME = re.compile(r"^(\d)\.\s+(.+)$")
_SUBDOMAIN = re.compile(r"^(\d\.\d)\s+(.+)$")


def _clean(cell: str) -> str:
    return re.sub(r"</?p>", "", cell).strip()


def parse_seed(text: str) -> tuple[dict[str, str], list[dict]]:
    """Return (outcome titles by id, subdomain rows) read from the seed's benchmark table.

    Each subdomain row is ``{"id", "outcome", "title", "criteria": {phase: text}}``; a phase whose
    text is missing from the source is absent from ``criteria``.
    """
    outcomes: dict[str, str] = {}
    rows: list[dict] = []
    for line in text.splitlines():
        cells = [_clean(c) for c in line.split("\t")]
        if len(cells) != 6 or not cells[1]:
            continue
        if not _SUBDOMAIN.match(cells[1]) and _SUBDOMAIN.match(cells[2]):
            # Shifted row: the outcome title stands in the subdomain column.
            cells = [cells[1], cells[2], *cells[3:], ""]
        outcome_match, subdomain_match = _OUTCOME.match(cells[0]), _SUBDOMAIN.match(cells[1])
        if outcome_match:
            outcomes.setdefault(outcome_match.group(1), outcome_match.group(2))
        if not subdomain_match:
            continue
        sub_id = subdomain_match.group(1)
        criteria = {phase: t for phase, t in enumerate(cells[2:6], start=1) if t}
        rows.append(
            {
                "id": sub_id,
                "outcome": sub_id.split(".")[0],
                "title": subdomain_match.group(2),
                "criteria": criteria,
            }
        )
    return outcomes, rows


READING_RULES = [
    "The descriptions in the following paragraphs are meant to be indicative of how several parts "
    "(intermediate outcomes) of the systems evolve and are not supposed to be a mandatory checklist "
    "of exclusive criteria.",
    "Each intermediate outcome, and very often, the subdomains within each of these intermediate "
    "outcomes evolve and move from one phase to the next independently of another. It is important "
    "to note that not all seven intermediate outcomes and the subdomains move in tandem from one "
    "phase to the next.",
    "Similarly, various parts of the systems, i.e., intermediate outcomes (and individual "
    "subdomains), have the potential of moving back from a higher phase to a lower phase; e.g., "
    "sudden shocks and humanitarian situations can set back the progress made in systems "
    "strengthening, and some or all intermediate outcomes or subdomains may witness negative "
    "progress as a result.",
]

PURPOSES = (
    "There are two purposes in putting in place benchmarks: first to measure results against the "
    "\u201cintermediate outcomes\u201d; and second, to assist UNICEF in determining where it should "
    "invest its resources and in measuring the value of this investment."
)


def build_document(text: str) -> dict:
    """The framework document, ready to be written as YAML."""
    outcomes, rows = parse_seed(text)
    subdomains = []
    for row in rows:
        entry = {
            "id": row["id"],
            "outcome": row["outcome"],
            "title": row["title"],
            "criteria": dict(row["criteria"]),
        }
        if row["id"] == "3.1" and 4 not in entry["criteria"]:
            entry["criteria"][4] = DRAFTED_3_1_MATURITY
            entry["drafted_phases"] = [4]
        subdomains.append(entry)
    return {
        "key": "unicef-cpss",
        "name": "Child Protection Systems Strengthening Benchmarks",
        "version": "UNICEF 2021-09",
        "source": "United Nations Children's Fund, 'Child Protection Systems Strengthening: "
        "Approach; Benchmarks; Interventions', UNICEF, New York, 2021. Part 2, "
        "Table 1: CPSS Benchmarks.",
        "drafted_note": "Drafted by the CPSS dashboard team: this cell is missing from the UNICEF "
        "source table. The official text replaces it when available.",
        "purposes": PURPOSES,
        "reading_rules": READING_RULES,
        "phases": [{"number": n, "name": name} for n, name in enumerate(PHASE_NAMES, start=1)],
        # the ranking's defaults, written out so that an adaptation sees what it may change
        "ranking": {**asdict(DEFAULT_RANKING), "foundation_outcomes": ["1", "2"]},
        "outcomes": [{"id": oid, "title": title} for oid, title in sorted(outcomes.items())],
        "subdomains": subdomains,
    }


def main(argv: list[str]) -> None:
    """Print the YAML framework built from the seed file named in ``argv``."""
    seed = Path(argv[1]).read_text(encoding="utf-8")
    header = "# CPSS Benchmarks as data. Built by tools/extract_framework.py; see its docstring.\n"
    sys.stdout.write(
        header
        + yaml.safe_dump(build_document(seed), sort_keys=False, allow_unicode=True, width=100)
    )


if __name__ == "__main__":
    main(sys.argv)
