"""How the import preview words a history (:mod:`cpss.exchange.preview`): what it is, and how its
current version reads, in the reader's language."""

from __future__ import annotations

from cpss.exchange.money_tables import BUDGETS, MONEY_TABLES, SHARES
from cpss.exchange.tables import ACTION_ITEMS, DETAILS, RATINGS, Table
from cpss.i18n import ENGLISH, N_, Text, format_date, format_datetime
from cpss.model.answers import CONFIDENCE_WORDS, Answer
from cpss.model.framework import Framework
from cpss.model.plans import ITEM_STATUSES
from cpss.model.scoring import answer_label

STATUS_WORDS = {"draft": N_("Draft"), "final": N_("Final")}
DETAILS_WHAT = N_("Details and status")  # what the preview calls an assessment's details


def assessment_label(place: str, title: str, day, tr: Text = ENGLISH) -> str:
    """An assessment as the preview names it: "Kenya · Baseline (10 Mar 2026)"."""
    return f"{place} · {title} ({format_date(day, tr, 'medium')})"


def describe(
    framework: Framework,
    table: Table,
    row: dict,
    origin: str | None = None,
    tr: Text = ENGLISH,
) -> str:
    """The current state of a history in a few words of ``tr``'s language, for the preview;
    ``origin`` says where an answer comes from instead of its author and time (a worksheet's rows
    are stamped at import, which is not when they were written)."""
    if table is RATINGS:
        by = tr(
            ", by {author} at {time}",
            author=row["recorded_by"],
            time=format_datetime(row["recorded_at"], tr),
        )
        return _rating_words(framework, row, tr) + (origin or by)
    if table is DETAILS:
        day = format_date(row["assessment_date"], tr, "medium")
        status = tr(STATUS_WORDS.get(row["status"], row["status"]))
        return f"{row['title']} · {day} · {status}"
    if table is ACTION_ITEMS:
        return f"{row['what'][:60]} · {tr(ITEM_STATUSES[row['status']])}"
    if "amount" in row:  # a budget or a spend entry
        amount, currency, author = format(row["amount"], "f"), row["currency"], row["recorded_by"]
        if row.get("removed"):
            return tr(
                "{amount} {currency} (removed), by {author}",
                amount=amount,
                currency=currency,
                author=author,
            )
        return tr(
            "{amount} {currency}, by {author}", amount=amount, currency=currency, author=author
        )
    if "share" in row:
        if not row["linked"]:
            return tr("no longer linked")
        return (
            tr("equal share")
            if row["share"] is None
            else tr("share {share}", share=format(row["share"], "f"))
        )
    return tr(
        "order {order}; dismissed {dismissed}",
        order=", ".join(row["ordering"]) or "—",
        dismissed=", ".join(row["dismissed"]) or "—",
    )


def _rating_words(framework: Framework, row: dict, tr: Text) -> str:
    """An answer as the preview shows it: its phase or status, then its target and confidence."""
    answer = answer_of(row)
    extra = [tr("target {phase}", phase=row["target"])] * (row["target"] is not None)
    if row["confidence"] is not None:
        level = CONFIDENCE_WORDS.get(row["confidence"], row["confidence"])
        extra.append(tr("confidence {level}", level=tr(level)))
    label = answer_label(framework, answer, tr=tr)
    return label + (f" ({', '.join(extra)})" if extra else "")


def answer_of(row: dict) -> Answer:
    """The answer a ``ratings`` row holds."""
    return Answer(
        row["answer"],
        row["phase"],
        row["target"],
        row["confidence"],
        row["evidence"],
        row["rationale"],
    )


def what_of(framework: Framework, table: Table, row: dict, tr: Text = ENGLISH) -> str:
    """What history ``row`` belongs to, as the preview's "What" column names it."""
    if table is RATINGS:
        return framework.subdomain(row["subdomain_id"]).label
    if table is ACTION_ITEMS:
        return tr("Action item: {what}", what=row["what"][:60])
    if table is BUDGETS:
        return tr("Budget of action {item}", item=row["item_id"][:8])
    if table is SHARES:
        return tr(
            "Share of action {item} for {subdomain}",
            item=row["item_id"][:8],
            subdomain=row["subdomain_id"],
        )
    if table in MONEY_TABLES:
        return tr(
            "Spending on action {item} on {day}",
            item=row["item_id"][:8],
            day=format_date(row["spent_on"], tr, "medium"),
        )
    return tr(DETAILS_WHAT) if table is DETAILS else tr("Order of priorities")
