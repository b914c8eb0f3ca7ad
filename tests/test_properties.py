"""Property-based tests: arbitrary text, unicode, very long strings and odd values thrown at storage,
import and the framework loader. Nothing fails but with a UserError, and a refused input changes
nothing that was stored."""

from __future__ import annotations

import contextlib
import itertools
import json
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from cpss.db import accounts, assessments, plans, workshop_votes, workshops
from cpss.exchange.export import gather, to_excel, to_json
from cpss.exchange.importing import apply_import, read_file
from cpss.model.answers import Answer
from cpss.model.assessments import AssessmentDetails
from cpss.model.errors import UserError
from cpss.model.framework_file import BUNDLED_FRAMEWORK, load_framework
from cpss.model.plans import ActionItem
from tests.exchange_support import rich_assessment
from tests.trust_support import KENYA

FEW = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.one_of(
    st.text(max_size=60),
    st.text(min_size=3990, max_size=4100),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "**bold** [x](javascript:1)",
            "'; DROP TABLE ratings; --",
            "\x00\u202e\ud7ff\U0001f600",
            " " * 5000,
            "é" * 201,
        ]
    ),
)
ODD = st.one_of(
    st.none(), st.integers(-10, 10), st.text(max_size=10), st.floats(allow_nan=True), st.booleans()
)


def snapshot(db) -> dict:
    """Every row of every table: what must not change when an input is refused."""
    tables = [
        r[0]
        for r in db.rows(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        )
    ]
    return {t: db.rows(f"SELECT * FROM {t} ORDER BY ALL") for t in tables}


def refused_or_done(db, write) -> None:
    """Run ``write``: it succeeds, or raises a UserError and leaves every table as it was."""
    before = snapshot(db)
    try:
        write()
    except UserError:
        assert snapshot(db) == before


@FEW
@given(title=TEXT, unit=TEXT, assessor=TEXT, country=st.sampled_from(["KEN", "XXX", ""]))
def test_assessment_details(db, framework, title, unit, assessor, country):
    details = AssessmentDetails(country, "Kenya", title, date(2026, 1, 1), unit, assessor)
    refused_or_done(db, lambda: assessments.create(db, details, framework.version, assessor))


@pytest.fixture
def assessment_id(db, framework):
    return assessments.create(db, KENYA, framework.version, "Amina")


@FEW
@given(
    status=st.one_of(st.sampled_from(["phase", "dont_know", "not_applicable"]), ODD),
    phase=ODD,
    target=ODD,
    confidence=st.one_of(st.sampled_from(["low", "high"]), ODD),
    evidence=TEXT,
    rationale=TEXT,
    subdomain=st.sampled_from(["1.1", "3.2"]),
)
def test_answers(
    db, assessment_id, status, phase, target, confidence, evidence, rationale, subdomain
):
    answer = Answer(status, phase, target, confidence, evidence, rationale)
    before = snapshot(db)
    try:
        saved = assessments.save_answer(db, assessment_id, subdomain, answer, "x")
    except UserError:
        assert snapshot(db) == before
        return
    # stored exactly as validated (texts trimmed, nothing escaped or cut)
    assert assessments.current_answers(db, assessment_id)[subdomain] == saved
    assert (saved.evidence, saved.rationale) == (evidence.strip(), rationale.strip())


@FEW
@given(what=TEXT, owner=TEXT, notes=TEXT, status=st.one_of(st.just("planned"), ODD))
def test_action_items(db, assessment_id, what, owner, notes, status):
    item = ActionItem(what, owner, None, status, notes)
    refused_or_done(db, lambda: plans.add_item(db, assessment_id, item, "x"))


@FEW
@given(name=TEXT, comment=TEXT, choice=st.one_of(st.sampled_from([1, 4, "dont_know"]), ODD))
def test_workshop_names_and_votes(db, assessment_id, name, comment, choice):
    workshop = workshops.start(db, assessment_id, True, "x")
    workshops.open_subdomain(db, workshop.id, "1.1", "x")
    try:
        token = workshop_votes.join(db, workshop.id, name)
    except UserError:
        return
    refused_or_done(db, lambda: workshop_votes.vote(db, workshop.id, token, "1.1", choice, comment))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=TEXT,
    password=st.one_of(TEXT, st.text(min_size=10, max_size=30)),
    role=st.one_of(st.sampled_from(["admin", "viewer", "facilitator"]), st.text(max_size=8)),
)
def test_accounts(db, name, password, role):
    refused_or_done(db, lambda: accounts.add(db, name, role, password))


@pytest.fixture(scope="module")
def exports(tmp_path_factory, framework):
    """A JSON and an Excel export of a rich assessment."""
    from cpss.db.core import connect

    con = connect(tmp_path_factory.mktemp("exports") / "source.duckdb")
    source = con.db()
    bundle = gather(source, [rich_assessment(source, framework)])
    con.close()
    return to_json(framework, bundle), to_excel(framework, bundle)


def import_refused_or_done(db, framework, name: str, data: bytes) -> None:
    """Read, plan and apply an uploaded file: any failure is a UserError that changes nothing."""
    before = snapshot(db)
    try:
        apply_import(db, read_file(name, data, framework)(db))
    except UserError:
        assert snapshot(db) == before


@FEW
@given(data=st.binary(max_size=3000), name=st.sampled_from(["a.json", "a.xlsx", "a.csv", "A.JSON"]))
def test_import_of_arbitrary_bytes(db, framework, data, name):
    import_refused_or_done(db, framework, name, data)


def _paths(value, prefix=()):
    """Every path to a value inside nested dicts and lists."""
    yield prefix
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, inner in items:
        yield from _paths(inner, (*prefix, key))


def _replace(document, path, new):
    if not path:
        return new
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return document


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@FEW
@given(data=st.data())
def test_import_of_mutated_json_exports(db, framework, exports, data):
    document = json.loads(exports[0])
    paths = list(_paths(document))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        with contextlib.suppress(KeyError, IndexError, TypeError):  # an earlier change removed it
            document = _replace(document, path, data.draw(JSON_VALUES))
    import_refused_or_done(
        db,
        framework,
        "export.json",
        json.dumps(document, ensure_ascii=data.draw(st.booleans())).encode(),
    )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_import_of_mutated_excel_exports(db, framework, exports, data):
    from tests.exchange_support import edit_workbook, set_cell

    sheet = data.draw(
        st.sampled_from(
            [
                "Assessment history",
                "Answer history",
                "Answers",
                "Assessments",
                "Action plan history",
            ]
        )
    )
    row, header = data.draw(st.integers(1, 30)), data.draw(st.text(max_size=12))
    value = data.draw(st.one_of(ODD, TEXT, st.dates()))

    def edit(book):
        try:
            set_cell(book, sheet, row, header, value)
        except (KeyError, ValueError, IndexError, StopIteration):
            book[sheet].cell(row=row, column=data.draw(st.integers(1, 12))).value = (
                value if not isinstance(value, float) else None
            )

    try:
        mutated = edit_workbook(exports[1], edit)
    except (KeyError, ValueError, IllegalCharacterError):
        return  # Excel itself cannot hold that edit
    import_refused_or_done(db, framework, "export.xlsx", mutated)


_counter = itertools.count()


@FEW
@given(data=st.data())
def test_framework_loader_on_mutated_files(tmp_path_factory, data):
    text = BUNDLED_FRAMEWORK.read_text(encoding="utf-8")
    how = data.draw(st.sampled_from(["splice", "value", "truncate"]))
    if how == "splice":
        at = data.draw(st.integers(0, len(text)))
        text = (
            text[:at] + data.draw(st.text(max_size=40)) + text[at + data.draw(st.integers(0, 40)) :]
        )
    elif how == "truncate":
        text = text[: data.draw(st.integers(0, len(text)))]
    else:
        document = yaml.safe_load(text)
        path = data.draw(st.sampled_from(list(_paths(document))))
        text = yaml.safe_dump(_replace(document, path, data.draw(JSON_VALUES)), allow_unicode=True)
    path = tmp_path_factory.mktemp("framework") / f"framework-{next(_counter)}.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        loaded = load_framework(path)
    except UserError as problem:
        assert str(path) in str(problem)  # the message names the file
    else:
        assert loaded.subdomains  # whatever loads is a usable framework
