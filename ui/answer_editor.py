"""The answer editor of the walk-through: the phase choice with the target and the saved line (a
fragment of its own, as a phase click is the most frequent action), confidence, evidence and
rationale, and the callbacks that load a stored answer into these widgets and save them.

``app_pages/assess.py`` holds the page's flow: which subdomain is open, the navigator, the editor
fragment that draws these, and the assessment's status.
"""

from datetime import datetime

import streamlit as st

from cpss.db import assessments
from cpss.i18n import N_
from cpss.model.answers import CONFIDENCE_LEVELS, DONT_KNOW, MAX_TEXT_CHARS, NOT_APPLICABLE, Answer
from cpss.model.errors import UserError
from ui import personal_data_warning, resources
from ui.i18n import _, ngettext, shown_as
from ui.widgets import message, phase_radio, problem_text

# The stored confidence levels in words, translated where shown.
CONFIDENCE_WORDS = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")}
EDITOR = "walkthrough_editor"  # the editor fragment's key, for a rerun of it from a callback


def target_label(target, framework=None) -> str:
    """A target phase (named in ``framework``, the session's when None), or what is assumed when
    none is set."""
    if target is None:
        return _("Not set (next phase assumed)")
    return (framework or resources.framework()).phases[target - 1].label


def load_answer(answer: Answer) -> None:
    """Put a stored answer into the editor's widgets."""
    st.session_state.update(
        choice=answer.choice,
        target=answer.target,
        confidence=answer.confidence,
        evidence=answer.evidence,
        rationale=answer.rationale,
        stored_answered=answer.is_answered,
        stored_texts=_texts(answer),
    )


def _texts(answer: Answer) -> dict[str, str]:
    """The answer's free texts, as the personal-data check reads them."""
    return {"evidence": answer.evidence, "rationale": answer.rationale}


def text_labels() -> dict[str, str]:
    """The free texts' names as the editor shows them."""
    return {
        "evidence": _("Evidence or means of verification"),
        "rationale": _("Rationale (needed for Not applicable)"),
    }


def save(assessment_id: str, subdomain_id: str, changed_choice: bool = False) -> None:
    """Save the editor's state as the subdomain's current answer (a widget callback)."""
    state = st.session_state
    answer = Answer(
        target=state.target,
        confidence=state.confidence,
        evidence=state.evidence or "",
        rationale=state.rationale or "",
    )
    answer = answer.with_choice(state.choice)
    if changed_choice:
        state.target = answer.target  # raised with the phase, never left below it
    overridden = personal_data_warning.checked(
        "answer", _texts(answer), state.get("stored_texts", {}), state.get("assessment_country")
    )
    if overridden is None:  # the warning is shown: nothing saved until the user chooses
        state.save_state = ("warned", "")
        return
    try:
        assessments.save_answer(
            resources.db(),
            assessment_id,
            subdomain_id,
            answer,
            by=state.recorded_by,
            overridden=overridden,
        )
    except UserError as problem:
        state.save_state = ("error", problem_text(problem))  # in the session's language
        return
    state.save_state = ("saved", datetime.now().strftime("%H:%M:%S"))
    state.stored_answered = answer.is_answered
    state.stored_texts = _texts(answer)
    if state.get("show_history"):
        # The open history lists the version just saved: redraw the whole editor, not only the
        # phase picker a phase click would rerun (a keyed rerun, allowed from a callback).
        st.rerun(scope=EDITOR)


@st.fragment
def phase_picker(
    assessment_id: str, subdomain_id: str, read_only: bool, answered_elsewhere: int
) -> None:
    """The phase choice, the target and whether it is saved.

    A fragment of its own inside the editor: a phase click, the walk-through's most frequent
    action, redraws only these (bench/RESULTS.md: the browser's work per click grows with every
    element redrawn). Whatever else a phase click changes is drawn here too: the targets at or
    above the phase, the saved line and how many subdomains are answered (those answered
    elsewhere, counted by the editor, and this one as stored); a style rule fills the chosen
    phase's text above (:func:`ui.widgets.phase_choice_area`).
    """
    framework = resources.framework()
    args = (assessment_id, subdomain_id)
    chosen = st.session_state.choice if isinstance(st.session_state.choice, int) else None
    phase_radio(
        framework,
        _("Which phase fits best?"),
        [phase.number for phase in framework.phases] + [DONT_KNOW, NOT_APPLICABLE],
        key="choice",
        disabled=read_only,
        on_change=save,
        args=(*args, True),
        help=_(
            "Pick the phase whose description fits best overall: the texts are indicative, "
            'not a checklist. "Don\'t know" means there is not enough evidence.'
        ),
    )
    targets = [None] + [p.number for p in framework.phases if chosen is None or p.number >= chosen]
    left, right = st.columns(2, vertical_alignment="bottom")
    left.selectbox(
        _("Target phase"),
        targets,
        key="target",
        # The run's labels, bound here: AppTest formats options again outside the run, where
        # the session's language cannot be read.
        format_func={t: target_label(t, framework) for t in targets}.get,
        placeholder=target_label(None),
        disabled=read_only,
        on_change=save,
        args=args,
    )
    with right:
        save_state_line()
    done = answered_elsewhere + st.session_state.get("stored_answered", False)
    total = len(framework.subdomains)
    st.progress(
        done / total,
        text=ngettext(
            "{done} of {count} subdomain answered",
            "{done} of {count} subdomains answered",
            total,
            done=done,
        ),
    )


def answer_details(assessment_id: str, subdomain_id: str, read_only: bool) -> None:
    """Confidence, evidence and rationale; each saves the whole answer when it changes."""
    args = (assessment_id, subdomain_id)
    st.radio(
        _("Confidence"),
        CONFIDENCE_LEVELS,
        key="confidence",
        horizontal=True,
        format_func=shown_as(lambda level: CONFIDENCE_WORDS.get(level, level)),
        disabled=read_only,
        on_change=save,
        args=args,
    )
    left, right = st.columns(2)
    left.text_area(
        _("Evidence or means of verification"),
        key="evidence",
        max_chars=MAX_TEXT_CHARS,
        disabled=read_only,
        on_change=save,
        args=args,
        placeholder=_("Documents, data sources, who confirmed it"),
    )
    # One label whatever the phase: a phase click does not redraw this field.
    right.text_area(
        _("Rationale (needed for Not applicable)"),
        key="rationale",
        max_chars=MAX_TEXT_CHARS,
        disabled=read_only,
        on_change=save,
        args=args,
        placeholder=_(
            "Why this phase and not the next one; for Not applicable, why it does not apply"
        ),
    )
    personal_data_warning.warning("answer", text_labels(), save, args)


def save_state_line() -> None:
    """Shows whether the last change was saved, so no one has to wonder."""
    kind, text = st.session_state.get("save_state") or ("idle", "")
    with st.container(key="save_state"):
        if kind == "saved":
            st.success(_("✓ Saved at {time}", time=text), icon=None)
        elif kind == "warned":
            st.warning(_("Not saved yet: the text looks like personal data."), icon=None)
        elif kind == "error":
            st.error(message(_("Not saved: {problem}", problem=problem_text(text))))
        else:
            st.caption(_("Every answer is saved as soon as you give it."))
