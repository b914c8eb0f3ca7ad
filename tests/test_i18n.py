"""The translation layer itself: languages from tags, English by default, plural forms."""

from __future__ import annotations

from cpss.i18n import ENGLISH, LANGUAGES, language_of, text
from cpss.model.errors import UserError


def test_a_browser_tag_gives_its_primary_language_when_the_app_has_it():
    assert language_of("fr-FR") == "fr" and language_of("AR") == "ar" and language_of("ru") == "ru"
    assert language_of("de-DE") is None and language_of("") is None and language_of(None) is None
    assert language_of("../../etc") is None


def test_english_fills_placeholders_and_counts():
    assert ENGLISH("Saved at {time}", time="10:02") == "Saved at 10:02"
    assert ENGLISH.plural("{count} vote", "{count} votes", 1) == "1 vote"
    assert ENGLISH.plural("{count} vote", "{count} votes", 5) == "5 votes"
    assert not ENGLISH.right_to_left and text("ar").right_to_left


def test_every_language_falls_back_to_english_for_a_message_it_lacks():
    for language in LANGUAGES:
        assert text(language)("No such message {x}", x=1) == "No such message 1"
    assert text("xx") is ENGLISH


def test_a_user_error_keeps_its_message_id_and_values_for_translation():
    problem = UserError("The {field} is too long.", field="title")
    assert str(problem) == "The title is too long."
    assert problem.translated(ENGLISH) == "The title is too long."
    assert str(UserError("Plain {braces} kept")) == "Plain {braces} kept"
