"""User errors carry message ids and values: the words they name are translated with them."""

import gettext
from datetime import date

from cpss.db.errors import DatabaseInUse, ServerUnreachable
from cpss.exchange.tables import Column, Place, read_cell
from cpss.i18n import ENGLISH, Text
from cpss.model.assessments import AssessmentDetails, AssessmentError
from cpss.model.errors import UserError


class Catalogue(gettext.NullTranslations):
    """A test catalogue: a dict of message id -> translation."""

    def __init__(self, words: dict[str, str]):
        super().__init__()
        self.words = words

    def gettext(self, message):
        return self.words.get(message, message)


def fake(words: dict[str, str]) -> Text:
    return Text("fr", Catalogue(words))


def caught(action) -> UserError:
    try:
        action()
    except UserError as exc:
        return exc
    raise AssertionError("no UserError")


def test_a_cell_error_names_the_place_and_the_problem_in_the_language():
    error = caught(lambda: read_cell(Column("n", "N", "int"), "abc", Place("Ratings", 4, "Phase")))
    assert str(error) == 'Sheet "Ratings", row 4, column "Phase": \'abc\' is not a whole number.'
    assert error.translated(ENGLISH) == str(error)
    tr = fake(
        {
            'Sheet "{table}", row {row}, column "{column}"': "Feuille « {table} », ligne {row}, "
            "colonne « {column} »",
            "{value!r} is not a whole number.": "{value!r} n'est pas un nombre entier.",
        }
    )
    assert error.translated(tr) == (
        "Feuille « Ratings », ligne 4, colonne « Phase »: 'abc' n'est pas un nombre entier."
    )


def test_a_field_named_in_a_message_is_translated_with_it():
    details = AssessmentDetails("KEN", "Kenya", "T" * 300, date(2026, 1, 5))
    error = caught(details.validate)
    tr = fake(
        {
            "title": "titre",
            "The {field} is too long: {length} characters, at most {limit}.": "Le {field} est "
            "trop long : {length} caractères, au plus {limit}.",
        }
    )
    assert isinstance(error, AssessmentError)
    assert error.translated(tr) == "Le titre est trop long : 300 caractères, au plus 200."


def test_server_problems_say_their_plain_line_in_the_language():
    busy = DatabaseInUse("/srv/cpss.duckdb", "Conflicting lock held by PID 42")
    assert "(process 42)" in str(busy)
    assert busy.public.startswith("The database is in use by another program;")
    tr = fake(
        {
            "The database is in use by another program; the administrator has the details in "
            "the server's log.": "La base est utilisée par un autre programme.",
        }
    )
    assert busy.public_translated(tr) == "La base est utilisée par un autre programme."
    down = ServerUnreachable("db:5432", "auth", "")
    tr = fake({"the server refused the user name or password": "le serveur a refusé"})
    assert "cannot be used: le serveur a refusé. To fix:" in down.translated(tr)
