"""Frameworks (administrators only): the versions kept, their Excel template, and adding one from a
file, previewed against an existing one and stored only when published."""

import streamlit as st

from cpss.db import frameworks
from cpss.exchange.file_names import slug
from cpss.i18n import N_
from cpss.model.errors import UserError
from cpss.model.framework_excel import template_bytes
from cpss.model.framework_upload import read_upload
from ui import resources
from ui.framework_views import difference_view, framework_label, framework_table
from ui.i18n import _, shown_as
from ui.widgets import message, plain

db = resources.db()
# Kinds a file can be published as (the bundled one is loaded at the first start only).
KIND_WORDS = {
    "revision": N_("A revised version (of UNICEF's benchmarks or another framework)"),
    "adaptation": N_("A national adaptation"),
}
PUBLISHED_KEY = "fw_published"  # the last publication's words, shown once after the rerun

st.title(_("Frameworks"))
if not db.actor.is_admin:  # the navigation leaves this page out for others; say so if typed
    st.error(_("Only an administrator can see and add frameworks."))
    st.stop()
st.markdown(
    _(
        "The benchmark frameworks this installation keeps: the bundled UNICEF benchmarks, and "
        "any revised version or national adaptation added here. Every assessment stays on the "
        "version it was started on."
    )
)
rows = frameworks.frameworks(db)
framework_table(db, rows)
labels = {row.content_hash: framework_label(db, row) for row in rows}  # for the choices below


def template_section() -> None:
    """Download the Excel template of the bundled or a chosen framework."""
    st.markdown("## " + _("The Excel template"))
    st.caption(
        _(
            "One row per subdomain and one column per phase. Change the texts in Excel or "
            "LibreOffice, then upload it below."
        )
    )
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    bundled = [n for n, row in enumerate(rows) if row.kind == "bundled"]
    chosen = left.selectbox(
        _("Framework"),
        list(labels),
        index=bundled[0] if bundled else 0,  # the bundled one unless another is chosen
        format_func=labels.__getitem__,
        key="fw_template_pick",
    )
    framework = frameworks.by_hash(db, chosen)
    right.download_button(
        _("Download the Excel template"),
        template_bytes(framework),
        file_name=f"framework-{slug(framework.key, 30)}-{slug(framework.version, 30)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="fw_template_download",
        icon=":material/download:",
    )


def upload_section() -> None:
    """Upload a file, see its problems or what it changes, and publish it."""
    st.markdown("## " + _("Add a framework"))
    uploaded = st.file_uploader(
        _("A framework file (.yaml) or the Excel template (.xlsx)"),
        type=["yaml", "yml", "xlsx"],
        key="fw_upload",
    )
    if uploaded is None:
        return
    try:
        candidate = read_upload(uploaded.getvalue(), uploaded.name)
    except UserError as problem:
        st.error(message(problem))
        return
    framework = candidate.framework
    st.markdown(
        plain(_("Read: {name}, version {version}.", name=framework.name, version=framework.version))
    )
    same_key = [row.content_hash for row in rows if row.key == framework.key]
    base = st.selectbox(
        _("Compare with"),
        list(labels),
        index=list(labels).index(same_key[0]) if same_key else 0,
        format_func=labels.__getitem__,
        key="fw_compare",
    )
    difference_view(frameworks.by_hash(db, base), framework)
    kind = st.radio(
        _("This file is"),
        list(KIND_WORDS),
        format_func=shown_as(KIND_WORDS.__getitem__),
        key="fw_kind",
    )
    if st.button(_("Publish"), type="primary", key="fw_publish", icon=":material/publish:"):
        try:
            frameworks.publish(db, candidate.yaml_text, by=db.actor.name, kind=kind)
        except UserError as problem:
            st.error(message(problem))
            return
        st.session_state[PUBLISHED_KEY] = (framework.name, framework.version)
        st.rerun()


published = st.session_state.pop(PUBLISHED_KEY, None)
if published:
    st.success(
        plain(_("Published: {name}, version {version}.", name=published[0], version=published[1]))
    )
template_section()
upload_section()
