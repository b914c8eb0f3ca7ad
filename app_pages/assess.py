"""Walk-through: rate each subdomain with its four phase texts side by side; answers save on change.

The page's address holds the assessment and the subdomain (``?assessment=ID&subdomain=3.1``), so a
refresh reopens the same place; the database remembers the last subdomain for a resume days later.
The editor is a fragment (a click reruns the editor only, not the whole page), and the phase choice
with what it changes is a smaller fragment inside it, as a phase click is the most frequent action.
"""

import streamlit as st

from cpss.db import assessments
from cpss.db.listing import recent_assessments
from cpss.model.answers import Answer
from cpss.model.assessments import DRAFT, FINAL
from cpss.model.errors import UserError
from ui import personal_data_warning, resources
from ui.answer_editor import EDITOR, answer_details, load_answer, phase_picker
from ui.assessment_tools import delete_button, details_editor, history_panel, share_links_panel
from ui.documents import DOCUMENT_CHECK, documents_part
from ui.i18n import _
from ui.language import english_original
from ui.widgets import assessment_header, message, phase_choice_area, plain

framework = resources.framework()
SUBDOMAIN_IDS = [s.id for s in framework.subdomains]


def open_subdomain(subdomain_id: str) -> None:
    """Move the walk-through to another subdomain (a widget callback)."""
    st.query_params["subdomain"] = subdomain_id


def step(offset: int) -> None:
    """Move to the previous (-1) or next (+1) subdomain."""
    index = SUBDOMAIN_IDS.index(st.query_params["subdomain"]) + offset
    open_subdomain(SUBDOMAIN_IDS[max(0, min(index, len(SUBDOMAIN_IDS) - 1))])


def current_subdomain(db, assessment_id: str, answers: dict[str, Answer]) -> str:
    """The subdomain asked for in the address, else where the user last was, else the first unanswered."""
    wanted = st.query_params.get("subdomain")
    if wanted not in SUBDOMAIN_IDS:
        unanswered = [s for s in SUBDOMAIN_IDS if not (answers.get(s) or Answer()).is_answered]
        wanted = assessments.last_position(db, assessment_id) or (unanswered or SUBDOMAIN_IDS)[0]
        st.query_params["subdomain"] = wanted
    return wanted


def navigator(subdomain_id: str, answers: dict[str, Answer]) -> None:
    """Previous/next, and a list to jump to any subdomain, marking which are answered."""
    st.session_state.jump = subdomain_id

    def jump_label(sub_id: str) -> str:
        # The open subdomain is marked as such: its answer changes without this list being redrawn.
        answered = (answers.get(sub_id) or Answer()).is_answered
        mark = "▸" if sub_id == subdomain_id else "✓" if answered else "○"
        return f"{mark} {framework.subdomain(sub_id).label}"

    back, pick, forward = st.columns([1, 6, 1], vertical_alignment="bottom")
    back.button(
        _("◀ Previous"),
        key="previous",
        on_click=step,
        args=(-1,),
        disabled=subdomain_id == SUBDOMAIN_IDS[0],
        width="stretch",
    )
    pick.selectbox(
        _("Jump to a subdomain"),
        SUBDOMAIN_IDS,
        key="jump",
        format_func=jump_label,
        on_change=lambda: open_subdomain(st.session_state.jump),
    )
    forward.button(
        _("Next ▶"),
        key="next",
        on_click=step,
        args=(1,),
        disabled=subdomain_id == SUBDOMAIN_IDS[-1],
        width="stretch",
    )


@st.fragment(key=EDITOR)
def editor(assessment_id: str, read_only: bool) -> None:
    """Navigator and the subdomain being rated; reruns alone when one of its widgets changes (a
    phase click reruns only :func:`phase_picker`)."""
    db = resources.db()
    answers = assessments.current_answers(db, assessment_id)
    subdomain_id = current_subdomain(db, assessment_id, answers)
    if (
        st.session_state.get("editing") != (assessment_id, subdomain_id)
        or "choice" not in st.session_state
    ):
        load_answer(answers.get(subdomain_id) or Answer())
        st.session_state.editing = (assessment_id, subdomain_id)
        st.session_state.save_state = None
        st.session_state.pop("document_state", None)  # "Attached: ..." was the other subdomain's
        personal_data_warning.close(DOCUMENT_CHECK)  # so was a warning on a document's title
        assessments.record_position(db, assessment_id, subdomain_id)
    navigator(subdomain_id, answers)
    subdomain = framework.subdomain(subdomain_id)
    # One element for the outcome and the subdomain's title: each element costs every click.
    st.markdown(
        f":gray[{plain(framework.outcome(subdomain.outcome_id).label)}]\n\n"
        f"### {plain(subdomain.label)}"
    )
    # The open subdomain as just read (another tab or a workshop may have answered it since).
    st.session_state.stored_answered = (answers.get(subdomain_id) or Answer()).is_answered
    elsewhere = sum(a.is_answered for sub_id, a in answers.items() if sub_id != subdomain_id)
    with phase_choice_area(framework, subdomain, "choice"):
        # The texts are drawn here, not in the picker: a phase click does not redraw them.
        phase_picker(assessment_id, subdomain_id, read_only, elsewhere)
    english_original(framework, subdomain, "english_original")
    answer_details(assessment_id, subdomain_id, read_only)
    documents_part(assessment_id, subdomain_id, read_only)
    history_panel(framework, db, assessment_id, subdomain_id, read_only, load_answer)


def change_status(db, assessment_id: str, status: str) -> None:
    """Mark the assessment final or draft, and redraw the page with the stored answers (the open
    subdomain's widgets may still hold a choice another tab has changed since)."""
    assessments.set_status(db, assessment_id, status, by=st.session_state.recorded_by)
    st.session_state.pop("editing", None)  # the editor reloads the open subdomain's answer
    st.rerun()


def status_controls(db, assessment) -> None:
    """Mark the assessment final, or reopen it, and a link to the dashboard."""
    if assessment.is_final:
        st.warning(_("This assessment is final: it is read-only until it is reopened."))
        if st.button(_("Reopen for changes"), key="reopen"):
            change_status(db, assessment.id, DRAFT)
    elif st.button(
        _("Mark as final"),
        key="mark_final",
        type="primary",
        help=_("A final assessment is read-only until it is reopened."),
    ):
        change_status(db, assessment.id, FINAL)
    st.page_link(
        "app_pages/dashboard.py",
        label=_("See the dashboard"),
        icon=":material/insights:",
        query_params={"assessment": assessment.id},
    )


def resume(db) -> str | None:
    """The most recently changed assessment, put in the address (the walk-through opened from
    the menu continues the latest work), or None when there is none."""
    newest = recent_assessments(db, limit=1).rows
    if not newest:
        return None
    st.query_params["assessment"] = newest[0].id
    st.toast(
        _("The most recently changed assessment is open: choose another on the Assessments page.")
    )
    return newest[0].id


def main() -> None:
    """Render the page for the assessment named in the address."""
    db = resources.db()
    assessment_id = st.query_params.get("assessment") or resume(db)
    if not assessment_id:
        st.title(_("Walk-through"))
        st.info(_("Choose or start an assessment first."))
        st.page_link(
            "app_pages/home.py", label=_("Go to the assessments"), icon=":material/folder_open:"
        )
        return
    try:
        assessment = assessments.assessment(db, assessment_id)
    except UserError as problem:
        st.error(message(problem))
        return
    st.session_state.recorded_by = assessment.details.assessor or "solo user"
    global framework, SUBDOMAIN_IDS  # the page's helpers read the pinned version
    framework = resources.show_assessment(assessment_id)
    SUBDOMAIN_IDS = [s.id for s in framework.subdomains]
    st.session_state.assessment_country = assessment.details.country_code  # its phone formats
    assessment_header(assessment)
    editor(assessment_id, assessment.is_final)
    st.divider()
    status_controls(db, assessment)
    # Drawn on request, like the history: the browser redraws every element of the page on each
    # click of the walk-through, and these are used once in a while (bench/RESULTS.md).
    if st.toggle(_("Edit the details, share or delete this assessment"), key="manage_assessment"):
        details_editor(db, assessment)
        share_links_panel(db, assessment_id)
        delete_button(db, assessment)


main()
