"""An uploaded framework file, YAML or Excel template, read and checked; nothing is stored here."""

from __future__ import annotations

from cpss.model.framework_excel_read import Candidate, read_template
from cpss.model.framework_file import FrameworkError
from cpss.model.framework_texts import parse_framework

YAML_ENDINGS = (".yaml", ".yml")
EXCEL_ENDING = ".xlsx"


def read_upload(data: bytes, name: str) -> Candidate:
    """The framework in an uploaded file named ``name``: a framework file (YAML, as in ``data/``)
    or the Excel template; :class:`FrameworkError` with the line or cell of the first problem."""
    ending = name.lower()
    if ending.endswith(EXCEL_ENDING):
        return read_template(data, name)
    if not ending.endswith(YAML_ENDINGS):
        raise FrameworkError(
            "{path}: expected a framework file (.yaml) or the Excel template (.xlsx).", path=name
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FrameworkError(
            "{path}: the file is not UTF-8 text ({reason}).", path=name, reason=exc.reason
        ) from None
    return Candidate(text, parse_framework(text, name))
