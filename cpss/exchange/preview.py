"""The preview of an import, shared by exports (:mod:`cpss.exchange.importing`) and offline
worksheets (:mod:`cpss.exchange.worksheet_import`): what would happen to each history, in words
of the reader's language (each history's own words are in :mod:`cpss.exchange.preview_words`).

Kinds of change: *new* (not here yet), *changed* (the file's current version is newer and becomes
current), *history* (the file holds older versions missing here: they are added, the current one
stays), *conflict* (both sides have versions the other lacks and the newest is here: the local one
stays unless the user chooses the file's), *final* (the assessment is final here: nothing is
written until it is reopened), *unchanged* (everything in the file is already here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from cpss.db.core import Reader
from cpss.i18n import ENGLISH, N_, Text

NEW, CHANGED, HISTORY, CONFLICT, FINAL_HERE, UNCHANGED = (
    "new",
    "changed",
    "history",
    "conflict",
    "final",
    "unchanged",
)
KIND_WORDS = {  # English message ids: translated where shown
    NEW: N_("New"),
    CHANGED: N_("Changed"),
    HISTORY: N_("Older versions added (current stays)"),
    CONFLICT: N_("Conflict: newer here"),
    FINAL_HERE: N_("Final: reopen it to import changes"),
    UNCHANGED: N_("Already here"),
}
WRITTEN = (NEW, CHANGED, HISTORY)  # the kinds that are written without asking


@dataclass(frozen=True)
class Change:
    """What importing would do to one history: ``rows`` are appended when it is applied."""

    key: str
    assessment: str
    what: str
    kind: str
    here: str
    incoming: str
    table: str
    rows: tuple[dict, ...]
    order: tuple[int, ...] = ()  # the rows' places in the file, to write them in the file's order


@dataclass(frozen=True)
class IncomingDocuments:
    """Evidence documents of an export zip: their history rows (in the file's order) and each
    checked file (sha256 to its bytes and the type read from them); in a plan, the rows to add
    and ``new_files``, how many of their files are not stored here yet."""

    rows: tuple[dict, ...] = ()
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    new_files: int = 0

    def count(self) -> int:
        """How many documents the rows bring (a document's versions count once)."""
        return len({row["document_id"] for row in self.rows})


@dataclass(frozen=True)
class ImportPlan:
    """The preview of an import; ``replan`` recomputes it (inside the writing transaction)."""

    source: str
    new_assessments: tuple[dict, ...]
    changes: tuple[Change, ...]
    duplicates: int
    replan: Callable[[Reader], ImportPlan]
    repeated: int = 0  # rows the file lists more than once, counted once
    documents: IncomingDocuments | None = None  # an export zip's documents to add
    framework_hash: str = ""  # the framework the file was read against; new assessments pin to it
    tr: Text = ENGLISH  # the words of the preview (the reader's language)

    @property
    def conflicts(self) -> list[Change]:
        """The changes that would overwrite a newer local version."""
        return [c for c in self.changes if c.kind == CONFLICT]

    def summary(self) -> str:
        """One sentence in one unit, the recorded version (a row of a history), as the result
        (:meth:`result`) and a second import of the same file count: the new assessments, the
        versions to add, those waiting on a conflict or a final assessment, those already here."""
        tr = self.tr
        to_add = tr.plural(
            "{number} recorded version to add",
            "{number} recorded versions to add",
            self._versions(WRITTEN),
        )
        parts = [tr("{assessments} and {versions}", assessments=self._new(), versions=to_add)]
        parts.append(self._conflicts_words())
        final = {c.assessment for c in self.changes if c.kind == FINAL_HERE}
        if final:  # their rows are not planned: what they would add is not counted
            parts.append(
                tr.plural(
                    "changes to {number} final assessment left out (reopen it to import)",
                    "changes to {number} final assessments left out (reopen them to import)",
                    len(final),
                )
            )
        parts.append(
            tr.plural(
                "{number} recorded version already here",
                "{number} recorded versions already here",
                self.duplicates,
            )
        )
        if self.repeated:
            parts.append(
                tr.plural(
                    "{number} duplicate row in the file, counted once",
                    "{number} duplicate rows in the file, each counted once",
                    self.repeated,
                )
            )
        if self.documents is not None:
            parts.append(self._documents_words())
        return tr("{parts}.", parts="; ".join(parts))

    def _new(self) -> str:
        return self.tr.plural(
            "{number} new assessment", "{number} new assessments", len(self.new_assessments)
        )

    def _conflicts_words(self) -> str:
        conflicts = len(self.conflicts)
        words = self.tr.plural(
            "{number} conflict with newer answers here",
            "{number} conflicts with newer answers here",
            conflicts,
        )
        if not conflicts:
            return words
        waiting = self.tr.plural(
            "({number} version added only if you choose the file's)",
            "({number} versions added only if you choose the file's)",
            self._versions((CONFLICT,)),
        )
        return f"{words} {waiting}"

    def _documents_words(self) -> str:
        assert self.documents is not None
        coming = self.tr.plural(
            "{number} evidence document coming in",
            "{number} evidence documents coming in",
            self.documents.count(),
        )
        new_files = self.tr.plural(
            "({number} file not stored here yet)",
            "({number} files not stored here yet)",
            self.documents.new_files,
        )
        return f"{coming} {new_files}"

    def result(self, written: int) -> str:
        """What :func:`~cpss.exchange.importing.apply_import` did (``written`` rows, the new
        assessments among them), in the unit of :meth:`summary`."""
        tr = self.tr
        added = tr.plural(
            "{number} recorded version added",
            "{number} recorded versions added",
            written - len(self.new_assessments),
        )
        parts = [tr("{assessments} and {versions}", assessments=self._new(), versions=added)]
        if self.documents is not None:
            parts.append(
                tr.plural(
                    "{number} evidence document",
                    "{number} evidence documents",
                    self.documents.count(),
                )
            )
        return tr("{parts}.", parts="; ".join(parts))

    def _versions(self, kinds) -> int:
        """The recorded versions the changes of these kinds would add."""
        return sum(len(c.rows) for c in self.changes if c.kind in kinds)

    def table(self) -> pd.DataFrame:
        """The preview table, one row per history that the import would touch or that conflicts,
        headed and worded in the reader's language."""
        tr = self.tr
        headers = [tr("Assessment"), tr("What"), tr("Change"), tr("Here now"), tr("In the file")]
        rows = [
            (c.assessment, c.what, tr(KIND_WORDS[c.kind]), c.here, c.incoming)
            for c in self.changes
            if c.kind != UNCHANGED
        ]
        return pd.DataFrame(rows, columns=headers)

    @property
    def is_empty(self) -> bool:
        """True when importing would write nothing without being asked (e.g. the same file twice)."""
        return (
            not self.new_assessments
            and all(c.kind not in WRITTEN for c in self.changes)
            and not (self.documents and self.documents.rows)
        )

    @property
    def is_known(self) -> bool:
        """True when everything in the file is already here: nothing to show or ask."""
        return (
            not self.new_assessments
            and all(c.kind == UNCHANGED for c in self.changes)
            and not (self.documents and self.documents.rows)
        )
