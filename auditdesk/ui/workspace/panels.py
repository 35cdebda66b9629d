"""The workspace's panels and dialogs: completeness (clickable lines), search results,
coverage heatmaps, check-in photos and termination. A mixin of AuditWorkspace.

Its words use the context ``Workspace`` explicitly: lupdate does not see a mixin as a QObject
class, so ``self.tr`` here would be extracted without a context and never translated."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QMessageBox

from auditdesk.ui import palette
from auditdesk.ui.workspace.words import _TEXT, problem_text, word


def _PROBLEM_KEYS():
    return _TEXT


def word_note(code: str, detail: str) -> str:
    text = _TEXT.get(("check_in_note", code))
    if not text:
        return code
    return QCoreApplication.translate("Workspace", str(text)).replace("%1", detail)


class PanelsMixin:
    if TYPE_CHECKING:  # the widgets and helpers live on AuditWorkspace, which mixes this in

        def __getattr__(self, name: str) -> Any: ...

    # --- completeness ------------------------------------------------------------------------
    def run_completeness(self) -> list:
        from auditdesk.services.completeness import check_completeness

        self.editor.flush()
        with self._session() as s:
            problems = check_completeness(s, self.audit_id)
        self.problems.clear()
        for p in problems:
            detail = p.detail or p.clause_number or ""
            if getattr(p, "minutes", None):  # check-in: how far outside the window
                detail += f" (+{p.minutes} min)"
            if getattr(p, "km", None):
                detail += f" ({p.km:g} km)"
            item = QListWidgetItem(problem_text(p.code, detail))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.problems.addItem(item)
        if not problems:
            ok = QListWidgetItem(
                QCoreApplication.translate("Workspace", "Ready for the report: nothing is missing.")
            )
            ok.setForeground(QBrush(palette.color("ok")))
            self.problems.addItem(ok)
        self.bottom.setTabText(
            0,
            QCoreApplication.translate("Workspace", "Completeness (%1)").replace(
                "%1", str(len(problems))
            ),
        )
        self.bottom.setCurrentWidget(self.problems)
        return problems

    def _open_problem(self, item: QListWidgetItem) -> None:
        p = item.data(Qt.ItemDataRole.UserRole)
        if p is None:
            return
        self.go_to_problem(p)

    def go_to_problem(self, p) -> None:
        """Jump to where a completeness problem is fixed."""
        if p.code.startswith("check_in."):
            self.show_check_in()
            return
        if p.code == "previous_nc.not_verified":  # re-verified in the Previous NCs tab
            self.show_previous_ncs(p.nc_id)
            return
        if p.code == "coverage.must_cover_missing" and p.detail == "marks":
            self.marks.setFocus()
            return
        number = p.clause_number
        if number is None and p.clause_id is not None:
            number = next(
                (r.number for r in self.rows.values() if p.clause_id in r.clause_ids), None
            )
        if number:
            self.select_clause(number)
            self.judgement.setFocus() if p.code == "clause.not_judged" else self.tree.setFocus()
        if p.nc_id is not None:
            self.openNonconformityRequested.emit(p.nc_id)

    # --- search -------------------------------------------------------------------------------
    def run_search(self) -> list:
        from auditdesk.model import EvidenceItem
        from auditdesk.services.search import search

        query = self.search_box.text()
        scope = None if self.search_all.isChecked() else self.audit_id
        with self._session() as s:
            hits = search(s, query, audit_id=scope, limit=200)
            lines = []
            for h in hits:
                where = ""
                if h.kind == "evidence":
                    item = s.get(EvidenceItem, h.ref_id)
                    where = ", ".join(c.number for c in item.clauses) if item else ""
                    label = f"#{item.seq} §{where}" if item else ""
                else:
                    label = QCoreApplication.translate("Workspace", "NC")
                if h.audit_id and h.audit_id != self.audit_id:
                    from auditdesk.model import Audit

                    a = s.get(Audit, h.audit_id)
                    label = f"{a.number if a else ''} {label}"
                lines.append((f"{label}  {h.snippet}", h))
        self.results.clear()
        for text, h in lines:
            it = QListWidgetItem(text)
            it.setData(Qt.ItemDataRole.UserRole, h)
            self.results.addItem(it)
        self.bottom.setTabText(
            1,
            QCoreApplication.translate("Workspace", "Search results (%1)").replace(
                "%1", str(len(lines))
            ),
        )
        self.bottom.setCurrentWidget(self.results)
        return [h for _t, h in lines]

    def _open_result(self, item: QListWidgetItem) -> None:
        self.go_to_hit(item.data(Qt.ItemDataRole.UserRole))

    def go_to_hit(self, hit) -> None:
        from auditdesk.model import EvidenceItem, Nonconformity

        if hit.audit_id and hit.audit_id != self.audit_id:
            self.openAuditRequested.emit(hit.audit_id)
            return
        if hit.kind == "nc":
            with self._session() as s:
                nc = s.get(Nonconformity, hit.ref_id)
                clause_id = nc.clause_id if nc else None
            number = next((r.number for r in self.rows.values() if clause_id in r.clause_ids), None)
            if number:
                self.select_clause(number)
            self.openNonconformityRequested.emit(hit.ref_id)
            return
        with self._session() as s:
            item = s.get(EvidenceItem, hit.ref_id)
            ids = [c.id for c in item.clauses] if item else []
        number = next((r.number for r in self.rows.values() if set(ids) & set(r.clause_ids)), None)
        if number:
            if self.site_filter.currentIndex() != 0:
                self.site_filter.setCurrentIndex(0)
            self.select_clause(number)
            self._select_item(hit.ref_id)
            self.editor.description.setFocus()

    # --- coverage -----------------------------------------------------------------------------
    def show_coverage(self):
        from auditdesk.model import Audit
        from auditdesk.services.coverage import audit_coverage, cycle_matrix
        from auditdesk.ui.workspace.dialogs import CoverageDialog

        dlg = CoverageDialog(self.window_widget())
        with self._session() as s:
            cov = audit_coverage(s, self.audit_id)
            audit = s.get(Audit, self.audit_id)
            matrices = [
                (c.number, c.standard.code, cycle_matrix(s, c.id)) for c in audit.certificates
            ]
            site_names = {sid: name for sid, name in self.sites}
        rows = [(n, r.title) for n, r in self.rows.items()]
        site_cols = [sid for sid, _n in self.sites] + [None]
        counts = [
            [cov.evidence_by_clause_site.get(n, {}).get(sid, 0) for sid in site_cols]
            for n, _t in rows
        ]
        missing = {i for i, (n, _t) in enumerate(rows) if n in cov.must_cover_missing}
        dlg.add_site_table(
            QCoreApplication.translate("Workspace", "This audit: clause × site"),
            rows,
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
        for cert_number, code, m in matrices:
            crow = [(n, t) for n, t, _d in m.clauses]
            ccounts = [[m.counts.get(n, {}).get(aid, 0) for aid, *_x in m.audits] for n, _t in crow]
            never = {i for i, (n, _t) in enumerate(crow) if n in m.never_sampled}
            dlg.add_cycle_table(
                QCoreApplication.translate("Workspace", "Cycle %1 (%2): clause × audit")
                .replace("%1", cert_number)
                .replace("%2", code),
                crow,
                [
                    (number, str(start or ""), aid == self.audit_id)
                    for aid, number, _t, start in m.audits
                ],
                ccounts,
                never,
                set(self.rows),
            )
        dlg.clauseChosen.connect(self.go_to_clause_at_site)
        must = ", ".join(
            word("must_cover", x) if x == "marks" else x for x in cov.must_cover_missing
        )
        dlg.summary.setText(
            QCoreApplication.translate(
                "Workspace", "%1 evidence items. Surveillance must cover, still missing: %2"
            )
            .replace("%1", str(cov.total_evidence))
            .replace("%2", must or QCoreApplication.translate("Workspace", "nothing"))
        )
        self.coverage_dialog = dlg
        dlg.show()
        return dlg

    def go_to_clause_at_site(self, number: str, site_id=None) -> None:
        """A heatmap cell chosen: that clause, with the site filter on that site (None: all sites)."""
        index = next(
            (i for i in range(self.site_filter.count()) if self.site_filter.itemData(i) == site_id),
            0,
        )
        if self.site_filter.currentIndex() != index:
            self.site_filter.setCurrentIndex(index)
        self.select_clause(number)
        self.activateWindow()
        self.tree.setFocus()

    # --- check-in -----------------------------------------------------------------------------
    def show_check_in(self):
        from auditdesk.services import evidence as ev
        from auditdesk.ui.workspace.dialogs import CheckInDialog

        with self._session() as s:
            atts = ev.list_attachments(s, audit_id=self.audit_id, check_in_only=True)
            store = ev.store_for(s)
            rows = [
                (
                    a.id,
                    word("check_in", a.check_in.value if a.check_in else ""),
                    a.captured_at.astimezone().strftime("%Y-%m-%d %H:%M") if a.captured_at else "",
                    a.place,
                    a.filename,
                    store.path_of(a.sha256),
                    a.sha256,
                )
                for a in atts
            ]
            from auditdesk.services import check_in

            st = check_in.state(s, self.audit_id)
            from auditdesk.ui import labels

            team = [(m.ref, m.name, labels.label("team_role", m.role), t) for m, t in st.team]
            notes = [
                problem_text(f.code, st.filenames.get(f.ref or "", f.ref or ""))
                if ("problem", f.code) in _PROBLEM_KEYS()
                else word_note(f.code, st.filenames.get(f.ref or "", ""))
                for f in st.findings
                if f.code != "check_in.member_not_ticked"
            ]
        meetings = (
            None
            if st.meetings is None
            else (st.meetings.opening_start, st.meetings.closing_start, st.meetings.closing_end)
        )
        dlg = CheckInDialog(
            rows, self.window_widget(), team=team, site=st.site, notes=notes, meetings=meetings
        )
        dlg.meetings_entered.connect(self.set_check_in_meetings)
        dlg.tick.connect(self.tick_check_in_member)
        dlg.site_entered.connect(self.set_check_in_site)
        dlg.site_from_photo.connect(self.site_from_first_photo)

        def add(moment: str) -> None:
            dlg.accept()
            self.add_check_in_photo_interactive(moment)

        dlg.add_opening.clicked.connect(lambda: add("opening"))
        dlg.add_closing.clicked.connect(lambda: add("closing"))
        self.check_in_dialog = dlg
        dlg.show()
        return dlg

    def tick_check_in_member(self, auditor_id: str, ticked: bool):
        import uuid as _uuid

        from auditdesk.services import check_in

        return self._run(
            lambda s: check_in.set_ticked(s, self.audit_id, _uuid.UUID(auditor_id), ticked)
        )

    def set_check_in_site(self, lat: float, lon: float):
        from auditdesk.services import check_in
        from auditdesk.services.audits import get_audit

        def work(s):
            site = check_in.audit_site(get_audit(s, self.audit_id))
            return None if site is None else check_in.set_site_location(s, site.id, lat, lon)

        return self._run(work)

    def set_check_in_meetings(self, opening_start, closing_start, closing_end):
        from auditdesk.services import check_in

        return self._run(
            lambda s: check_in.set_meetings(
                s, self.audit_id, opening_start, closing_start, closing_end
            )
        )

    def site_from_first_photo(self):
        from auditdesk.services import check_in

        return self._run(lambda s: check_in.adopt_site_from_photos(s, self.audit_id))

    def add_check_in_photo(self, path: Path, moment: str, place: str = "", taken_at=None):
        from auditdesk.model import CheckInMoment
        from auditdesk.services import evidence as ev

        return self._run(
            lambda s: (
                ev.add_check_in_photo(
                    s,
                    self.audit_id,
                    path,
                    CheckInMoment(moment),
                    place=place,
                    taken_at=taken_at,
                    store=self._store(),
                ).id
            )
        )

    def add_check_in_photo_interactive(self, moment: str) -> None:
        from auditdesk.ui.workspace.dialogs import PlaceDialog

        name, _f = QFileDialog.getOpenFileName(
            self.window_widget(),
            QCoreApplication.translate("Workspace", "Check-in photo"),
            "",
            QCoreApplication.translate("Workspace", "Photos (*.jpg *.jpeg *.png *.heic *.webp)"),
        )
        if not name:
            return
        dlg = PlaceDialog(None, self.window_widget())
        if dlg.exec():
            place, taken = dlg.values()
            self.add_check_in_photo(Path(name), moment, place, taken)

    # --- termination --------------------------------------------------------------------------
    def terminate(self, data=None) -> bool:
        """Open the 撤组 dialog (or, for scripts and tests, record ``data`` directly)."""
        from auditdesk.services.audits import get_audit
        from auditdesk.services.termination import terminate_audit
        from auditdesk.ui.workspace.dialogs import TerminationDialog

        self.editor.flush()
        if data is None:
            dlg = TerminationDialog(self.audit_label, self.audit_start, self.window_widget())
            if not dlg.exec():
                return False
            data = dlg.data()
        due = self._run(lambda s: terminate_audit(s, self.audit_id, data).reaudit_due or "")
        if due is None:
            return False
        with self._session() as s:
            self._set_header_words(get_audit(s, self.audit_id))
        text = QCoreApplication.translate(
            "Workspace", "The audit is terminated. Re-audit due by %1."
        ).replace("%1", str(due or "—"))
        self.messages.append(text)
        from auditdesk.ui import errors

        if errors.shown is None:
            QMessageBox.information(
                self.window_widget(), QCoreApplication.translate("Workspace", "Terminated"), text
            )
        self.changed.emit()
        return True
