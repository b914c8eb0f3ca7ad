"""The language frame in a real browser: the page's own ``lang`` and ``dir`` follow the chosen
language, and Arabic lays the phase columns out right to left (Building on the right)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from cpss.i18n import text
from cpss.model.translation_file import load_translation
from tests.browser_support import wait_for_app
from tests.test_browser import checked_choice, choice_radio, start_assessment, step


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

    page.get_by_role("combobox", name="Language").click()
    page.get_by_role("option", name="Français").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert "lang=fr" in page.url


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
