"""Is this file the issued report, and do the audit's records still match it? (issue 17, point 6)

One check for ``auditdesk verify FILE`` and the GUI's *Verify a report copy…*: both word the
same :class:`CopyCheck`, the CLI in English and the GUI in the user's language.

1. The file's SHA-256 is looked up among the archived files of every issued revision: a match is
   the exact file AuditDesk issued. A file that carries a verification code (PDF metadata, Word
   properties) but matches no archived file is a modified or re-made copy.
2. The audit's records are hashed again and compared with the revision's fingerprint; where they
   differ, the records snapshot kept at issue says what changed.
3. The attachments the revision shows and the archived files are checked in the store.
4. The revision row itself: the code printed in the file must be the one the revision's
   fingerprint gives, and the fingerprint must be the hash of the records snapshot kept at
   issue, so a fingerprint edited to cover changed records is caught too.
5. The change-log chain head the revision printed must still be in the log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from auditdesk.exports.verification import chain_head_label
from auditdesk.services import report_issue
from auditdesk.services.report_issue import ReportRevision

CODE = re.compile(rb"AuditDesk-Verify:([0-9A-Za-z-]+)")


@dataclasses.dataclass(frozen=True)
class Problem:
    """One reason the copy is not verified: a code and what the sentence names."""

    code: str  # modified_copy | not_issued_here | code_mismatch | fingerprint_changed |
    # chain_cut | records_differ | records_mismatch | change | missing_file | damaged_file
    params: dict[str, Any]


@dataclasses.dataclass
class CopyCheck:
    file: Path
    sha256: str
    code: str  # the verification code the file carries ("" when none)
    issued: bool = False
    audit: str = ""
    revision: int = 0
    format: str = ""
    lang: str = ""
    issued_at: dt.datetime | None = None
    issued_by: str = ""
    latest_revision: int = 0
    records_match: bool = True
    revision_intact: bool = True
    expected_code: str = ""
    chain_head: dict[str, Any] = dataclasses.field(default_factory=dict)
    changes: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    missing_files: list[str] = dataclasses.field(default_factory=list)
    damaged_files: list[str] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def superseded(self) -> bool:
        return self.issued and self.latest_revision != self.revision


def claimed_code(path: Path) -> str:
    """The verification code the file carries, or ""."""
    data = path.read_bytes()
    found = CODE.search(data)
    if found is None and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for name in ("docProps/core.xml", "word/document.xml"):
                if name in z.namelist():
                    found = CODE.search(z.read(name))
                    if found:
                        break
    return found.group(1).decode() if found else ""


def check_copy(session: Session, path: Path) -> CopyCheck:
    """Everything ``verify`` says about ``path`` against the database of ``session``."""
    result = CopyCheck(file=path, sha256=report_issue.sha256_file(path), code=claimed_code(path))
    add = result.problems.append
    found = report_issue.find_issued_file(session, result.sha256)
    if found is None:
        if result.code:
            add(Problem("modified_copy", {"name": path.name, "code": result.code}))
        else:
            add(Problem("not_issued_here", {"name": path.name}))
        return result
    rev, entry = found
    check = report_issue.check_revision(session, rev)
    latest = report_issue.latest_revision(session, rev.audit_id)
    assert isinstance(latest, ReportRevision)
    result.issued = True
    result.audit = check.audit_number
    result.revision = rev.revision
    result.format = entry["format"]
    result.lang = entry["lang"]
    result.issued_at = rev.issued_at
    result.issued_by = rev.issued_by_name or rev.issued_by
    result.latest_revision = latest.revision
    result.records_match = check.records_match
    result.revision_intact = check.revision_intact
    result.changes = [
        {"table": c.table, "kind": c.kind, "record": c.label, "fields": list(c.fields)}
        for c in check.changes
    ]
    result.missing_files = list(check.missing_files)
    result.damaged_files = list(check.damaged_files)
    result.expected_code = report_issue.verification_code(
        check.audit_number, rev.revision, rev.fingerprint
    )
    if result.code and result.code != result.expected_code:
        result.revision_intact = False
        add(
            Problem(
                "code_mismatch",
                {
                    "name": path.name,
                    "code": result.code,
                    "revision": rev.revision,
                    "expected": result.expected_code,
                },
            )
        )
    if not check.revision_intact:
        result.revision_intact = False
        add(Problem("fingerprint_changed", {"revision": rev.revision}))
    result.chain_head = _chain_head(session, rev.chain_head)
    if rev.chain_head and result.chain_head["seq"] is None:
        add(Problem("chain_cut", {"revision": rev.revision, "chain": rev.chain_head[:16]}))
    if check.changes or not check.records_match:
        if check.records_match:
            add(Problem("records_differ", {"audit": check.audit_number}))
        else:
            add(
                Problem(
                    "records_mismatch",
                    {
                        "audit": check.audit_number,
                        "revision": rev.revision,
                        "snapshot_found": check.snapshot_found,
                    },
                )
            )
        for change in result.changes:
            add(Problem("change", change))
    for h in check.missing_files:
        add(Problem("missing_file", {"hash": h[:16]}))
    for h in check.damaged_files:
        add(Problem("damaged_file", {"hash": h[:16]}))
    return result


def _chain_head(session: Session, digest: str) -> dict[str, Any]:
    """The chain head the revision recorded (and printed next to its verification code):
    its seq in today's change log (None when no row has that hash any more)."""
    label = chain_head_label(session, digest)
    seq = label.split(" ")[0].lstrip("#") if label else ""
    return {"hash": digest, "short": label, "seq": int(seq) if seq.isdigit() else None}


def english(problem: Problem) -> str:
    """The problem as the CLI prints it."""
    p = problem.params
    if problem.code == "modified_copy":
        return (
            f"{p['name']} claims to be report {p['code']}, but its bytes match no issued "
            "file: it is a modified or re-made copy, not the issued revision"
        )
    if problem.code == "not_issued_here":
        return f"{p['name']} is not a report issued from this database"
    if problem.code == "code_mismatch":
        return (
            f"{p['name']} carries verification code {p['code']}, but revision {p['revision']} "
            f"in the database now gives {p['expected']}: the revision record was changed after "
            "issue"
        )
    if problem.code == "fingerprint_changed":
        return (
            f"revision {p['revision']}'s fingerprint is no longer the hash of the records "
            "kept at issue: the revision record was changed after issue"
        )
    if problem.code == "chain_cut":
        return (
            f"the change log no longer holds the chain head revision {p['revision']} printed "
            f"({p['chain']}…): its history was rewritten or cut off since the issue"
        )
    if problem.code == "records_differ":
        return f"the records of audit {p['audit']} differ from those kept at issue:"
    if problem.code == "records_mismatch":
        return (
            f"the records of audit {p['audit']} no longer match revision {p['revision']}'s "
            "fingerprint"
            + ("" if p["snapshot_found"] else " (the records snapshot is not in the store)")
        )
    if problem.code == "change":
        fields = f": {', '.join(p['fields'])}" if p["fields"] else ""
        return f"  {p['table']} {p['record']} {p['kind']}{fields}"
    if problem.code == "missing_file":
        return f"file {p['hash']}… is missing from the attachment store"
    if problem.code == "damaged_file":
        return f"file {p['hash']}… in the attachment store no longer matches its hash"
    raise ValueError(problem.code)
