"""The Frameworks page's pieces: the list of versions, their labels, and the differences side by side;
and the choice of framework when an assessment is started."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from cpss.db import frameworks
from cpss.db.frameworks import FrameworkRow
from cpss.i18n import N_, format_datetime
from cpss.model.framework import Framework
from cpss.model.framework_diff import ADDED, CHANGED, REMOVED, differences
from ui.i18n import _, language, ngettext, tr
from ui.widgets import plain, plain_table

if TYPE_CHECKING:
    from cpss.db.core import Db

KIND_NAMES = {
    "bundled": N_("bundled"),
    "revision": N_("revised version"),
    "adaptation": N_("national adaptation"),
}
CHANGE_NAMES = {ADDED: N_("added"), REMOVED: N_("removed"), CHANGED: N_("changed")}
MOST_SHOWN = 200  # differences listed at most: a wholly new framework has a few hundred


def framework_label(db: Db, row: FrameworkRow) -> str:
    """A framework version as a choice reads it: its name (in the session's language when the
    version has that translation) and version."""
    name = frameworks.by_hash(db, row.content_hash, language()).name
    return _("{name}, version {version}", name=name, version=row.version)


def framework_table(db: Db, rows: list[FrameworkRow]) -> None:
    """Every framework version: name, version, languages, kind, who added it and when, how many
    assessments use it."""
    import pandas as pd  # only this page's table needs it

    table = pd.DataFrame(
        {
            _("Name"): [frameworks.by_hash(db, row.content_hash, language()).name for row in rows],
            _("Version"): [row.version for row in rows],
            _("Languages"): [", ".join(row.languages) for row in rows],
            _("Kind"): [_(KIND_NAMES.get(row.kind, row.kind)) for row in rows],
            _("Added by"): [row.recorded_by for row in rows],
            _("Added"): [format_datetime(row.recorded_at, tr()) for row in rows],
            _("Assessments"): [row.assessments for row in rows],
        }
    )
    with st.container(key="fw_table"):  # a table of text (a data grid is drawn on a canvas)
        st.table(plain_table(table), hide_index=True)


def difference_view(old: Framework, new: Framework) -> None:
    """What ``new`` changes from ``old``: each place with the old text beside the new one."""
    found = differences(old, new)
    if not found:
        st.info(_("No differences: the file has the same texts as the framework compared."))
        return
    st.markdown("**" + ngettext("{count} difference", "{count} differences", len(found)) + "**")
    for number, difference in enumerate(found[:MOST_SHOWN]):
        with st.container(border=True, key=f"fw_difference_{number}"):
            st.markdown(
                plain(
                    _(
                        "{place}: {change}",
                        place=difference.place.translated(tr()),
                        change=_(CHANGE_NAMES[difference.kind]),
                    )
                )
            )
            before, after = st.columns(2)
            before.caption(_("Before"))
            before.markdown(plain(difference.old) or "—")
            after.caption(_("After"))
            after.markdown(plain(difference.new) or "—")
    if len(found) > MOST_SHOWN:
        st.caption(_("The first {count} differences are shown.", count=MOST_SHOWN))


def framework_choice(db: Db) -> str:
    """A choice of framework for a new assessment: the newest published version of each, the
    bundled one first and chosen unless another is picked. Returns the chosen content hash."""
    rows = frameworks.frameworks(db)
    newest: dict[str, FrameworkRow] = {}
    for row in rows:  # newest first: the first of each key is its newest version
        if row.published:
            newest.setdefault(row.key, row)
    bundled = {row.key for row in rows if row.kind == "bundled"}
    options = sorted(newest.values(), key=lambda row: row.key not in bundled)
    labels = {row.content_hash: framework_label(db, row) for row in options}
    return st.selectbox(
        _("Framework"), list(labels), format_func=labels.__getitem__, key="new_framework"
    )
