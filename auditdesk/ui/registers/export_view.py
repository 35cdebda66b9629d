"""A register's "Export to Excel…" button (issue 20, point 9): the view as it is — the same
search, filters, archived switch and sort — every matching record, not only the rows already
scrolled into view. The rows are read page by page through the register service in the
background (the job runner), formatted as the screen formats them, and written by
:mod:`auditdesk.exports.register_xlsx`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from auditdesk.exports.register_xlsx import write_register
from auditdesk.services.users import current_user
from auditdesk.ui import errors, labels
from auditdesk.ui.jobs import Job, run_job

PAGE = 1000


def make_button(register: Any) -> QPushButton:
    button = QPushButton()
    button.setObjectName("exportViewButton")
    button.clicked.connect(lambda: export_view(register))
    return button


def retranslate(button: QPushButton) -> None:
    button.setText(QCoreApplication.translate("RegisterExport", "Export to Excel…"))
    button.setToolTip(
        QCoreApplication.translate(
            "RegisterExport", "Every record of this view, with its search and filters, as Excel"
        )
    )


def export_view(register: Any, target: Path | None = None) -> Job | None:
    """Ask where (unless given), then write the view's records there in the background."""
    title = register_title(register)
    if target is None:
        stamp = dt.date.today().isoformat()
        chosen, _ = QFileDialog.getSaveFileName(
            register,
            QCoreApplication.translate("RegisterExport", "Export to Excel"),
            f"{title} {stamp}.xlsx",
            QCoreApplication.translate("RegisterExport", "Excel workbook (*.xlsx)"),
        )
        if not chosen:
            return None
        target = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
    model = register.model
    query = model.query
    columns = list(model.columns)
    positions = list(model._value_index)
    headers = [labels.column(k) for k in columns]
    about = [
        (QCoreApplication.translate("RegisterExport", "Register"), title),
        (QCoreApplication.translate("RegisterExport", "Search"), query.search or "—"),
        (
            QCoreApplication.translate("RegisterExport", "Filters"),
            register.chip.text() if register.chip.isVisible() else "—",
        ),
        (
            QCoreApplication.translate("RegisterExport", "Archived records"),
            QCoreApplication.translate("RegisterExport", "included")
            if query.include_archived
            else QCoreApplication.translate("RegisterExport", "left out"),
        ),
        (
            QCoreApplication.translate("RegisterExport", "Exported"),
            dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        ),
    ]
    by = QCoreApplication.translate("RegisterExport", "By")

    def work(job: Job) -> int:
        with register.ctx.session() as s:
            me = current_user(s)
            who = me.display_name or me.username
        total = model.source.count(query)
        rows: list[list[Any]] = []
        offset = 0
        while True:
            job.check()
            page = model.source.page(query, offset, PAGE)
            for _record_id, values in page:
                rows.append(
                    [cell(model, k, values[i]) for k, i in zip(columns, positions, strict=True)]
                )
            offset += len(page)
            job.progress(min(offset, total), total, "")
            if len(page) < PAGE:
                break
        return write_register(target, title, headers, rows, [*about, (by, who)])

    def done(count: int) -> None:
        text = (
            QCoreApplication.translate("RegisterExport", "%1 records written to %2.")
            .replace("%1", str(count))
            .replace("%2", str(target))
        )
        if errors.shown is not None:  # tests collect instead of showing
            errors.shown.append((QCoreApplication.translate("RegisterExport", "Exported"), text))
            return
        QMessageBox.information(
            register, QCoreApplication.translate("RegisterExport", "Exported"), text
        )

    return run_job(
        work,
        done,
        None,
        QCoreApplication.translate("RegisterExport", "Exporting the register…"),
        parent=register,
    )


def cell(model: Any, key: str, value: Any) -> Any:
    """A value as the spreadsheet should hold it: codes in words, dates and numbers kept."""
    if value is None:
        return None
    if labels.ENUM_GROUPS.get((model.register, key)):
        return model.format(key, value)
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        return value
    return model.format(key, value)


def register_title(register: Any) -> str:
    window = register.window()
    titles = window.page_titles() if hasattr(window, "page_titles") else {}
    return str(titles.get(register.config.name, register.config.name))
