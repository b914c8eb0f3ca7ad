"""The whole benchmark, with the paper's rules of reading it."""

import streamlit as st

from ui import resources
from ui.i18n import _
from ui.language import english, texts_in, translation_notice
from ui.widgets import phase_columns, plain

framework = resources.framework()

st.title(plain(framework.name))
st.caption(
    plain(_("{source} Version: {version}.", source=framework.source, version=framework.version))
)
translation_notice(framework)
# Beside each subdomain's translated texts, the English master's (one switch for the page).
originals = framework.working_translation and st.toggle(
    _("English original"), key="english_original"
)

st.markdown("## " + _("How to read the benchmarks"))
st.markdown(
    _(
        "- **Indicative, not a checklist.** Pick the phase whose description fits best overall.\n"
        "- **Subdomains move independently.** A country can be at different phases in different "
        "subdomains and outcomes.\n"
        "- **A subdomain can move back** to a lower phase, after shocks or in humanitarian "
        "situations.\n"
        "- **Two purposes:** measuring results against the intermediate outcomes, and deciding "
        "where to invest and in what order."
    )
)
with st.expander(_("The paper's own words")):
    for rule in framework.reading_rules:
        st.markdown(f"> {plain(rule)}")
    if framework.purposes:
        st.markdown(f"> {plain(framework.purposes)}")

st.markdown("## " + _("The four phases"))
st.markdown("  →  ".join(f"**{plain(p.label)}**" for p in framework.phases))

for outcome in framework.outcomes:
    st.markdown(f"## {plain(outcome.label)}")
    for subdomain in outcome.subdomains:
        with st.expander(plain(subdomain.label), expanded=False):
            phase_columns(framework, subdomain)
            if originals:
                texts_in(english(), subdomain.id, f"english_{subdomain.id}")
