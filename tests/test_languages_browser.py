"""The language frame in a real browser: the page's own ``lang`` and ``dir`` follow the chosen
language, and Arabic lays the phase columns out right to left (Building on the right)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse, urlunparse

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cpss.i18n import LANGUAGES, text
from cpss.model.framework_file import load_framework as english_benchmark
from cpss.model.translation_file import load_translation
from tests.browser_support import wait_for_app
from tests.test_browser import build_demo_pdf, checked_choice, choice_radio, start_assessment, step
from tests.test_workshop_browser import FOLLOW_MS, new_tab, open_subdomain, start_workshop
from tests.test_workshop_browser import ws_server as workshop_server

ws_server = workshop_server  # the workshop app (two votes reveal), a module fixture used here


def test_arabic_sets_the_pages_dir_and_mirrors_the_phase_columns(server: str, page: Page):
    page.goto(f"{server}/benchmark?lang=ar")
    wait_for_app(page)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    first = page.locator("[data-testid=stExpander]").filter(has_text="1.1").first
    first.locator("summary").click()
    columns = first.locator("[data-testid=stColumn]")
    expect(columns.first).to_be_visible()
    building, maturity = columns.nth(0).bounding_box(), columns.nth(3).bounding_box()
    assert building and maturity and building["x"] > maturity["x"]  # Building on the right

    # found by its key: its label is in Arabic now ("🌐 اللغة")
    page.locator(".st-key-language_picker input").click()
    page.evaluate(COUNT_RUNS)
    page.get_by_role("option", name="Français").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    wait_for_app(page)
    assert "lang=fr" in page.url
    assert page.evaluate("window.scriptRuns") == 1  # a language switch reruns the page once


# Counts the script runs that end from now on: ``data-test-script-state`` leaving ``running`` (each
# record keeps the value it replaced, so a run that starts and ends between two callbacks counts).
COUNT_RUNS = """() => {
  window.scriptRuns = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(records => records.forEach(r => {
    if (r.oldValue === 'running') window.scriptRuns += 1;
  })).observe(app, {attributes: true, attributeOldValue: true,
                    attributeFilter: ['data-test-script-state']});
}"""


FRENCH = text("fr")
FRENCH_BENCHMARK = load_translation("fr")
# Three subdomains walked in French: phase, target, confidence and evidence for each (the phase
# and target by number, shown with the French phase names; the confidence in French words).
FRENCH_ANSWERS = {
    "1.1": (2, 3, "High", "Plan national 2024, validé par le ministère"),
    "1.2": (1, 2, "Medium", "Entretiens avec la direction de l'enfance"),
    "2.1": (3, 4, "Low", "Rapport annuel « protection de l'enfance »"),
}


def french_phase(number: int) -> str:
    """A phase's label as the French walk-through shows it (``2 · Amélioration du système``)."""
    return FRENCH_BENCHMARK.phases[number - 1].label


def saved_in_french(page: Page) -> None:
    """Wait until the walk-through says, in French, that the last change is saved."""
    wait_for_app(page)
    expect(page.locator(".st-key-save_state")).to_contain_text(
        FRENCH("✓ Saved at {time}", time="").strip()
    )


def answer_in_french(page: Page, subdomain_id: str) -> None:
    """Give ``subdomain_id``'s answer from FRENCH_ANSWERS, checking the French texts on screen."""
    phase, target, confidence, evidence = FRENCH_ANSWERS[subdomain_id]
    subdomain = FRENCH_BENCHMARK.subdomain(subdomain_id)
    expect(page.get_by_text(subdomain.label).first).to_be_visible()
    for criterion in subdomain.criteria.values():  # the four phase texts, in French
        expect(page.get_by_text(criterion, exact=True).first).to_be_visible()
    notice = FRENCH("Working translation, not an official UNICEF text.")
    expect(page.get_by_text(notice).first).to_be_visible()
    expect(page.get_by_text(FRENCH("Which phase fits best?"))).to_be_visible()
    choice_radio(page).get_by_text(french_phase(phase), exact=True).click()
    saved_in_french(page)
    page.locator(".st-key-target").click()
    page.get_by_role("option", name=french_phase(target), exact=True).click()
    saved_in_french(page)
    page.locator(".st-key-confidence").get_by_text(FRENCH(confidence), exact=True).click()
    saved_in_french(page)
    page.locator(".st-key-evidence textarea").fill(evidence)
    page.locator(".st-key-evidence textarea").blur()  # a text area sends its value on leaving it
    saved_in_french(page)


def read_back_in_french(page: Page, subdomain_id: str) -> None:
    """The stored answer of ``subdomain_id`` as the French walk-through shows it."""
    phase, target, confidence, evidence = FRENCH_ANSWERS[subdomain_id]
    assert checked_choice(page) == french_phase(phase)
    expect(page.locator(".st-key-target input")).to_have_value(french_phase(target))
    checked = page.locator(".st-key-confidence label").filter(has=page.locator("input:checked"))
    expect(checked).to_have_text(FRENCH(confidence))
    expect(page.locator(".st-key-evidence textarea")).to_have_value(evidence)


def test_a_walk_through_of_three_subdomains_in_french(server: str, page: Page):
    """A French assessor rates three subdomains (phase, target, confidence, evidence, next) with
    the French interface, phase names and criteria on screen; after a reload each answer reads
    back in French, and the address still says French."""
    start_assessment(page, f"{server}/?lang=fr", "Parcours en français")
    assert "lang=fr" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    ids = list(FRENCH_ANSWERS)
    for here, there in zip(ids, [*ids[1:], None]):
        answer_in_french(page, here)
        if there:
            step(page, FRENCH("Next ▶"), there)
    page.reload()
    wait_for_app(page)
    assert "lang=fr" in page.url
    expect(page.get_by_text(FRENCH("Which phase fits best?"))).to_be_visible()
    expect(page.get_by_text(FRENCH_BENCHMARK.subdomain("2.1").label).first).to_be_visible()
    for here, back in zip(reversed(ids), [*reversed(ids[:-1]), None]):
        read_back_in_french(page, here)
        if back:
            step(page, FRENCH("◀ Previous"), back)
    done = FRENCH.plural(
        "{done} of {count} subdomain answered", "{done} of {count} subdomains answered", 19, done=3
    )
    expect(page.get_by_text(done)).to_be_visible()


def in_language(address: str, lang: str) -> str:
    """``address`` with its ``?lang=`` set to ``lang`` (the other parameters kept)."""
    parts = urlparse(address)
    query = {**parse_qs(parts.query), "lang": [lang]}
    return urlunparse(parts._replace(query=urlencode(query, doseq=True)))


def test_a_russian_projector_with_english_below_and_a_phone_voting_in_arabic(ws_server, browser):
    """The facilitator runs the room in Russian with English as the projector's second language
    (Russian above, English below); a participant picks Arabic on a phone, whose page turns right
    to left, votes with the Arabic phase names, and the Russian count shows the vote."""
    url, _ = ws_server
    russian, arabic = text("ru"), text("ar")
    facilitator = new_tab(browser, 1920, 1080)
    start_workshop(facilitator, url, "Room in two languages")
    link = facilitator.locator(".st-key-join_link").inner_text().strip()
    facilitator.goto(in_language(facilitator.url, "ru"))  # the same workshop, now in Russian
    wait_for_app(facilitator)
    expect(facilitator.locator("html")).to_have_attribute("lang", "ru")

    phone = new_tab(browser, 390, 844)
    phone.goto(link)
    wait_for_app(phone)
    phone.locator(".st-key-ballot_language input").click()
    phone.get_by_role("option", name=LANGUAGES["ar"]).click()
    wait_for_app(phone)
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    phone.get_by_role("button", name=arabic("Join the workshop")).click()
    wait_for_app(phone)

    open_subdomain(facilitator, "1.1")
    facilitator.locator(".st-key-projector_second_language input").click()
    facilitator.keyboard.type(LANGUAGES["en"])  # typed: the live count's reruns may close a list
    facilitator.keyboard.press("Enter")
    wait_for_app(facilitator)
    room, second = load_translation("ru").subdomain("1.1"), english_benchmark().subdomain("1.1")
    projector = facilitator.locator(".st-key-projector")
    above = projector.get_by_text(room.criteria[1], exact=True)
    below = facilitator.locator(".st-key-projector_en").get_by_text(second.criteria[1], exact=True)
    expect(above).to_be_visible()
    expect(below).to_be_visible()
    assert above.bounding_box()["y"] < below.bounding_box()["y"]  # Russian above, English below
    notice = russian("Working translation, not an official UNICEF text.")
    expect(projector.get_by_text(notice).first).to_be_visible()

    ballot = load_translation("ar")
    expect(phone.get_by_text(ballot.subdomain("1.1").label)).to_be_visible(timeout=FOLLOW_MS)
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")  # still, on the ballot
    choice = ballot.phases[1].label
    phone.locator(".st-key-vote").get_by_text(choice, exact=True).click()
    wait_for_app(phone)
    expect(phone.locator(".st-key-vote_state")).to_contain_text(
        arabic("Your vote is saved: {choice}.", choice=choice)
    )
    counted = russian("**{voted} of {count}** joined have voted", voted=1, count=1)
    expect(facilitator.locator(".st-key-voted_count")).to_have_text(
        counted.replace("**", ""), timeout=FOLLOW_MS
    )
    for tab in (phone, facilitator):
        tab.context.close()


# The report's section headings (message ids), each to be printed in French in a French report.
REPORT_HEADINGS = ("Summary", "Charts", "Action plan", "Every subdomain's answer", "Method")


@pytest.fixture(scope="module")
def french_report(server: str, browser, tmp_path_factory) -> str:
    """The demo's PDF report built and downloaded from the Reports & data page in French; its
    text as pypdf reads it (line breaks and spacing flattened)."""
    tab = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    build_demo_pdf(tab, server, "?lang=fr")
    expect(tab.get_by_text(FRENCH("The {format} report is ready", format="PDF"))).to_be_visible()
    with tab.expect_download() as download:
        tab.locator(".st-key-download_pdf button").click()
    path = tmp_path_factory.mktemp("french-report") / "report.pdf"
    download.value.save_as(path)
    tab.context.close()
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == "fr"  # read aloud with French sounds
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_french_pdf_report_from_the_browser_has_french_criteria_and_dates(french_report):
    """The report downloaded in a French session prints the benchmark's French texts and dates."""
    assert FRENCH_BENCHMARK.subdomains[0].title in french_report
    assert FRENCH_BENCHMARK.phases[1].name in french_report
    assert "10 mars 2026" in french_report  # the demo follow-up's date, written in French
    assert FRENCH("Action plan") == "Plan d'action" and "Plan d'action" in french_report


def test_the_french_pdf_report_from_the_browser_has_french_headings(french_report):
    """Every section heading of the French report is printed in French (none left in English)."""
    english = [id_ for id_ in REPORT_HEADINGS if FRENCH(id_) == id_]
    assert not english, f"headings not translated: {english}"
    for heading in REPORT_HEADINGS:
        assert FRENCH(heading) in french_report, heading
