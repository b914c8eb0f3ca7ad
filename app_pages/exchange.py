"""Reports & data: PDF and Word reports, exports, the offline worksheet, and imports with a preview."""

from datetime import date

import streamlit as st

from cpss.db import access_log, assessments, dashboard, frameworks
from cpss.db.listing import recent_assessments
from cpss.exchange.documents_zip import to_zip
from cpss.exchange.export import gather, to_csv, to_excel, to_json
from cpss.exchange.file_names import download_name
from cpss.exchange.worksheet import worksheet_excel
from cpss.exchange.worksheet_pdf import worksheet_pdf
from cpss.i18n import format_date
from cpss.model.errors import UserError
from cpss.reports.comparison import MAX_COMPARED, build_report, report_contents
from ui import access_notes, resources
from ui.i18n import _, place, place_of, tr
from ui.import_tab import imports
from ui.regions import region_picker
from ui.widgets import message, searched_assessments

framework = resources.framework()
NEWEST = framework  # an import reads a file against the version it names, else the newest
db = resources.db()
MAX_OFFERED = (
    100  # assessments offered in the list (most recently changed): a list a person can scan
)
MIME = {
    "pdf": "application/pdf",
    "json": "application/json",
    "csv": "text/csv",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}

st.title(_("Reports & data"))


def pick_assessments() -> list[str]:
    """The assessments picked (the one in the address, else the one created last), offered among
    the ``MAX_OFFERED`` most recently changed (or, with more stored, those a search finds), the one
    in the address and those already picked: a list a person can scan, however many are stored."""
    listing = recent_assessments(db, limit=MAX_OFFERED, tr=tr())
    if listing.total == 0:
        st.info(_("No assessment yet: start one on the Assessments page, or import a file below."))
        return []
    listing = searched_assessments(db, listing, key="exchange_search")
    labels = {
        row.id: label(
            place(row.country_code, row.country, row.unit), row.title, row.assessment_date
        )
        for row in listing.rows
    }
    # as on the dashboard: the one in the address, else the one created last (just made or loaded)
    wanted = st.query_params.get("assessment") or dashboard.latest_assessment(db)
    # A search that does not find them keeps those picked (and the one in the address) on offer.
    for kept in reversed([wanted, *st.session_state.get("exchange_pick", [])]):
        if kept and kept not in labels:
            try:
                details = assessments.assessment(
                    db, kept
                ).details  # one query: it exists, and its details
            except UserError:  # deleted since, or a wrong id in the address
                continue
            labels = {
                kept: label(place_of(details), details.title, details.assessment_date)
            } | labels
    default = [wanted] if wanted in labels else list(labels)[:1]
    return st.multiselect(
        _("Assessments"),
        list(labels),
        default=default,
        format_func=labels.get,
        key="exchange_pick",
        help=_(
            "One assessment gives its report; several give a comparison report (at most {count}).",
            count=MAX_COMPARED,
        ),
    )


def label(place: str, title: str, day: date) -> str:
    """How an assessment reads in the list: place, title and date."""
    return _(
        "{place} · {title} ({date})",
        place=place,
        title=title,
        date=format_date(day, tr(), "medium"),
    )


def reports(ids: list[str]) -> None:
    """Build a PDF or Word report with its steps shown, then offer it for download."""
    st.caption(report_contents(len(ids), tr=tr()))
    # A comparison ends with the map and summary of one region's countries (or of every country).
    region = region_picker("report_region") if len(ids) > 1 else None
    wanted = (tuple(ids), region)  # a report built for other picks is not offered
    left, right = st.columns(2)
    for column, file_format, label in ((left, "pdf", "PDF"), (right, "docx", _("Word"))):
        if column.button(
            _("Build the {format} report", format=label),
            key=f"build_{file_format}",
            icon=":material/description:",
            disabled=not ids,
        ):
            with st.status(
                _("Building the {format} report…", format=label), expanded=True
            ) as status:
                try:
                    data = build_report(
                        db, framework, ids, file_format, st.write, tr=tr(), region=region or None
                    )
                except UserError as problem:
                    status.update(label=_("The report could not be built"), state="error")
                    st.error(message(problem))
                    continue
                status.update(
                    label=_("The {format} report is ready", format=label),
                    state="complete",
                    expanded=False,
                )
            st.session_state[f"report_{file_format}"] = (wanted, data)
            access_notes.note(db, access_log.DOWNLOADED_REPORT, ids)
        built = st.session_state.get(f"report_{file_format}")
        if built and built[0] == wanted:
            offer(
                column,
                _("Download the {format} report", format=label),
                built[1],
                download_name(
                    "report" if len(ids) == 1 else "comparison",
                    file_format,
                    named(ids),
                    date.today(),
                ),
                f"download_{file_format}",
            )


def named(ids: list[str]):
    """What a download's name tells (see ``download_name``): the one assessment's details (its
    country, title and date), or how many assessments the file holds."""
    return assessments.assessment(db, ids[0]).details if len(ids) == 1 else len(ids)


def offer(
    column, label: str, data, file_name: str, key: str, icon: str = ":material/download:"
) -> None:
    """A download button for ``data`` (bytes, or a function building them on click), its MIME type
    taken from the file name; a download does not rerun the page."""
    column.download_button(
        label,
        data,
        file_name=file_name,
        mime=MIME[file_name.rsplit(".", 1)[1]],
        key=key,
        icon=icon,
        on_click="ignore",
    )


def exports(ids: list[str]) -> None:
    """Excel, CSV and JSON of the picked assessments: read when asked for, then offered."""
    st.caption(
        _(
            "Excel: assessments, answers, action plan, workshop votes and every recorded "
            "version. CSV: the answers, one row per assessment and subdomain. JSON: everything, "
            "to move assessments to another installation."
        )
    )
    if st.button(
        _("Prepare the export files"),
        key="export_build",
        icon=":material/inventory_2:",
        disabled=not ids,
    ):
        # read once here, on this script's cursor, and not on every rerun; files are built on click
        st.session_state["export_bundle"] = (tuple(ids), gather(db, ids), date.today())
        access_notes.note(db, access_log.EXPORTED, ids)
    built = st.session_state.get("export_bundle")
    if not built or built[0] != tuple(ids):
        return
    bundle, day = built[1:]
    st.caption(
        _("The files hold the data as it was when prepared: prepare them again after a change.")
    )
    framework_text = frameworks.text_of(
        db, framework.content_hash
    )  # lets another installation add it
    json_writer = ("json", "JSON", lambda: to_json(framework, bundle, framework_text))
    if st.toggle(
        _("Include the evidence documents (a .zip of the JSON and the files)"),
        key="export_with_documents",
    ):
        connection = resources.connection()  # the files are read on click, off the script
        json_writer = (
            "zip",
            _("JSON with documents"),
            lambda: to_zip(framework, bundle, connection.db(), ids, framework_text),
        )
    writers = (
        ("xlsx", "Excel", lambda: to_excel(framework, bundle)),
        ("csv", "CSV", lambda: to_csv(framework, bundle)),
        json_writer,
    )
    picked = named(ids)
    for column, (extension, label, write) in zip(st.columns(3), writers):
        offer(
            column,
            _("Download {format}", format=label),
            write,
            download_name("export", extension, picked, day),
            f"export_{extension}",
        )


def worksheets(ids: list[str]) -> None:
    """The offline worksheet, blank or prefilled with the first picked assessment."""
    st.caption(
        _(
            "For a workshop without a connection: print the PDF, or fill in the Excel "
            "worksheet offline and import it here. It gives the same assessment as entering "
            "the answers in the app."
        )
    )
    prefill = st.toggle(
        _("Prefill with the first picked assessment"), key="worksheet_prefill", disabled=not ids
    )
    assessment = assessments.assessment(db, ids[0]) if prefill and ids else None
    answers = assessments.current_answers(db, ids[0]) if assessment else None
    picked = assessment.details if assessment else 0
    left, right = st.columns(2)
    offer(
        left,
        _("Download the worksheet (PDF)"),
        lambda: worksheet_pdf(framework, assessment, answers, tr=tr()),
        download_name("worksheet", "pdf", picked, date.today()),
        "worksheet_pdf",
        ":material/print:",
    )
    offer(
        right,
        _("Download the worksheet (Excel)"),
        lambda: worksheet_excel(framework, assessment, answers, tr=tr()),
        download_name("worksheet", "xlsx", picked, date.today()),
        "worksheet_xlsx",
        ":material/table:",
    )


picked = pick_assessments()
if picked:  # the first one's version (several of different versions: see docs/decisions)
    framework = resources.show_assessment(picked[0])
# Viewers read reports and exports; importing changes data, so their page has no Import tab.
can_import = db.actor.can_edit
tabs = st.tabs([_("Reports"), _("Export"), _("Offline worksheet")] + [_("Import")] * can_import)
with tabs[0]:
    reports(picked)
with tabs[1]:
    exports(picked)
with tabs[2]:
    worksheets(picked)
if can_import:
    with tabs[3]:
        imports(db, NEWEST)
