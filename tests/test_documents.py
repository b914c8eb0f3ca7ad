"""Evidence documents: checks from the content, one copy per content, history, refusals."""

import pytest

from cpss.db import assessments, documents
from cpss.model.assessments import FINAL
from cpss.model.documents import MB, NewDocument, max_bytes, size_text
from cpss.model.errors import UserError
from cpss.model.file_types import DOCX, XLSX, checked_type
from tests.document_support import PDF, PNG, office_zip, pdf_of
from tests.test_dashboard import assess


def attach(db, assessment_id, name="law.pdf", data=PDF, title="Child Act", sub="1.1", **kw):
    return documents.attach(db, assessment_id, sub, NewDocument(name, data, title), "ana", **kw)


def test_the_same_file_attached_twice_is_stored_once(db):
    assessment_id = assess(db, {})
    first = attach(db, assessment_id)
    second = attach(db, assessment_id, name="copy.pdf", title="Same law", sub="2.1")
    assert first != second
    assert documents.blob_count(db) == 1
    listed = documents.listed(db, assessment_id)
    assert [(d.title, d.subdomain_id, d.size) for d in listed] == [
        ("Child Act", "1.1", len(PDF)),
        ("Same law", "2.1", len(PDF)),
    ]
    assert documents.content(db, listed[0].sha256) == PDF
    assert [d.title for d in documents.listed(db, assessment_id, "2.1")] == ["Same law"]


def test_removal_and_restore_are_history(db):
    assessment_id = assess(db, {})
    document_id = attach(db, assessment_id)
    documents.remove(db, document_id, "bo")
    assert documents.listed(db, assessment_id) == []
    assert [d.title for d in documents.listed(db, assessment_id, removed=True)] == ["Child Act"]
    documents.restore(db, document_id, "cy")
    assert [d.document_id for d in documents.listed(db, assessment_id)] == [document_id]
    steps = documents.history(db, document_id)
    assert [(d.removed, d.recorded_by) for d in steps] == [
        (False, "ana"),
        (True, "bo"),
        (False, "cy"),
    ]
    assert documents.content(db, steps[-1].sha256) == PDF


def test_a_final_assessment_takes_no_documents(db):
    assessment_id = assess(db, {})
    assessments.set_status(db, assessment_id, FINAL, by="t")
    with pytest.raises(UserError, match="final and read-only: reopen it to attach or remove"):
        attach(db, assessment_id)
    assert documents.blob_count(db) == 0


REFUSALS = [
    (
        "law.pdf",
        b"",
        "law.pdf is empty (0 bytes): there is nothing to keep.",
    ),
    (
        "law.pdf",
        b"Just some words, not a PDF.",
        "law.pdf is not what its name says: the name ends in “.pdf”, but its content is of the "
        "type “plain text”. Attach the right file, or give it a name ending in “.txt”. Nothing was stored.",
    ),
    (
        "photo.pdf",
        PNG,
        "photo.pdf is not what its name says: the name ends in “.pdf”, but its content is of the "
        "type “PNG image”. Attach the right file, or give it a name ending in “.png”. Nothing was stored.",
    ),
    (
        "tool.exe",
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
        "tool.exe cannot be attached: its content is not a type of file that can be kept here "
        "(PDF, Word, Excel, PNG, JPEG, GIF or WebP image, or plain text). Nothing was stored.",
    ),
    (
        "notes.txt",
        b"a\x00b",
        "notes.txt cannot be attached: its content is not a type of file that can be kept here "
        "(PDF, Word, Excel, PNG, JPEG, GIF or WebP image, or plain text). Nothing was stored.",
    ),
    (
        "../law.pdf",
        PDF,
        "The file name '../law.pdf' holds '/' at character 3: a name may not hold path "
        "separators (/ or \\) or control characters. Rename the file. Nothing was stored.",
    ),
    (
        "law\x07.pdf",
        PDF,
        "The file name 'law\\x07.pdf' holds '\\x07' at character 4: a name may not hold path "
        "separators (/ or \\) or control characters. Rename the file. Nothing was stored.",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSALS)
def test_refusals_say_which_and_why_and_store_nothing(db, name, data, message):
    assessment_id = assess(db, {})
    with pytest.raises(UserError) as refused:
        attach(db, assessment_id, name=name, data=data)
    assert str(refused.value) == message
    assert documents.listed(db, assessment_id) == [] and documents.blob_count(db) == 0


def test_twenty_mb_is_accepted_and_one_byte_more_refused(db):
    assessment_id = assess(db, {})
    with pytest.raises(UserError) as refused:
        attach(db, assessment_id, data=pdf_of(20 * MB + 1))
    assert str(refused.value) == (
        "law.pdf is too large: 20971521 bytes, and a document may have at most 20971520 bytes "
        "(20.0 MB). Nothing was stored."
    )
    assert documents.blob_count(db) == 0
    document_id = attach(db, assessment_id, data=pdf_of(20 * MB))
    stored = documents.document(db, document_id)
    assert stored.size == 20 * MB
    assert documents.content(db, stored.sha256) == pdf_of(20 * MB)


def test_the_type_comes_from_the_content():
    assert checked_type("plan.docx", office_zip("word/document.xml")) == DOCX
    assert checked_type("budget.xlsx", office_zip("xl/workbook.xml")) == XLSX
    assert checked_type("data.csv", "région,enfants\nNord,12\r\n".encode()) == "text/csv"
    assert checked_type("scan.png", PNG) == "image/png"
    with pytest.raises(UserError, match="cannot be attached"):
        checked_type("plan.docx", office_zip("other/readme.xml"))  # a zip, not a Word file
    with pytest.raises(UserError, match="content is of the type “Word document”"):
        checked_type("budget.xlsx", office_zip("word/document.xml"))


def test_the_limit_is_a_setting():
    assert max_bytes({}, {}) == 20 * MB
    assert max_bytes({"cpss": {"max_document_mb": 5}}, {}) == 5 * MB
    assert max_bytes({"cpss": {"max_document_mb": 5}}, {"CPSS_MAX_DOCUMENT_MB": "50"}) == 50 * MB
    with pytest.raises(UserError, match=r"CPSS_MAX_DOCUMENT_MB .* is 'lots'"):
        max_bytes({}, {"CPSS_MAX_DOCUMENT_MB": "lots"})


def test_sizes_read_in_the_sessions_number_format():
    from cpss.i18n import text

    assert size_text(1, text("en")) == "1 byte"
    assert size_text(1536, text("en")) == "1.5 KB"
    assert size_text(int(12.25 * MB), text("fr")).startswith("12,2")
