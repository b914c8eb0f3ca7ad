"""The preview of an import, shared by exports (:mod:`cpss.exchange.importing`) and offline
worksheets (:mod:`cpss.exchange.worksheet_import`): what would happen to each history, in words.

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
from cpss.exchange.tables import ACTION_ITEMS, DETAILS, RATINGS, Table
from cpss.model.answers import Answer
from cpss.model.framework import Framework
from cpss.model.plans import ITEM_STATUSES
from cpss.model.scoring import answer_label

NEW, CHANGED, HISTORY, CONFLICT, FINAL_HERE, UNCHANGED = (
    "new",
    "changed",
    "history",
    "conflict",
    "final",
    "unchanged",
)
KIND_WORDS = {
    NEW: "New",
    CHANGED: "Changed",
    HISTORY: "Older versions added (current stays)",
    CONFLICT: "Conflict: newer here",
    FINAL_HERE: "Final: reopen it to import changes",
    UNCHANGED: "Already here",
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

    @property
    def conflicts(self) -> list[Change]:
        """The changes that would overwrite a newer local version."""
        return [c for c in self.changes if c.kind == CONFLICT]

    def summary(self) -> str:
        """One sentence in one unit, the recorded version (a row of a history), as the result
        (:meth:`result`) and a second import of the same file count: the new assessments, the
        versions to add, those waiting on a conflict or a final assessment, those already here."""
        conflicts, waiting = len(self.conflicts), self._versions((CONFLICT,))
        final = {c.assessment for c in self.changes if c.kind == FINAL_HERE}
        parts = [
            f"{len(self.new_assessments)} new assessment(s) and "
            f"{self._versions(WRITTEN):,} recorded version(s) to add",
            f"{conflicts} conflict(s) with newer answers here"
            + (
                f" ({waiting:,} version(s) added only if you choose the file's)"
                if conflicts
                else ""
            ),
        ]
        if final:  # their rows are not planned: what they would add is not counted
            parts.append(f"changes to {len(final)} final assessment(s) left out (reopen to import)")
        parts.append(f"{self.duplicates:,} recorded version(s) already here")
        if self.repeated:
            parts.append(f"{self.repeated:,} duplicate row(s) in the file, each counted once")
        if self.documents is not None:
            parts.append(self._documents_words())
        return "; ".join(parts) + "."

    def _documents_words(self) -> str:
        assert self.documents is not None
        return (
            f"{self.documents.count():,} evidence document(s) coming in "
            f"({self.documents.new_files:,} file(s) not stored here yet)"
        )

    def result(self, written: int) -> str:
        """What :func:`~cpss.exchange.importing.apply_import` did (``written`` rows, the new
        assessments among them), in the unit of :meth:`summary`."""
        versions = written - len(self.new_assessments)
        words = (
            f"{len(self.new_assessments)} new assessment(s) and {versions:,} recorded "
            "version(s) added"
        )
        if self.documents is not None:
            words += f"; {self.documents.count():,} evidence document(s)"
        return words + "."

    def _versions(self, kinds) -> int:
        """The recorded versions the changes of these kinds would add."""
        return sum(len(c.rows) for c in self.changes if c.kind in kinds)

    def table(self) -> pd.DataFrame:
        """The preview table, one row per history that the import would touch or that conflicts."""
        return pd.DataFrame(
            [
                {
                    "Assessment": c.assessment,
                    "What": c.what,
                    "Change": KIND_WORDS[c.kind],
                    "Here now": c.here,
                    "In the file": c.incoming,
                }
                for c in self.changes
                if c.kind != UNCHANGED
            ],
            columns=["Assessment", "What", "Change", "Here now", "In the file"],
        )

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


def describe(framework: Framework, table: Table, row: dict, origin: str | None = None) -> str:
    """The current state of a history in a few words, for the preview; ``origin`` says where an
    answer comes from instead of its author and time (a worksheet's rows are stamped at import,
    which is not when they were written)."""
    if table is RATINGS:
        answer = Answer(
            row["answer"],
            row["phase"],
            row["target"],
            row["confidence"],
            row["evidence"],
            row["rationale"],
        )
        extra = [f"target {row['target']}"] * (row["target"] is not None)
        extra += [f"confidence {row['confidence']}"] * (row["confidence"] is not None)
        return (
            f"{answer_label(framework, answer)}"
            + (f" ({', '.join(extra)})" if extra else "")
            + (origin or f", by {row['recorded_by']} at {row['recorded_at']:%Y-%m-%d %H:%M}")
        )
    if table is DETAILS:
        return f"{row['title']} · {row['assessment_date']:%d %b %Y} · {row['status']}"
    if table is ACTION_ITEMS:
        return f"{row['what'][:60]} · {ITEM_STATUSES[row['status']]}"
    if "amount" in row:  # a budget or a spend entry
        removed = " (removed)" if row.get("removed") else ""
        return f"{row['amount']:f} {row['currency']}{removed}, by {row['recorded_by']}"
    if "share" in row:
        share = "equal share" if row["share"] is None else f"share {row['share']:f}"
        return share if row["linked"] else "no longer linked"
    return (
        f"order {', '.join(row['ordering']) or '—'}; dismissed {', '.join(row['dismissed']) or '—'}"
    )
