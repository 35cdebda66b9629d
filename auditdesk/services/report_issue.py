"""Issuing an audit report: lock the audit, record the revision and a fingerprint of its records.

Once issued, an audit is read-only (``Audit.locked``). A correction is itself an issue: it needs
a change note and makes the next revision (``Audit.report_revision`` 1, 2, ...), each with its own
fingerprint, so anyone can later check that the records still are what the report showed.

The fingerprint is SHA-256 over a canonical JSON (sorted keys, no whitespace, UTF-8) of the
audit's records: the audit, its team, sites, clause judgements, evidence items (with their
clause ids), nonconformities and the attachments' hashes. Bookkeeping columns (timestamps,
optimistic-lock version, the lock and revision counters, the status) are left out: issuing
changes them and they say nothing about the content. Where the change log
(``auditdesk.storage.changelog.chain_head``) exists, its head at issue time is folded in and
kept on the revision, so the report also points into the tamper-evident log.

Clause and standard rows are loaded from files in every database with that database's own ids,
so a fingerprint over clause ids does not verify anywhere but where it was made (a report issued
on a laptop failed at the office). Revisions now hash clause references instead —
``["clause", standard key, number]``, as clauses travel in packages — and every other record by
the UUID that travels with it. ``ReportRevision.fingerprint_format`` says how a revision was
fingerprinted (``FINGERPRINT_IDS``: the first format; ``FINGERPRINT_PORTABLE``), so the
revisions issued before are still checked the way they were made; a portable payload also
names its format, so the fingerprint itself says how it was made.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Attachment,
    Audit,
    AuditSite,
    AuditStatus,
    AuditTeamMember,
    Clause,
    ClauseJudgement,
    EvidenceItem,
    Nonconformity,
    ReportRevision,
    TeamRole,
    User,
    evidence_clause,
    nc_evidence,
    utcnow,
)
from auditdesk.services.errors import Locked, NotFound, PermissionDenied, ValidationFailed
from auditdesk.services.users import SYSTEM_USER, Permission, can, current_user, require

_SKIP = {
    "created_at",
    "updated_at",
    "version",
    "locked",
    "report_revision",
    "status",
    # who reviewed the draft is printed on the revision, not part of the audited content
    "report_reviewed_by",
    "report_reviewed_at",
}


FINGERPRINT_IDS = 0  # the first format: clause ids as stored in the issuing database
FINGERPRINT_PORTABLE = 1  # clause references (standard key, number): verifies in every replica
FINGERPRINT_FORMATS = (FINGERPRINT_IDS, FINGERPRINT_PORTABLE)


def _value(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).isoformat() if v.tzinfo else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, float) and v.is_integer():
        return int(v)  # 2.0 and 2 are the same figure
    return v


def _row(obj: Any) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {c.key: _value(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in _SKIP}


def _rows(objs: Iterable[Any]) -> list[dict[str, Any]]:
    return sorted((_row(o) for o in objs), key=lambda r: r["id"])


class _Clauses:
    """Clause ids as the fingerprint of a format names them (cached per call)."""

    def __init__(self, session: Session, fmt: int) -> None:
        self.session, self.fmt = session, fmt
        self._refs: dict[str, Any] = {}

    def __call__(self, clause_id: Any) -> Any:
        if clause_id is None or self.fmt == FINGERPRINT_IDS:
            return None if clause_id is None else str(clause_id)
        text = str(clause_id)
        if text not in self._refs:
            clause = self.session.get(Clause, uuid.UUID(text))
            self._refs[text] = (
                ["clause", clause.standard.key, clause.number] if clause is not None else text
            )
        return self._refs[text]

    def rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            if "clause_id" in row:
                row["clause_id"] = self(row["clause_id"])
        return rows


def audit_records(
    session: Session, audit_id: uuid.UUID, fmt: int = FINGERPRINT_PORTABLE
) -> dict[str, Any]:
    """The audit's records as plain JSON values (what the fingerprint of format ``fmt``
    covers)."""
    if fmt not in FINGERPRINT_FORMATS:
        raise ValidationFailed(
            f"unknown fingerprint format {fmt}", {"fingerprint_format": "unknown"}
        )
    clauses = _Clauses(session, fmt)
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", id=str(audit_id))
    evidence = list(session.scalars(select(EvidenceItem).where(EvidenceItem.audit_id == audit_id)))
    ev_ids = [e.id for e in evidence]
    ncs = list(session.scalars(select(Nonconformity).where(Nonconformity.audit_id == audit_id)))
    nc_ids = [n.id for n in ncs]
    att = select(Attachment).where(
        (Attachment.audit_id == audit_id)
        | Attachment.evidence_id.in_(ev_ids)
        | Attachment.nonconformity_id.in_(nc_ids)
    )
    links = session.execute(
        select(evidence_clause).where(evidence_clause.c.evidence_id.in_(ev_ids))
    )
    nc_links = session.execute(
        select(nc_evidence).where(nc_evidence.c.nonconformity_id.in_(nc_ids))
    )
    return {
        "audit": _row(audit),
        "certificates": sorted(str(c.id) for c in audit.certificates),
        "team": _rows(
            session.scalars(select(AuditTeamMember).where(AuditTeamMember.audit_id == audit_id))
        ),
        "sites": _rows(session.scalars(select(AuditSite).where(AuditSite.audit_id == audit_id))),
        "judgements": clauses.rows(
            _rows(
                session.scalars(select(ClauseJudgement).where(ClauseJudgement.audit_id == audit_id))
            )
        ),
        "evidence": _rows(evidence),
        "evidence_clauses": sorted(
            ([str(e), clauses(c)] for e, c in links), key=lambda pair: canonical_json(pair)
        ),
        "nonconformities": clauses.rows(_rows(ncs)),
        "nc_evidence": sorted([str(n), str(e)] for n, e in nc_links),
        "attachments": _rows(session.scalars(att)),
    }


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def change_log_head(session: Session) -> str:
    """The change log's chain head, or "" while no change log module provides one."""
    try:
        from auditdesk.storage import changelog
    except ImportError:
        return ""
    head = getattr(changelog, "chain_head", None)
    if head is None:
        return ""
    value = head(session)
    return str(value or "")


def fingerprint_payload(
    session: Session, audit_id: uuid.UUID, chain_head: str = "", fmt: int = FINGERPRINT_PORTABLE
) -> dict[str, Any]:
    """What a fingerprint of format ``fmt`` hashes (the records snapshot kept at issue)."""
    payload: dict[str, Any] = {
        "records": audit_records(session, audit_id, fmt),
        "chain_head": chain_head,
    }
    if fmt != FINGERPRINT_IDS:  # the first format's payload had no marker
        payload["format"] = fmt
    return payload


def records_fingerprint(
    session: Session, audit_id: uuid.UUID, chain_head: str = "", fmt: int = FINGERPRINT_PORTABLE
) -> str:
    payload = fingerprint_payload(session, audit_id, chain_head, fmt)
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def revisions(session: Session, audit_id: uuid.UUID) -> list[ReportRevision]:
    return list(
        session.scalars(
            select(ReportRevision)
            .where(ReportRevision.audit_id == audit_id)
            .order_by(ReportRevision.revision)
        )
    )


def latest_revision(session: Session, audit_id: uuid.UUID) -> ReportRevision | None:
    found = revisions(session, audit_id)
    return found[-1] if found else None


class IssueBlocked(ValidationFailed):
    """The pre-issue check found what blocks the issue (``blockers``); a lead may override
    only with a written reason."""

    code = "issue_blocked"

    def __init__(self, audit_number: str, blockers: list[Any]) -> None:
        super().__init__(
            f"the report of audit {audit_number} cannot be issued: "
            + "; ".join(f"{b.code}{' ' + b.detail if b.detail else ''}" for b in blockers),
            {"issue": "blocked"},
            audit=audit_number,
        )
        self.blockers = blockers


def _display_name(user: User) -> str:
    """A person's name as printed: the linked auditor's Chinese name, else the display name."""
    if user.auditor is not None and user.auditor.name_zh:
        return str(user.auditor.name_zh)
    return str(user.display_name or user.username)


def leads_audit(user: User, audit: Audit) -> bool:
    return user.auditor_id is not None and any(
        m.role is TeamRole.TEAM_LEADER and m.auditor_id == user.auditor_id for m in audit.team
    )


def require_issuer(session: Session, audit: Audit) -> User:
    """The signed-in person who may issue this audit's report: its team leader, or a lead/admin.
    The built-in ``system`` user never issues: a report is signed by a person."""
    user = current_user(session)
    if user.username == SYSTEM_USER:
        raise PermissionDenied(
            "a report is issued by a signed-in lead, not by the system user",
            user=user.username,
            reason="system_user",
            permission=Permission.ISSUE_REPORT.value,
        )
    if leads_audit(user, audit) or can(user, Permission.ISSUE_REPORT):
        return user
    return require(session, Permission.ISSUE_REPORT)  # raises, naming the role needed


def review_report(session: Session, audit_id: uuid.UUID, at: dt.datetime | None = None) -> Audit:
    """A lead records that they reviewed the report draft (the report prints who and when)."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", id=str(audit_id))
    user = require_issuer(session, audit)
    if audit.locked:
        raise Locked(f"audit {audit.number} is issued", audit=audit.number)
    audit.report_reviewed_by = _display_name(user)
    audit.report_reviewed_at = at or utcnow()
    session.flush()
    return audit


def set_team_judgements(
    session: Session,
    audit_id: uuid.UUID,
    *,
    scope_appropriate: bool | None = None,
    objectives_met: bool | None = None,
    statements: dict[str, str] | None = None,
    conclusion: str | None = None,
    recommendation: str | None = None,
    changes: str | None = None,
    marks: str | None = None,
) -> Audit:
    """The team's judgements and statements for the report (explicit; None keeps a value unset).

    ``statements`` maps item codes of ``report_verdict.STORED_STATEMENTS`` (and the further
    notes of ``REPORT_NOTES``) to text; ``marks``
    and ``changes`` are the audit's marks_control and significant_changes.
    """
    from auditdesk.services.audits import ensure_unlocked
    from auditdesk.services.report_verdict import REPORT_NOTES, STORED_STATEMENTS

    require(session, Permission.RECORD_EVIDENCE)
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", id=str(audit_id))
    ensure_unlocked(audit)
    unknown = sorted(set(statements or {}) - set(STORED_STATEMENTS) - set(REPORT_NOTES))
    if unknown:
        raise ValidationFailed(f"unknown statement items: {unknown}", {"statements": "unknown"})
    if recommendation not in (None, "", "grant", "maintain", "recertify", "refuse"):
        raise ValidationFailed(f"recommendation: {recommendation!r}", {"recommendation": "unknown"})
    audit.scope_appropriate = scope_appropriate
    audit.objectives_met = objectives_met
    if statements is not None:
        merged = dict(audit.report_statements or {})
        merged.update({k: v.strip() for k, v in statements.items()})
        audit.report_statements = merged
    if conclusion is not None:
        audit.conclusion = conclusion.strip()
    if recommendation is not None:
        audit.recommendation = recommendation
    if changes is not None:
        audit.significant_changes = changes.strip()
    if marks is not None:
        audit.marks_control = marks.strip()
    audit.report_reviewed_by, audit.report_reviewed_at = "", None  # changed: review again
    session.flush()
    return audit


def issue_report(
    session: Session,
    audit_id: uuid.UUID,
    change_note: str = "",
    at: dt.datetime | None = None,
    *,
    override_reason: str = "",
) -> ReportRevision:
    """Issue revision 1, or, for an issued audit reopened for correction, the next revision.

    Only the audit's team leader or a lead/admin issues, never ``system``. The pre-issue check
    (``report_verdict.pre_issue_check``) must find nothing, or the issuer gives a written
    ``override_reason`` (kept on the revision with the codes it overrode, and printed in the
    report's revision history). A first issue locks the audit. A correction (the audit was
    unlocked with :func:`open_correction`) needs a change note.
    """
    from auditdesk.services.report_verdict import pre_issue_check

    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", id=str(audit_id))
    user = require_issuer(session, audit)
    if audit.locked:
        raise Locked(
            f"audit {audit.number} is already issued (revision {audit.report_revision}); "
            "open a correction first",
            audit=audit.number,
        )
    revision = audit.report_revision + 1
    if revision > 1 and not change_note.strip():
        raise ValidationFailed(
            "a corrected report needs a change note", {"change_note": "required"}
        )
    session.flush()
    blockers = pre_issue_check(session, audit.id)
    if blockers and not override_reason.strip():
        raise IssueBlocked(audit.number, blockers)
    session.flush()  # pending edits enter the change log before its head is read
    head = change_log_head(session)
    snapshot = canonical_json(fingerprint_payload(session, audit.id, head))
    leader = next((m for m in audit.team if m.role is TeamRole.TEAM_LEADER), None)
    rev = ReportRevision(
        audit_id=audit.id,
        revision=revision,
        issued_at=at or utcnow(),
        issued_by=user.username,
        issued_by_name=_display_name(user),
        prepared_by=leader.auditor.name_zh if leader is not None else "",
        reviewed_by=audit.report_reviewed_by,
        reviewed_at=audit.report_reviewed_at,
        change_note=change_note.strip(),
        override_reason=override_reason.strip() if blockers else "",
        overridden=[{"code": b.code, "detail": b.detail} for b in blockers],
        fingerprint=hashlib.sha256(snapshot).hexdigest(),
        records_sha256=_keep(session, snapshot, f"records-{audit.number}-r{revision}.json"),
        chain_head=head,
        fingerprint_format=FINGERPRINT_PORTABLE,
        files=[],
    )
    session.add(rev)
    audit.locked = True
    audit.report_revision = revision
    audit.status = AuditStatus.REPORT_ISSUED
    session.flush()
    return rev


def _store(session: Session) -> Any:
    from auditdesk.services.evidence import store_for

    return store_for(session)


def _keep(session: Session, data: bytes, name: str) -> str:
    """Put ``data`` in the attachment store (content-addressed); returns its SHA-256."""
    return str(_store(session).put_bytes(data, name).sha256)


def archive_file(
    session: Session, revision: ReportRevision, name: str, fmt: str, lang: str, data: bytes
) -> str:
    """Archive the exact bytes of one issued file and record them on the revision."""
    sha = _keep(session, data, name)
    kept = [f for f in revision.files if not (f["format"] == fmt and f["lang"] == lang)]
    revision.files = sorted(
        [*kept, {"name": name, "format": fmt, "lang": lang, "sha256": sha}],
        key=lambda f: f["name"],
    )
    session.flush()
    return sha


def archived_file(revision: ReportRevision, fmt: str, lang: str) -> dict[str, str] | None:
    return next(
        (f for f in revision.files if f.get("format") == fmt and f.get("lang") == lang), None
    )


class ArchiveDamaged(ValidationFailed):
    """An archived file (issued report, records snapshot) is missing from the attachment store
    or no longer hashes to its name: it is never handed out, nor rendered again instead."""

    code = "archive_damaged"


def archived_bytes(session: Session, sha256: str) -> bytes:
    """The archived file's bytes, checked against their SHA-256 (ArchiveDamaged if not)."""
    store = _store(session)
    if store is None or not store.contains(sha256):
        raise ArchiveDamaged(
            f"archived file {sha256[:16]}… is missing from the attachment store",
            {"archive": "missing"},
            sha256=sha256,
        )
    with store.open(sha256) as fh:
        data = bytes(fh.read())
    if hashlib.sha256(data).hexdigest() != sha256.lower():
        raise ArchiveDamaged(
            f"archived file {sha256[:16]}… in the attachment store no longer matches its hash",
            {"archive": "damaged"},
            sha256=sha256,
        )
    return data


def open_correction(session: Session, audit_id: uuid.UUID) -> Audit:
    """Unlock an issued audit so its records can be corrected; re-issuing makes a new revision."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", id=str(audit_id))
    require_issuer(session, audit)
    if not audit.locked:
        raise ValidationFailed(f"audit {audit.number} is not issued", {"audit": "not_issued"})
    audit.locked = False
    audit.report_reviewed_by, audit.report_reviewed_at = "", None  # the correction is reviewed anew
    session.flush()
    return audit


def record_files(session: Session, revision: ReportRevision, files: list[dict[str, str]]) -> None:
    """Keep the SHA-256 of each file rendered for this revision (name, format, lang, sha256)."""
    revision.files = sorted([*revision.files, *files], key=lambda f: f["name"])
    session.flush()


def verify_revision(session: Session, revision: ReportRevision) -> bool:
    """True when the audit's records still hash to the fingerprint the revision was issued with."""
    fingerprint = records_fingerprint(
        session, revision.audit_id, revision.chain_head, revision.fingerprint_format
    )
    return fingerprint == revision.fingerprint


@dataclass(frozen=True)
class Change:
    """One difference between the records at issue and now: ``kind`` added/removed/changed."""

    table: str
    kind: str
    record: str  # the record's id (or a link "a b")
    label: str  # E<seq>, an NC number, a clause number ... what a person recognises
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class RevisionCheck:
    audit_number: str
    revision: int
    records_match: bool
    changes: tuple[Change, ...]
    snapshot_found: bool  # the records snapshot is in the attachment store and intact
    missing_files: tuple[str, ...]  # attachment / archived file hashes absent from the store
    damaged_files: tuple[str, ...]  # present but no longer hashing to their name
    # The revision row still holds what issuing wrote: the fingerprint is the SHA-256 of the
    # records snapshot kept at issue (one value written twice). A fingerprint edited to match
    # changed records breaks this.
    revision_intact: bool = True

    @property
    def ok(self) -> bool:
        return (
            self.records_match
            and self.revision_intact
            and not self.missing_files
            and not self.damaged_files
        )


def _label(table: str, row: dict[str, Any]) -> str:
    for key in ("number", "seq", "filename"):
        if row.get(key) not in (None, ""):
            return ("E" if key == "seq" else "") + str(row[key])
    return str(row.get("id", ""))[:8]


def diff_records(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What changed between two ``audit_records`` payloads, table by table."""
    out: list[Change] = []
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table), after.get(table)
        if isinstance(old, dict) or isinstance(new, dict):
            old, new = old or {}, new or {}
            fields = tuple(sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k)))
            if fields:
                out.append(Change(table, "changed", str(new.get("id", "")), table, fields))
            continue
        old_l, new_l = list(old or []), list(new or [])
        if old_l and not isinstance(old_l[0], dict) or new_l and not isinstance(new_l[0], dict):
            olds = {json.dumps(x) for x in old_l}
            news = {json.dumps(x) for x in new_l}
            out += [Change(table, "removed", x, x) for x in sorted(olds - news)]
            out += [Change(table, "added", x, x) for x in sorted(news - olds)]
            continue
        by_old = {r["id"]: r for r in old_l}
        by_new = {r["id"]: r for r in new_l}
        for rid in sorted(set(by_old) | set(by_new)):
            a, b = by_old.get(rid), by_new.get(rid)
            if a is None:
                out.append(Change(table, "added", rid, _label(table, b or {})))
            elif b is None:
                out.append(Change(table, "removed", rid, _label(table, a)))
            else:
                fields = tuple(sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k)))
                if fields:
                    out.append(Change(table, "changed", rid, _label(table, b), fields))
    return out


def check_revision(session: Session, revision: ReportRevision) -> RevisionCheck:
    """Do the audit's records still match the revision, and are its files intact in the store?"""
    audit = session.get(Audit, revision.audit_id)
    number = audit.number if audit is not None else str(revision.audit_id)
    now = audit_records(session, revision.audit_id, revision.fingerprint_format)
    match = verify_revision(session, revision)
    intact = not revision.records_sha256 or revision.records_sha256 == revision.fingerprint
    store = _store(session)
    changes: list[Change] = []
    snapshot_found = False
    if revision.records_sha256 and store.contains(revision.records_sha256):
        if store.verify(revision.records_sha256):
            snapshot_found = True
            before = json.loads(archived_bytes(session, revision.records_sha256))
            if not match or not intact:
                changes = diff_records(before.get("records", {}), now)
    hashes = [a["sha256"] for a in now.get("attachments", []) if a.get("sha256")]
    hashes += [f["sha256"] for f in revision.files]
    hashes += [revision.records_sha256] if revision.records_sha256 else []
    missing, damaged = [], []
    for sha in dict.fromkeys(hashes):
        if not store.contains(sha):
            missing.append(sha)
        elif not store.verify(sha):
            damaged.append(sha)
    return RevisionCheck(
        number,
        revision.revision,
        match,
        tuple(changes),
        snapshot_found,
        tuple(missing),
        tuple(damaged),
        intact,
    )


def find_issued_file(session: Session, sha256: str) -> tuple[ReportRevision, dict[str, str]] | None:
    """The revision (and its file entry) whose archived file has this SHA-256."""
    for rev in session.scalars(select(ReportRevision).order_by(ReportRevision.issued_at)):
        for f in rev.files or []:
            if f.get("sha256") == sha256:
                return rev, f
    return None


def verification_code(audit_number: str, revision: int, fingerprint: str) -> str:
    """A short code printed on the issued report: audit, revision and 8 characters of the
    fingerprint, e.g. ``2026-0007-R1-3FA2-9C01``; ``auditdesk verify`` checks it."""
    f = fingerprint[:8].upper()
    return f"{audit_number}-R{revision}-{f[:4]}-{f[4:]}"


def sha256_file(path: Any) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
