"""The gentle warning before text that looks like personal data is saved, for every place free
text is saved (walk-through, plan, workshop comments, the ballot's comment): one helper, so the
words and the choices are the same everywhere.

A page's save callback asks :func:`checked` first. When a text changed since it was stored holds
findings (:mod:`cpss.model.personal_data`), the save stops and :func:`warning` shows what was seen
with **Save anyway** and **Edit**. *Save anyway* calls the page's save again with the same texts,
and :func:`checked` then hands back what was overridden, for the save to record in history.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from babel.lists import format_list

from cpss.db import personal_data
from cpss.exchange.personal_cells import cells_table, personal_data_cells
from cpss.i18n import babel_locale
from cpss.model.personal_data import KIND_WORDS, find_in
from ui.i18n import _, moments, ngettext, tr
from ui.widgets import plain

if TYPE_CHECKING:
    from cpss.db.core import Db
    from cpss.exchange.preview import ImportPlan


def _pending(key: str) -> str:
    return f"{key}__personal_data"


def _approved(key: str) -> str:
    return f"{key}__personal_data_ok"


def checked(
    key: str, texts: Mapping[str, str], stored: Mapping[str, str], country: str | None = None
) -> dict[str, list[str]] | None:
    """Whether a save of ``texts`` (field: text) may go on, at the place ``key``.

    None: a text changed since ``stored`` looks like personal data and the user has not chosen
    *Save anyway* for it; the warning is now pending and nothing should be saved. Otherwise the
    kinds overridden per field (empty when nothing was seen), to record with the save.
    """
    state = st.session_state
    changed = {field: text for field, text in texts.items() if text != stored.get(field, "")}
    found = find_in(changed, country) if changed else {}
    approved = state.pop(_approved(key), None)
    if not found:
        state.pop(_pending(key), None)
        return {}
    kinds = {field: [f.kind for f in findings] for field, findings in found.items()}
    if approved == dict(texts):
        state.pop(_pending(key), None)
        return kinds
    seen = [(field, f.kind, f.text) for field, findings in found.items() for f in findings]
    state[_pending(key)] = {"texts": dict(texts), "seen": seen}
    return None


def warning(key: str, labels: Mapping[str, str], save: Callable, args: tuple = ()) -> None:
    """The pending warning at ``key``, if any: what was seen in which field (``labels`` names the
    fields as the page does), why it matters, and the choices; ``save(*args)`` saves anyway."""
    pending = st.session_state.get(_pending(key))
    if not pending:
        return
    seen = "\n".join(
        "- "
        + _(
            '{field}: {kind}, "{text}"',
            field=labels.get(field, field),
            kind=_(KIND_WORDS[kind]),
            text=plain(text),
        )
        for field, kind, text in pending["seen"]
    )
    with st.container(key=f"{key}_personal_data_warning"):
        st.warning(
            _(
                "This looks like personal data:\n\n{seen}\n\nEveryone who can open this "
                "assessment reads it, and it stays in its history, reports and exports. A name, "
                "a phone number or a case number can identify a child or a family and put them "
                "at risk. Remove it, or save anyway if it identifies no one (an office's "
                "switchboard, a law's number).",
                seen=seen,
            ),
            icon=":material/privacy_tip:",
        )
        left, right = st.columns(2)
        left.button(
            _("Save anyway"),
            key=f"{key}_save_anyway",
            on_click=_save_anyway,
            args=(key, save, args),
            help=_("The history notes that the warning was shown and the text saved anyway."),
        )
        right.button(_("Edit"), key=f"{key}_edit", on_click=close, args=(key,))


def _save_anyway(key: str, save: Callable, args: tuple) -> None:
    """Approve exactly the texts the warning was about, then save them (a button callback)."""
    pending = st.session_state.get(_pending(key))
    if pending:
        st.session_state[_approved(key)] = pending["texts"]
    save(*args)


def close(key: str) -> None:
    """Close the warning at ``key`` and leave the text in its box, unsaved, to be changed (the
    *Edit* button; a page also closes it when the user moves to another place)."""
    st.session_state.pop(_pending(key), None)


def is_pending(key: str) -> bool:
    """Whether a warning waits at ``key`` (the text is not saved yet)."""
    return _pending(key) in st.session_state


def overrides_table(db: Db, assessment_id: str, where: str, labels: Mapping[str, str]) -> None:
    """The saves at ``where`` that went on after the warning: when, by whom, which field, what
    kinds were seen (for a history panel; nothing when there are none)."""
    noted = personal_data.overrides(db, assessment_id, where)
    if noted.empty:
        return
    st.markdown(_("**Saved anyway after the personal-data warning**"))
    st.dataframe(
        pd.DataFrame(
            {
                _("When (UTC)"): moments(noted["recorded_at"], seconds=True),
                _("By"): noted["recorded_by"],
                _("Field"): noted["field"].map(lambda field: labels.get(field, field)),
                _("What was seen"): noted["kinds"].map(_kinds_in_words),
            }
        ),
        hide_index=True,
        key=f"overrides_{where}",
    )


def _kinds_in_words(kinds: str) -> str:
    """Stored kinds ("email,phone") in the session's words, in one list."""
    words = [_(KIND_WORDS[kind]) for kind in kinds.split(",") if kind in KIND_WORDS]
    return format_list(words, locale=babel_locale(tr()))


def import_cells(plan: ImportPlan) -> None:
    """In an import's preview: the cells that look like personal data, if any (importing anyway
    stays allowed: the file may hold an office's number, or be fixed and uploaded again)."""
    cells = personal_data_cells(plan)
    if not cells:
        return
    st.warning(
        ngettext(
            "{count} cell of this file looks like personal data. Check it before importing: "
            "everyone who can open the assessment will read it.",
            "{count} cells of this file look like personal data. Check them before importing: "
            "everyone who can open the assessment will read them.",
            len(cells),
        ),
        icon=":material/privacy_tip:",
    )
    st.dataframe(cells_table(cells, tr()), hide_index=True, key="import_personal_data")
