"""Saving an Excel workbook (openpyxl) so that what a reader gets back is what was written."""

from __future__ import annotations

import io


def workbook_bytes(book) -> bytes:
    """The saved workbook, every text cell stored as text.

    openpyxl stores text that starts with "=" as a formula: a reader then gets nothing back (an
    import lost "=see annex 3") and a spreadsheet program would run it. Text is text here.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
