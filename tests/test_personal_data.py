"""The personal-data check (cpss.model.personal_data): each kind found in English and in French or
Spanish, and nothing found in ordinary evidence (tests/data/ordinary_evidence.txt)."""

from pathlib import Path

import pytest

from cpss.model.personal_data import BIRTH_DATE, EMAIL, ID_NUMBER, PHONE, find, find_in

ORDINARY = Path(__file__).parent / "data" / "ordinary_evidence.txt"

FOUND = [
    (EMAIL, "Confirmed by the social worker, amina.o@example.org.", "amina.o@example.org"),
    (EMAIL, "Confirmé par courriel : jean-luc.m@exemple.fr", "jean-luc.m@exemple.fr"),
    (PHONE, "Call the mother on +254 712 345 678 for details.", "+254 712 345 678"),
    (PHONE, "Llamar a la familia al +34 612 34 56 78.", "+34 612 34 56 78"),
    (PHONE, "Her number is 0712 345678.", "0712 345678"),  # national form, the country's
    (BIRTH_DATE, "The girl (born 12/03/2015) was placed in care.", "12/03/2015"),
    (BIRTH_DATE, "DOB: 4 May 2011, referred by the school.", "4 May 2011"),
    (BIRTH_DATE, "L'enfant, née le 3 mars 2012, est suivie.", "3 mars 2012"),
    (BIRTH_DATE, "El niño, nacido el 5 de mayo de 2014, vive con su tía.", "5 de mayo de 2014"),
    (ID_NUMBER, "See case CP-2023-00451 for the follow-up.", "CP-2023-00451"),
    (ID_NUMBER, "Birth certificate 12345678 was missing.", "12345678"),
    (ID_NUMBER, "Dossier n° AB1234567 transmis au juge.", "AB1234567"),
    (ID_NUMBER, "Expediente EXP/2022/0457 remitido al juzgado.", "EXP/2022/0457"),
]


@pytest.mark.parametrize(("kind", "text", "seen"), FOUND)
def test_each_kind_is_found(kind, text, seen):
    assert [(f.kind, f.text) for f in find(text, "KEN")] == [(kind, seen)]
    finding = find(text, "KEN")[0]
    assert text[finding.start : finding.end] == seen


def test_a_national_phone_form_needs_the_country():
    """ "01 23 45 67 89" is a French number: found for France, not for an assessment elsewhere."""
    assert [f.kind for f in find("Tél. 01 23 45 67 89", "FRA")] == [PHONE]
    assert find("Tél. 01 23 45 67 89", "KEN") == []


def ordinary_texts() -> list[str]:
    lines = ORDINARY.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_the_corpus_is_big_enough():
    assert len(ordinary_texts()) >= 60


@pytest.mark.parametrize("country", ["KEN", "FRA", "ESP", "RUS", "EGY", "USA", None])
def test_ordinary_evidence_gives_no_warning(country):
    noisy = {text: find(text, country) for text in ordinary_texts()}
    assert {text: found for text, found in noisy.items() if found} == {}


def test_find_in_names_the_fields_with_findings():
    found = find_in({"evidence": "Law 2016 article 3", "rationale": "mail x.y@example.org"})
    assert list(found) == ["rationale"]
    assert found["rationale"][0].kind == EMAIL
