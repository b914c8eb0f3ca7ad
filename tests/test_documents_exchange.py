"""The JSON export with its evidence documents (a zip) and its import: round trip, each file
once, checked files, and the preview's count of documents coming in."""

import io
import zipfile
from dataclasses import replace

import pytest

from cpss.db import assessments, documents
from cpss.db.core import connect
from cpss.exchange.documents_zip import FILES, JSON_NAME, to_zip
from cpss.exchange.export import gather
from cpss.exchange.importing import apply_import, read_file
from cpss.model.documents import NewDocument, sha256
from cpss.model.errors import UserError
from tests.document_support import PDF, PNG
from tests.trust_support import KENYA


def assess(db, framework, title="A"):
    """A new assessment in the bundled framework's version (an import checks it)."""
    return assessments.create(db, replace(KENYA, title=title), framework.version, by="test")


@pytest.fixture
def source(tmp_path, framework):
    """Another installation (a DuckDB file) with two assessments and three documents: the same
    PDF on two of them, and a removed-then-restored image."""
    connection = connect(tmp_path / "elsewhere.duckdb")
    db = connection.db()
    first, second = assess(db, framework), assess(db, framework, "B")
    law = NewDocument("law.pdf", PDF, "Child Act", "article 12")
    documents.attach(db, first, "1.1", law, "Ana")
    documents.attach(db, second, "2.1", law, "Bo")
    image = documents.attach(db, first, "3.1", NewDocument("chart.png", PNG, "Chart"), "Ana")
    documents.remove(db, image, "Bo")
    documents.restore(db, image, "Cy")
    yield db, [first, second]
    connection.close()


def exported(source, framework) -> bytes:
    db, ids = source
    return to_zip(framework, gather(db, ids), db, ids)


def state(db, ids):
    """Each document's versions (without the database's own order numbers) and its bytes."""
    found = []
    for assessment_id in ids:
        for listed in (False, True):
            for d in documents.listed(db, assessment_id, removed=listed):
                versions = [
                    (v.title, v.note, v.removed, v.recorded_by, v.recorded_at)
                    for v in documents.history(db, d.document_id)
                ]
                content = documents.content(db, d.sha256)
                found.append((d.document_id, d.subdomain_id, d.file_name, versions, content))
    return sorted(found)


def test_the_zip_holds_the_json_and_each_file_once(source, framework):
    data = exported(source, framework)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == [JSON_NAME, FILES + sha256(PDF), FILES + sha256(PNG)]


def test_the_zip_imports_back_with_every_document_and_its_history(db, framework, source):
    data = exported(source, framework)
    plan = read_file("export.zip", data, framework)(db)
    assert plan.summary().endswith(
        "; 3 evidence documents coming in (2 files not stored here yet)."
    )
    written = apply_import(db, plan)
    assert plan.result(written).endswith("; 3 evidence documents.")
    assert state(db, source[1]) == state(*source)
    assert documents.blob_count(db) == 2
    again = read_file("export.zip", data, framework)(db)
    assert again.is_known and "0 evidence documents coming in (0 files" in again.summary()


def test_a_file_already_here_is_not_stored_again(db, framework, source):
    mine = assess(db, framework, "Mine")
    documents.attach(db, mine, "1.1", NewDocument("same.pdf", PDF, "Same"), "Di")
    plan = read_file("export.zip", exported(source, framework), framework)(db)
    assert "(1 file not stored here yet)" in plan.summary()
    apply_import(db, plan)
    assert documents.blob_count(db) == 2


def changed_zip(data: bytes, name: str, content: bytes) -> bytes:
    """The zip with one member's content replaced."""
    old = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as new:
        for member in old.namelist():
            new.writestr(member, content if member == name else old.read(member))
    return out.getvalue()


def test_a_changed_file_in_the_zip_is_refused_and_nothing_is_imported(db, framework, source):
    name = FILES + sha256(PDF)
    data = changed_zip(exported(source, framework), name, PDF + b"tampered")
    with pytest.raises(UserError) as refused:
        read_file("export.zip", data, framework)
    assert str(refused.value) == (
        f"{name} in the zip is not the file it names: its SHA-256 differs (the zip is damaged or "
        "was changed)."
    )
    assert documents.blob_count(db) == 0
