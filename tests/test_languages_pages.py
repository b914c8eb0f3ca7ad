"""The pages in each language through ``app.py`` with AppTest (issue 17): the picker, the address
and the browser choose the language; Arabic reads right to left; the benchmark is shown in the
chosen language with its notice and the English original on demand; no English is left on screen.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from cpss.db import workshop_votes
from cpss.i18n import DOMAIN, LANGUAGES, LOCALES, SOURCE_LANGUAGE
from cpss.model.framework import Framework
from cpss.model.framework_file import load_framework
from cpss.model.translation_file import load_translation
from tests.conftest import ROOT
from tests.test_pages import PAGES, app_db

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
# The pages and languages checked for English left on screen: every page, every language.
CHECKED_PAGES = PAGES
CHECKED_LANGUAGES = TRANSLATED


def fresh_app(**context) -> AppTest:
    """The app before its first run (``context``: what ``st.context`` reads, e.g. the locale)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context = context
    return at


def strings(message) -> list[str]:
    """Every string field of a protobuf ``message``, nested ones included."""
    found: list[str] = []
    for _field, value in message.ListFields():
        single = isinstance(value, str) or hasattr(value, "ListFields")
        values = value if not single and hasattr(value, "__len__") else [value]
        for item in values:
            if isinstance(item, str):
                found.append(item)
            elif hasattr(item, "ListFields"):
                found += strings(item)
    return found


def _reads(line: str) -> str:
    """A line of Markdown as a reader sees it: no escapes, emphasis, headings, icons or colours."""
    line = re.sub(r":material/\w+:", "", re.sub(r"\\(.)", r"\1", line)).replace("**", "")
    line = re.sub(r":[a-z]+\[(.*)\]", r"\1", line)
    return line.lstrip("#>•- ").strip()


def screen_texts(at: AppTest) -> set[str]:
    """Every line of text on the page (bodies, labels, options, help, captions), as read."""
    lines: set[str] = set()
    for node in at:
        proto = getattr(node, "proto", None)
        if proto is not None:
            lines |= {_reads(line) for text in strings(proto) for line in text.split("\n")}
    return lines - {""}


def translated_messages(language: str) -> set[str]:
    """The English message ids that ``language``'s catalogue translates into something else."""
    with (LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as source:
        found = read_po(source, locale=language)
    english = set()
    for message in found:
        if message.id and message.string and not message.fuzzy and message.string != message.id:
            english |= {message.id} if isinstance(message.id, str) else set(message.id)
    return english


def benchmark_texts(framework: Framework) -> list[str]:
    """The benchmark's texts a page shows: phase names, outcome and subdomain titles, criteria."""
    texts = [framework.name, *framework.reading_rules]
    texts += [text for phase in framework.phases for text in (phase.name, phase.label)]
    texts += [text for outcome in framework.outcomes for text in (outcome.title, outcome.label)]
    for subdomain in framework.subdomains:
        texts += [subdomain.title, subdomain.label, *subdomain.criteria.values()]
    return texts


def english_left_to_translate(language: str) -> set[str]:
    """The English texts that should not appear on a page in ``language``: the benchmark's texts
    that its translation changes, and the catalogue's translated message ids."""
    english, translated = load_framework(), load_translation(language)
    changed = {
        text
        for text, other in zip(benchmark_texts(english), benchmark_texts(translated), strict=True)
        if text != other
    }
    return changed | translated_messages(language)


def english_on_screen(at: AppTest, language: str) -> set[str]:
    """The English texts left on the page that ``language`` translates."""
    return screen_texts(at) & english_left_to_translate(language)


def in_language(language: str, page: str = "app_pages/home.py", demo: bool = True) -> AppTest:
    """The app opened with ``?lang=language`` on ``page`` (the demo loaded first when ``demo``)."""
    at = fresh_app()
    at.query_params["lang"] = language
    at.run()
    if demo:
        at.button(key="load_demo").click().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_picker_chooses_the_language_and_keeps_it_in_the_address(app):
    assert app.selectbox(key="language_picker").value == "en"
    assert app.query_params["lang"] == "en"
    app.selectbox(key="language_picker").set_value("fr").run()
    assert app.query_params["lang"] == "fr"
    app.switch_page("app_pages/benchmark.py").run()  # a page switch keeps it
    assert app.query_params["lang"] == "fr"
    assert app.title[0].value == load_translation("fr").name
    assert app.selectbox(key="language_picker").options == list(LANGUAGES.values())


def test_the_address_then_the_browser_choose_the_first_language(db_path):
    by_browser = fresh_app(locale="ru-RU")
    by_browser.run()
    assert by_browser.selectbox(key="language_picker").value == "ru"
    assert by_browser.query_params["lang"] == "ru"
    by_address = fresh_app(locale="ru-RU")
    by_address.query_params["lang"] = "es"
    by_address.run()
    assert by_address.selectbox(key="language_picker").value == "es"
    unknown = fresh_app(locale="de-DE")
    unknown.run()
    assert unknown.selectbox(key="language_picker").value == "en"


def styles(at: AppTest) -> str:
    return "".join(element.proto.body for element in at.get("html"))


def test_arabic_pages_read_right_to_left_and_say_so_on_the_page(db_path):
    arabic = in_language("ar", "app_pages/benchmark.py", demo=False)
    assert '[data-testid="stApp"] {direction: rtl;}' in styles(arabic)
    assert '[data-testid="stSlider"] {direction: ltr;}' in styles(arabic)
    assert 'document.documentElement.dir = "rtl"' in styles(arabic)
    assert 'document.documentElement.lang = "ar"' in styles(arabic)
    french = in_language("fr", "app_pages/benchmark.py", demo=False)
    assert "direction: rtl" not in styles(french)
    assert 'document.documentElement.dir = "ltr"' in styles(french)


def test_the_walk_through_shows_the_french_criterion_the_notice_and_the_english_original(db_path):
    at = in_language("fr", "app_pages/assess.py")
    at.selectbox(key="jump").set_value("3.1").run()
    french, english = load_translation("fr"), load_framework()
    shown = [element.value for element in at.text]
    assert shown == [french.subdomain("3.1").criteria[p.number] for p in french.phases]
    captions = screen_texts(at)
    assert french.translation_notice in captions
    assert any(french.drafted_note in text for text in captions)  # 3.1's drafted cell, marked
    at.toggle(key="english_original").set_value(True).run()
    shown = [element.value for element in at.text]
    assert shown[4:] == [english.subdomain("3.1").criteria[p.number] for p in english.phases]
    assert any(english.drafted_note in text for text in screen_texts(at))


def test_the_english_pages_show_no_notice_and_no_original_switch(app):
    app.switch_page("app_pages/benchmark.py").run()
    assert not [t for t in app.toggle if t.key == "english_original"]
    assert "Working translation" not in " ".join(screen_texts(app))


def test_the_french_benchmark_page_leaves_no_english_benchmark_text_until_asked(db_path):
    at = in_language("fr", "app_pages/benchmark.py", demo=False)
    assert not english_on_screen(at, "fr")
    at.toggle(key="english_original").set_value(True).run()
    left = english_on_screen(at, "fr")  # the check finds English where it is
    assert load_framework().subdomain("1.1").criteria[1] in left


@pytest.mark.parametrize("language", CHECKED_LANGUAGES)
@pytest.mark.parametrize("page", CHECKED_PAGES)
def test_no_english_is_left_on_a_page_in_another_language(db_path, page, language):
    at = in_language(language, page)
    left = english_on_screen(at, language)
    assert not left, f"{page} in {language} still shows, in English:\n" + "\n".join(sorted(left))


def test_a_workshop_in_two_languages_and_a_ballot_in_a_third(app):
    from tests.test_workshop_pages import facilitator, participant

    app.selectbox(key="language_picker").set_value("ru").run()
    workshop = facilitator(app)
    app.selectbox(key="ws_pick").set_value("3.1").run()
    russian, english = load_translation("ru"), load_framework()
    assert [t.value for t in app.text] == list(russian.subdomain("3.1").criteria.values())
    assert russian.translation_notice in screen_texts(app)
    app.selectbox(key="projector_second_language").set_value("en").run()
    shown = [t.value for t in app.text]  # the room's language above, the second below
    assert shown[4:] == list(english.subdomain("3.1").criteria.values())

    phone = participant(workshop.code)  # its own language, whatever the projector shows
    assert phone.query_params["lang"] == "en" and not phone.sidebar.selectbox
    phone.selectbox(key="ballot_language").set_value("ar").run()
    phone.button(key="join_enter").click().run()
    assert phone.query_params["lang"] == "ar" and phone.query_params["p"]
    arabic = load_translation("ar")
    assert [t.value for t in phone.text] == list(arabic.subdomain("3.1").criteria.values())
    assert "direction: rtl" in styles(phone)
    phone.radio(key="vote").set_value(2).run()
    assert workshop_votes.my_vote(app_db(), workshop.id, phone.query_params["p"], "3.1")[0] == 2
