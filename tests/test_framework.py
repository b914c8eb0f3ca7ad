"""The bundled framework: counts, ids and texts pinned against the UNICEF source."""

import pytest

from cpss.model.framework_file import load_framework
from tests.conftest import SEED

SUBDOMAIN_IDS = [
    "1.1",
    "1.2",
    "2.1",
    "2.2",
    "2.3",
    "3.1",
    "3.2",
    "3.3",
    "4.1",
    "4.2",
    "5.1",
    "5.2",
    "6.1",
    "6.2",
    "6.3",
    "6.4",
    "7.1",
    "7.2",
    "7.3",
]


def test_counts_and_ids(framework):
    assert [p.number for p in framework.phases] == [1, 2, 3, 4]
    assert [p.name for p in framework.phases] == [
        "System Building",
        "System Enhancement",
        "System Integration",
        "System Maturity",
    ]
    assert [o.id for o in framework.outcomes] == list("1234567")
    assert [s.id for s in framework.subdomains] == SUBDOMAIN_IDS
    assert sum(len(s.criteria) for s in framework.subdomains) == 76
    assert all(s.outcome_id == s.id.split(".")[0] for s in framework.subdomains)
    assert [len(o.subdomains) for o in framework.outcomes] == [2, 3, 3, 2, 2, 4, 3]


def test_extraction_defects_are_repaired(framework):
    texts = [t for s in framework.subdomains for t in s.criteria.values()]
    assert not any("<p>" in t or "</p>" in t for t in texts)
    assert framework.outcome("3").title == "A continuum of services"
    assert framework.subdomain("2.3").outcome_id == "2"
    assert (
        framework.subdomain("3.1").title
        == "Modelling, testing and scaling of child protection services"
    )


def test_only_the_missing_cell_is_drafted(framework):
    drafted = {(s.id, p) for s in framework.subdomains for p in s.drafted_phases}
    assert drafted == {("3.1", 4)}
    sub = framework.subdomain("3.1")
    assert sub.criteria[1].startswith("Child protection services are available but are ad-hoc")
    assert sub.criteria[2].startswith("Systematic modelling and testing")
    assert sub.criteria[3].startswith("Increased investments are currently being made")
    assert "official text replaces it" in framework.drafted_note


@pytest.mark.parametrize(
    "sub_id, phase, text",
    [
        (
            "1.2",
            1,
            "Normative framework/legislation outlining the national child protection system "
            "does not exist.",
        ),
        (
            "4.1",
            2,
            "Accountability mechanisms have been established in-house within the lead "
            "ministry/ agency responsible for child protection and are not independent.",
        ),
        (
            "5.2",
            1,
            "Child protection services are mostly funded by donors or provided by NGOs with "
            "minimal government funding.",
        ),
        (
            "6.2",
            3,
            "There is an independent body/authority at local level that accepts complaints by "
            "or on behalf of children refused or receiving child protection services.",
        ),
        (
            "3.3",
            4,
            "A formal child protection case management and referral system is fully "
            "implemented and integrated through national case information management systems.",
        ),
    ],
)
def test_sample_texts_are_exact(framework, sub_id, phase, text):
    assert framework.subdomain(sub_id).criteria[phase] == text


@pytest.mark.skipif(
    not SEED.exists(), reason="the seed is beside the repository only in CI and dev"
)
def test_every_official_cell_matches_the_seed(framework):
    from tools.extract_framework import parse_seed

    outcomes, rows = parse_seed(SEED.read_text(encoding="utf-8"))
    assert [(o.id, o.title) for o in framework.outcomes] == sorted(outcomes.items())
    assert len(rows) == 19
    for row in rows:
        sub = framework.subdomain(row["id"])
        assert sub.title == row["title"]
        for phase, text in row["criteria"].items():
            assert sub.criteria[phase] == text, (row["id"], phase)
    assert sum(len(r["criteria"]) for r in rows) == 75  # 3.1 System Maturity is missing


def test_parsed_once(framework):
    assert load_framework() is load_framework()
