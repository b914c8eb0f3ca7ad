"""Style rules every page gets (our own constant CSS, never user text)."""

from __future__ import annotations

import streamlit as st

# A focus ring for keyboard users on every control, WCAG 2.4.7 (focus visible) and 1.4.11 (3:1).
# Streamlit's own focus marks are too faint on buttons and links (a half-transparent blue halo,
# 2.2:1 on white) and on radios and toggles (a light grey fill of the option, 1.2:1); its text
# boxes and select boxes turn their border blue, which is enough, so they are left alone. A radio
# or toggle's <input> is hidden: the ring goes round its visible <label>. ``:focus-visible`` only:
# a mouse click draws no ring. The blue (Streamlit's dark-theme primary) has 4.0:1 on white and
# 4.7:1 on the dark theme's background, so one colour serves both themes. The page's main area
# takes the focus too (after the menu, for scrolling with the arrows): its ring is drawn inside.
FOCUS_CSS = """<style>
:is(a, button, summary, [role=tab]):focus-visible,
label:has(input:is([type=radio], [type=checkbox]):focus-visible) {
  outline: 2px solid #1c83e1 !important; outline-offset: 2px;}
main:focus-visible {outline: 2px solid #1c83e1 !important; outline-offset: -2px;}
</style>"""

# Streamlit draws every caption in the body text's colour at 60 % (#828180 on white, 3.9:1; WCAG
# 2.1 AA asks 4.5:1 for text of this size), and no theme option reaches it but the colour of all
# text. At 70 % of the same colour a caption stays grey: 5.2:1 on white, 4.9:1 on the grey of the
# sidebar and widgets; in the dark theme it is a little lighter. The caption takes the body text's
# colour (inherited, so both themes and the switch between them keep working) at 70 % opacity: a
# colour-mix() with currentColor was mixed twice, once more in the caption's paragraph.
CAPTION_CSS = """<style>
div[data-testid="stCaptionContainer"] {color: inherit; opacity: 0.7;}
</style>"""


def page_styles() -> None:
    """Add the style rules every page needs (a run of the app draws them once, on any page)."""
    st.html(FOCUS_CSS + CAPTION_CSS)
