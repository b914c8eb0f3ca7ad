"""The answers table: "don't know" and "not applicable" read as what they are, never as a phase."""

from cpss.model.answers import DONT_KNOW, NOT_APPLICABLE, Answer
from cpss.model.scoring import answers_table, choice_label


def rated(phase, target=None):
    return Answer(status="phase", phase=phase, target=target)


def test_answers_table_reads_as_users_expect(framework):
    table = answers_table(
        framework, {"1.1": rated(2, 3), "3.1": rated(4), "7.3": Answer(status=DONT_KNOW)}
    ).set_index("Subdomain")
    assert len(table) == 19
    first = table.loc["1.1 Understanding and articulation of national child protection systems"]
    assert first["Current phase"] == "2 · System Enhancement"
    assert first["Target phase"] == "3 · System Integration"
    drafted = table.loc["3.1 Modelling, testing and scaling of child protection services"]
    assert drafted["Current phase"] == "4 · System Maturity †"
    assert (
        table.loc[
            "7.3 Data governance (coordination, oversight, and secure management)", "Current phase"
        ]
        == "Don't know"
    )
    assert (
        table.loc[
            "1.2 Legislation on child protection systems and implementation structures/mechanisms",
            "Current phase",
        ]
        == "Not answered"
    )


def test_choosing_a_phase_raises_a_lower_target():
    assert Answer(target=2).with_choice(3).target == 3
    assert Answer(target=4).with_choice(3).target == 4
    assert Answer(status="phase", phase=2, target=3).with_choice(DONT_KNOW).phase is None


def test_a_choice_reads_the_same_from_a_number_a_cell_or_a_status(framework):
    assert choice_label(framework, 2) == choice_label(framework, "2") == "2 · System Enhancement"
    assert choice_label(framework, DONT_KNOW) == "Don't know"
    assert choice_label(framework, NOT_APPLICABLE) == "Not applicable"
    assert choice_label(framework, None) == "Not answered"
