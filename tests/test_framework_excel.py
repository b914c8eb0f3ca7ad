"""The framework's Excel template: the round trip, the differences, and each refusal with its cell."""

import dataclasses
import io
from collections.abc import Mapping

import pytest
from openpyxl import load_workbook

from cpss.model.framework_diff import ADDED, CHANGED, REMOVED, differences
from cpss.model.framework_excel import template_bytes
from cpss.model.framework_excel_read import read_template
from cpss.model.framework_file import FrameworkError, load_framework

NAME = "adaptation.xlsx"


def as_data(value):
    """A framework (or part of one) as plain values, to compare two frameworks field by field."""
    if dataclasses.is_dataclass(value):
        return {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {k: as_data(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [as_data(v) for v in value]
    return sorted(value) if isinstance(value, frozenset) else value


def edited(changes: dict[str, object], sheet: str = "Subdomains", framework=None) -> bytes:
    """The bundled framework's template with cells changed (cell -> new value; None empties)."""
    book = load_workbook(io.BytesIO(template_bytes(framework or load_framework())))
    for cell, value in changes.items():
        book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refusal(data: bytes) -> str:
    with pytest.raises(FrameworkError) as caught:
        read_template(data, NAME)
    return str(caught.value)


def test_the_template_of_the_bundled_framework_reads_back_the_same():
    bundled = load_framework()
    candidate = read_template(template_bytes(bundled), NAME)
    assert as_data(candidate.framework) == as_data(bundled)
    assert differences(bundled, candidate.framework) == []


def test_the_template_has_one_row_per_subdomain_and_one_column_per_phase():
    book = load_workbook(io.BytesIO(template_bytes(load_framework())))
    assert book.sheetnames == ["Subdomains", "Framework"]
    rows = list(book["Subdomains"].iter_rows(values_only=True))
    assert rows[0] == (
        "Outcome id",
        "Outcome title",
        "Subdomain id",
        "Title",
        "Replaces",
        "Drafted phases",
        "System Building",
        "System Enhancement",
        "System Integration",
        "System Maturity",
    )
    assert len(rows) == 1 + 19
    assert rows[1][:4] == (
        "1",
        "Legal and policy framework",
        "1.1",
        "Understanding and articulation of national child protection systems",
    )
    fields = dict(book["Framework"].iter_rows(min_row=2, values_only=True))
    assert fields["version"] == "UNICEF 2021-09" and fields["language"] == "en"


def test_three_changed_cells_are_the_three_differences():
    data = edited(
        {"D2": "Understanding of the national system", "H3": "A new phase 2 text.", "J20": "Done."}
    )
    candidate = read_template(data, NAME)
    found = [
        (d.kind, str(d.place), d.new) for d in differences(load_framework(), candidate.framework)
    ]
    assert found == [
        (CHANGED, "Subdomain 1.1: title", "Understanding of the national system"),
        (CHANGED, "Subdomain 1.2: phase 2", "A new phase 2 text."),
        (CHANGED, "Subdomain 7.3: phase 4", "Done."),
    ]
    assert "A new phase 2 text." in candidate.yaml_text


def test_renamed_phases_and_added_and_removed_subdomains_are_shown():
    bundled = load_framework()
    data = edited({"G1": "Foundations", "C20": "7.4"})
    changes = differences(bundled, read_template(data, NAME).framework)
    summary = [(d.kind, str(d.place)) for d in changes]
    assert summary[0] == (CHANGED, "Name of phase 1")
    assert changes[0].old == "System Building" and changes[0].new == "Foundations"
    assert (REMOVED, "Subdomain 7.3: phase 4") in summary
    assert (ADDED, "Subdomain 7.4: title") in summary
    assert len(summary) == 1 + 5 + 5


def test_a_framework_field_changed_is_a_difference():
    data = edited({"B4": "National adaptation 2027"}, sheet="Framework")
    (change,) = differences(load_framework(), read_template(data, NAME).framework)
    assert (str(change.place), change.old, change.new) == (
        "Version",
        "UNICEF 2021-09",
        "National adaptation 2027",
    )


REFUSALS = [
    (
        {"H7": None},
        "adaptation.xlsx, sheet Subdomains, cell H7: the text for phase 2 (System Enhancement) "
        "of subdomain 3.1 is empty.",
    ),
    (
        {"K1": "System Excellence"},
        "adaptation.xlsx, sheet Subdomains, cell K1: expected 4 phase columns after “Drafted "
        "phases”, found 5: a framework has four phases, always (the CPSS data contract).",
    ),
    (
        {"J1": None},
        "adaptation.xlsx, sheet Subdomains, row 1: expected 4 phase columns after “Drafted "
        "phases”, found 3: a framework has four phases, always (the CPSS data contract).",
    ),
    (
        {"C5": "2.1"},
        "adaptation.xlsx, sheet Subdomains, cell C5: duplicate subdomain id '2.1' (also in row 4).",
    ),
    (
        {"A5": "9", "B5": None},
        "adaptation.xlsx, sheet Subdomains, cell B5: unknown outcome '9': give its title here, "
        "on its first row.",
    ),
    (
        {"B5": "Governance"},
        "adaptation.xlsx, sheet Subdomains, cell B5: outcome '2' is titled differently in row 4; "
        "give it one title (or leave this cell empty).",
    ),
    (
        {"C5": 2.2},
        "adaptation.xlsx, sheet Subdomains, cell C5: the id is a number (2.2); type it as text, "
        "with an apostrophe first ('2.2), so that an id like 3.10 stays 3.10.",
    ),
    (
        {"A1": "Outcome"},
        'adaptation.xlsx, sheet Subdomains, cell A1: expected the heading "Outcome id", found '
        '"Outcome".',
    ),
    (
        {"F2": "5"},
        "adaptation.xlsx, sheet Subdomains, cell F2: expected phase numbers from 1 to 4 separated "
        "by commas, found “5”.",
    ),
    (
        {"E3": "1.2"},
        "adaptation.xlsx, sheet Subdomains, cell E3: expected the ids of the subdomains it "
        "replaces, separated by commas, like “1.1, 1.2” (not its own id), found “1.2”.",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), REFUSALS)
def test_each_refusal_names_the_cell(changes, expected):
    assert refusal(edited(changes)) == expected


FIELD_REFUSALS = [
    (
        {"A3": "edition"},
        'adaptation.xlsx, sheet Framework, cell A3: unknown field "edition" (the fields are: '
        "key, name, version, source, language, drafted note, purposes, reading rule, ranking "
        "foundation_outcomes, ranking gap_weight, ranking lag_weight, ranking lag_threshold, "
        "ranking foundation_bonus, ranking evidence_score, ranking low_confidence_bonus).",
    ),
    ({"B3": None}, 'adaptation.xlsx, sheet Framework, cell B3: the "name" is empty.'),
    (
        {"A4": "name"},
        'adaptation.xlsx, sheet Framework, cell A4: the field "name" is given twice.',
    ),
    (
        {"B6": "fr"},
        'adaptation.xlsx, sheet Framework, cell B6: the language is "fr": a framework is published '
        'with its English texts (language "en"); translations are added to a published version.',
    ),
    (
        {"B13": "heavy"},
        "adaptation.xlsx, sheet Framework, cell B13: expected a number from 0 to 100, found "
        "'heavy'.",
    ),
    (
        {"B12": "1, 9"},
        "adaptation.xlsx, sheet Framework, cell B12: unknown outcome '9' (outcomes are: 1, 2, 3, "
        "4, 5, 6, 7).",
    ),
    (
        {"A6": None, "B6": None},
        'adaptation.xlsx, sheet Framework: missing the field "language" (a row with language in '
        "column A and its value in column B).",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), FIELD_REFUSALS)
def test_each_field_refusal_names_the_cell(changes, expected):
    assert refusal(edited(changes, sheet="Framework")) == expected


def test_a_file_that_is_no_workbook_is_refused():
    assert refusal(b"name: x\n") == (
        "adaptation.xlsx: not an Excel workbook (.xlsx) that can be read: save it from Excel or "
        "LibreOffice as .xlsx, starting from the template this page offers."
    )


def test_a_workbook_without_the_sheets_is_refused():
    book = load_workbook(io.BytesIO(template_bytes(load_framework())))
    del book["Framework"]
    out = io.BytesIO()
    book.save(out)
    assert refusal(out.getvalue()) == (
        'adaptation.xlsx: the workbook has no sheet "Framework"; the template has the sheets '
        "Subdomains, Framework."
    )


def test_the_ranking_is_data_of_the_template():
    data = edited({"B12": "3", "B13": 2}, sheet="Framework")
    ranking = read_template(data, NAME).framework.ranking
    assert ranking.foundation_outcomes == ("3",) and ranking.gap_weight == 2.0
