"""The coverage dialog's tables from what the service measured: this audit clause × site, and
each certificate's cycle clause × audit."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from auditdesk.services.workspace_data import CoverageView
from auditdesk.ui.workspace.clause_tree import Row
from auditdesk.ui.workspace.dialogs import CoverageDialog
from auditdesk.ui.workspace.words import word


def coverage_dialog(
    view: CoverageView,
    rows: dict[str, Row],
    sites: list[tuple[uuid.UUID, str]],
    audit_id: uuid.UUID,
    parent: QWidget | None,
) -> CoverageDialog:
    cov = view.coverage
    dlg = CoverageDialog(parent)
    site_names = dict(sites)
    lines = [(n, r.title) for n, r in rows.items()]
    site_cols: list[uuid.UUID | None] = [sid for sid, _n in sites] + [None]
    counts = [
        [cov.evidence_by_clause_site.get(n, {}).get(sid, 0) for sid in site_cols] for n, _t in lines
    ]
    missing = {i for i, (n, _t) in enumerate(lines) if n in cov.must_cover_missing}
    dlg.add_site_table(
        QCoreApplication.translate("Workspace", "This audit: clause × site"),
        lines,
        [
            (
                sid,
                site_names.get(sid, "")
                if sid
                else QCoreApplication.translate("Workspace", "(no site)"),
            )
            for sid in site_cols
        ],
        counts,
        missing,
    )
    for cert_number, code, m in view.matrices:
        crow = [(n, t) for n, t, _d in m.clauses]
        ccounts = [[m.counts.get(n, {}).get(aid, 0) for aid, *_x in m.audits] for n, _t in crow]
        never = {i for i, (n, _t) in enumerate(crow) if n in m.never_sampled}
        dlg.add_cycle_table(
            QCoreApplication.translate("Workspace", "Cycle %1 (%2): clause × audit")
            .replace("%1", cert_number)
            .replace("%2", code),
            crow,
            [(number, str(start or ""), aid == audit_id) for aid, number, _t, start in m.audits],
            ccounts,
            never,
            set(rows),
        )
    must = ", ".join(word("must_cover", x) if x == "marks" else x for x in cov.must_cover_missing)
    dlg.summary.setText(
        QCoreApplication.translate(
            "Workspace", "%1 evidence items. Surveillance must cover, still missing: %2"
        )
        .replace("%1", str(cov.total_evidence))
        .replace("%2", must or QCoreApplication.translate("Workspace", "nothing"))
    )
    return dlg
