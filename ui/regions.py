"""The UNICEF region picker shared by the Map and Compare pages."""

from __future__ import annotations

import streamlit as st

from cpss.i18n import N_
from cpss.model.regions import REGIONS
from ui.i18n import _, tr

EVERY_REGION = ""  # the first option: no filter
EVERY_REGION_WORDS = N_("Every region")


def region_picker(key: str, column=st, on_change=None) -> str:
    """A UNICEF region chosen by the user (its code), or :data:`EVERY_REGION`."""
    words = tr()  # bound in the run: Streamlit may call format_func after it
    return column.selectbox(
        _("UNICEF region"),
        [EVERY_REGION, *REGIONS],
        format_func=lambda code: words(REGIONS[code]) if code else words(EVERY_REGION_WORDS),
        key=key,
        on_change=on_change,
    )
