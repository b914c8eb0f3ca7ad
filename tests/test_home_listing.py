"""The home page lists at most ``SHOWN`` assessments, and a search finds the others."""

from datetime import date

from cpss.db import assessments
from cpss.db.listing import SHOWN
from cpss.model.assessments import AssessmentDetails


def opened(app) -> list[str]:
    """The ids of the assessments drawn as cards (their Open/Continue buttons)."""
    return [b.key.removeprefix("open_") for b in app.button if b.key and b.key.startswith("open_")]


def test_many_assessments_show_the_latest_and_a_search_finds_any(app, db):
    ids = [
        assessments.create(
            db,
            AssessmentDetails(
                "KEN",
                "Kenya",
                f"Round {n}",
                date(2026, 1, 1),
                "Turkana" if n == 3 else "",
                "Amina" if n == 5 else "",
            ),
            "v",
            by="t",
        )
        for n in range(SHOWN + 5)
    ]
    app.run()
    assert f"**Your assessments** ({SHOWN + 5})" in [m.value for m in app.markdown]
    assert len(opened(app)) == SHOWN
    assert "The 20 most recently changed are shown: search to find the others." in [
        c.value for c in app.caption
    ]

    app.text_input(key="home_search").input("turkana round").run()
    assert opened(app) == [ids[3]]
    assert "1 found." in [c.value for c in app.caption]
    app.text_input(key="home_search").input("AMINA").run()
    assert opened(app) == [ids[5]]
    app.text_input(key="home_search").input("round").run()
    assert len(opened(app)) == SHOWN
    assert f"{SHOWN + 5} found: the {SHOWN} most recently changed are shown." in [
        c.value for c in app.caption
    ]
    app.text_input(key="home_search").input("ÁMINA").run()  # accents and case do not matter
    assert opened(app) == [ids[5]]
    app.text_input(key="home_search").input("nowhere").run()
    assert opened(app) == [] and "0 found." in [c.value for c in app.caption]


def test_few_assessments_need_no_search(app):
    app.button(key="load_demo").click().run()
    assert len(opened(app)) == 2
    assert not [t for t in app.text_input if t.key == "home_search"]


def test_the_search_ignores_case_and_accents_on_both_sides(db):
    from cpss.db.listing import recent_assessments

    wanted = assessments.create(
        db,
        AssessmentDetails(
            "CIV", "Côte d'Ivoire", "Référence 2026", date(2026, 1, 1), "Région des Savanes"
        ),
        "v",
        by="t",
    )
    assessments.create(
        db, AssessmentDetails("KEN", "Kenya", "Baseline", date(2026, 1, 1)), "v", by="t"
    )
    for words in ("cote d'ivoire", "REGION savanes", "référence", "reference 2026", "Côte"):
        assert [row.id for row in recent_assessments(db, words).rows] == [wanted], words
