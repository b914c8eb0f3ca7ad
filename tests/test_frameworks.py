"""Frameworks kept in the database: loaded at the first start, published, pinned per assessment."""

import dataclasses
import io
import json
import math
import re
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from cpss.db import assessments, dashboard, frameworks
from cpss.db.framework_seed import seed
from cpss.exchange.export import gather, to_json
from cpss.exchange.file_framework import FrameworkNotHere
from cpss.exchange.importing import read_file
from cpss.model.access import AccessDenied, Actor
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.model.framework_file import BUNDLED_FRAMEWORK, FrameworkError
from cpss.model.framework_texts import content_hash, parse_framework
from cpss.model.priorities import method, rank_priorities
from cpss.model.ranking import DEFAULT_RANKING
from cpss.model.version_map import IncompatibleVersion, map_answers, no_counterpart
from cpss.present.across_versions import on_one_version, outcome_summary_on
from cpss.reports.comparison import build_report
from tests.framework_support import rename_and_split, revised, subdomain

BUNDLED_HASH = content_hash(BUNDLED_FRAMEWORK.read_text(encoding="utf-8"))


def new_assessment(db, answers=(), framework_hash=None):
    """An assessment answering ``answers`` (subdomain id, phase)."""
    details = AssessmentDetails("KEN", "Kenya", "A", date(2026, 3, 1), "")
    found = assessments.create(db, details, "x", by="t", framework_hash=framework_hash)
    for subdomain_id, phase in answers:
        assessments.save_answer(db, found, subdomain_id, Answer("phase", phase), by="t")
    return found


def test_first_start_loads_the_bundled_file_once_with_its_translations(connection, db):
    assert seed(connection.engine.cursor()) is False  # a second start finds it stored
    [row] = frameworks.frameworks(db)
    assert (row.content_hash, row.key, row.kind, row.published) == (
        BUNDLED_HASH,
        "unicef-cpss",
        "bundled",
        True,
    )
    assert row.languages == ("en", "ar", "es", "fr", "ru")
    assert frameworks.by_hash(db, BUNDLED_HASH, "fr").language == "fr"


def test_an_assessment_keeps_its_version_after_a_newer_one_is_published(db):
    old = new_assessment(db, [("3.1", 2)])
    text = revised(rename_and_split)
    new_hash = frameworks.publish(db, text, by="admin")
    assert frameworks.newest(db, "unicef-cpss") == new_hash
    assert frameworks.framework_for(db, old).version == "UNICEF 2021-09"
    assert "revised" not in frameworks.framework_for(db, old).subdomain("3.1").title
    made_now = new_assessment(db, framework_hash=frameworks.newest(db, "unicef-cpss"))
    assert frameworks.framework_for(db, made_now).subdomain("3.1").title.endswith("(revised)")
    assert frameworks.framework_for(db, made_now, "fr").language == "en"  # no translation yet
    assert frameworks.framework_for(db, old, "fr").language == "fr"
    counts = {r.version: r.assessments for r in frameworks.frameworks(db)}
    assert counts == {"UNICEF 2030-01": 1, "UNICEF 2021-09": 1}
    assert frameworks.publish(db, text) == new_hash  # the same text again: nothing added
    assert len(frameworks.frameworks(db)) == 2


def test_a_file_with_five_phases_is_refused_and_nothing_is_stored(db):
    def five(tree):
        tree["phases"].append({"number": 5, "name": "Beyond"})

    with pytest.raises(FrameworkError) as caught:
        frameworks.publish(db, revised(five))
    assert str(caught.value).startswith("uploaded framework file, line ")
    assert str(caught.value).endswith(
        ", phases: a CPSS framework has exactly 4 phases (the CPSS data contract), found 5."
    )
    assert len(frameworks.frameworks(db)) == 1


def test_dropping_an_answered_subdomain_without_replaces_is_refused(db):
    new_assessment(db, [("1.1", 2), ("2.2", 1)])
    new_assessment(db, [("1.1", 3)])

    def drop(tree):
        tree["subdomains"].remove(subdomain(tree, "1.1"))
        tree["subdomains"].remove(subdomain(tree, "2.2"))

    with pytest.raises(IncompatibleVersion) as caught:
        frameworks.publish(db, revised(drop))
    assert str(caught.value) == (
        "Child Protection Systems Strengthening Benchmarks UNICEF 2030-01 drops subdomains that "
        "assessments answered, and no subdomain replaces them: 1.1 (2), 2.2 (1). Keep them, or "
        "add 'replaces: [...]' to the subdomain that takes their place."
    )
    assert len(frameworks.frameworks(db)) == 1


def test_only_administrators_publish(db):
    editor = db.as_actor(Actor("E", "editor"))
    with pytest.raises(AccessDenied):
        frameworks.publish(editor, revised(rename_and_split))
    assert len(frameworks.frameworks(db)) == 1


def test_answers_map_across_a_rename_and_a_split(db):
    old = new_assessment(db, [("1.1", 2), ("2.1", 3), ("3.1", 1)])
    v1 = frameworks.framework_for(db, old)
    v2 = frameworks.by_hash(db, frameworks.publish(db, revised(rename_and_split)))
    mapped = map_answers(assessments.current_answers(db, old), v1, v2)
    assert {k: (m.answer.phase, m.mapped) for k, m in mapped.items()} == {
        "1.9": (2, True),
        "2.1a": (3, True),
        "2.1b": (3, True),
        "3.1": (1, False),
    }
    assert no_counterpart(v1, v2) == []
    assert no_counterpart(v2, v1) == []  # 2.1a and 2.1b map back by their replaces


def test_the_report_and_export_of_a_v1_assessment_keep_v1_after_v2(db):
    old = new_assessment(db, [("3.1", 2)])
    v2_text = revised(rename_and_split)
    frameworks.publish(db, v2_text)
    pinned = frameworks.framework_for(db, old)
    pdf = build_report(db, pinned, [old], "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Modelling, testing and scaling" in " ".join(text.split())
    assert "(revised)" not in text
    document = json.loads(to_json(pinned, gather(db, [old]), frameworks.text_of(db, BUNDLED_HASH)))
    assert document["framework"] == {
        "name": "Child Protection Systems Strengthening Benchmarks",
        "version": "UNICEF 2021-09",
        "key": "unicef-cpss",
        "content_hash": BUNDLED_HASH,
    }
    assert document["framework_file"] == BUNDLED_FRAMEWORK.read_text(encoding="utf-8")


def test_an_import_made_on_a_framework_not_here_is_refused(db):
    old = new_assessment(db, [("3.1", 2)])
    pinned = frameworks.framework_for(db, old)
    elsewhere = revised(rename_and_split)  # published on another installation only
    other = dataclasses.replace(
        pinned, version="UNICEF 2030-01", content_hash=content_hash(elsewhere)
    )
    document = json.loads(to_json(other, gather(db, [old]), elsewhere))
    for row in document["assessments"]:  # as if made on the other installation's version
        row["framework_version"] = "UNICEF 2030-01"
    data = json.dumps(document).encode("utf-8")
    before = len(frameworks.frameworks(db))
    with pytest.raises(FrameworkNotHere) as caught:
        read_file("x.json", data, pinned, lambda h: frameworks.find(db, h))(db)
    assert str(caught.value) == (
        "The file's assessments were made on the framework Child Protection Systems "
        "Strengthening Benchmarks, version UNICEF 2030-01, which this installation does not "
        "have: nothing was imported. The file includes that framework: an administrator can add "
        "it from the import preview, then import the file again."
    )
    assert caught.value.framework_text == elsewhere
    assert len(frameworks.frameworks(db)) == before
    frameworks.publish(db, elsewhere)  # once added, the same file is read against it
    plan = read_file("x.json", data, pinned, lambda h: frameworks.find(db, h))(db)
    assert plan.framework_hash == content_hash(elsewhere)


def test_the_ranking_is_data_of_the_framework_file(framework):
    assert framework.ranking == DEFAULT_RANKING  # the bundled file states the defaults

    def adapted(tree):
        tree["ranking"] = {"foundation_outcomes": ["3"], "evidence_score": 0.25}

    national = parse_framework(revised(adapted), "national.yaml")
    answers = {
        "1.1": Answer("phase", 1, 2),
        "3.1": Answer("phase", 1, 2),
        "5.1": Answer("dont_know"),
    }
    assert [p.subdomain_id for p in rank_priorities(framework, answers)] == ["5.1", "1.1", "3.1"]
    assert [p.subdomain_id for p in rank_priorities(national, answers)] == ["3.1", "1.1", "5.1"]
    assert "(outcomes 3) earn 0.75 point more" in method(ranking=national.ranking)
    assert '"Don\'t know" earns 0.25 point' in method(ranking=national.ranking)


def test_a_bad_ranking_block_is_refused_with_its_place():
    def bad_weight(tree):
        tree["ranking"] = {"gap_weight": "high"}

    def bad_outcome(tree):
        tree["ranking"] = {"foundation_outcomes": ["1", "9"]}

    with pytest.raises(FrameworkError) as caught:
        parse_framework(revised(bad_weight), "national.yaml")
    assert re.fullmatch(
        r"national\.yaml, line \d+, ranking gap_weight: expected a number from 0 to 100, "
        r"found 'high'\.",
        str(caught.value),
    )
    with pytest.raises(FrameworkError) as caught:
        parse_framework(revised(bad_outcome), "national.yaml")
    assert re.fullmatch(
        r"national\.yaml, line \d+, ranking foundation_outcomes: unknown outcome '9' "
        r"\(outcomes are: 1, 2, 3, 4, 5, 6, 7\)\.",
        str(caught.value),
    )


def test_compare_reads_assessments_of_both_versions_on_the_newest(db):
    old = new_assessment(db, [("1.1", 2), ("2.1", 3)])
    v2 = frameworks.by_hash(db, frameworks.publish(db, revised(rename_and_split)))
    new = new_assessment(db, [("1.9", 4)], framework_hash=v2.content_hash)
    made_on = {i: frameworks.framework_for(db, i) for i in (old, new)}
    cells = on_one_version(dashboard.answer_cells(db, v2, [old, new]), made_on, v2)
    found = {(r.assessment_id, r.subdomain_id): r.choice for r in cells.itertuples()}
    assert found == {
        (old, "1.9"): "2",
        (old, "2.1a"): "3",
        (old, "2.1b"): "3",
        (new, "1.9"): "4",
    }


def rename_split_and_drop(tree: dict) -> None:
    """As :func:`rename_and_split`, and 7.3 is dropped with no counterpart."""
    rename_and_split(tree)
    tree["subdomains"] = [s for s in tree["subdomains"] if s["id"] != "7.3"]


def test_compares_radar_reads_each_outcome_through_the_version_map(db):
    old = new_assessment(db, [("1.1", 2), ("2.1", 3)])
    v2 = frameworks.by_hash(db, frameworks.publish(db, revised(rename_split_and_drop)))
    assessments.save_answer(db, old, "7.3", Answer("phase", 4), by="t")  # dropped by v2
    new = new_assessment(db, [("1.9", 4)], framework_hash=v2.content_hash)
    made_on = {i: frameworks.framework_for(db, i) for i in (old, new)}
    cells = on_one_version(dashboard.answer_cells(db, v2, [old, new]), made_on, v2)
    summary = outcome_summary_on(cells, [old, new], v2).set_index(["assessment_id", "outcome_id"])
    assert summary.loc[(old, "1"), ["rated", "current"]].tolist() == [1, 2]  # 1.1 as 1.9
    assert summary.loc[(old, "2"), ["rated", "current"]].tolist() == [2, 3]  # both halves of 2.1
    assert summary.loc[(old, "7"), "rated"] == 0  # 7.3 has no counterpart: never a phase
    assert math.isnan(summary.loc[(old, "7"), "current"])
    assert summary.loc[(old, "7"), "subdomains"] == len(
        [s for s in v2.subdomains if s.outcome_id == "7"]
    )
    assert summary.loc[(new, "1"), ["rated", "current", "target"]].tolist() == [1, 4, 4]


def test_the_radar_on_one_version_reads_as_the_dashboards_summary(db):
    assessment_id = new_assessment(db, [("1.1", 2), ("2.1", 3), ("3.1", 1)])
    save = assessments.save_answer
    save(db, assessment_id, "3.2", Answer("dont_know"), by="t")
    save(db, assessment_id, "3.3", Answer("not_applicable", rationale="none here"), by="t")
    framework = frameworks.framework_for(db, assessment_id)
    cells = dashboard.answer_cells(db, framework, [assessment_id])
    pd.testing.assert_frame_equal(
        outcome_summary_on(cells, [assessment_id], framework),
        dashboard.outcome_summary(db, framework, [assessment_id]),
        check_dtype=False,
    )
