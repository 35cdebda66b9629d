"""``auditdesk verify FILE [--db PATH] [--json]``: is this copy the issued report, and do the
audit's records still match it?

1. The file's SHA-256 is looked up among the archived files of every issued revision: a match is
   the exact file AuditDesk issued. A file that carries a verification code (PDF metadata, Word
   properties) but matches no archived file is a modified or re-made copy.
2. The audit's records are hashed again and compared with the revision's fingerprint; where they
   differ, the records snapshot kept at issue says what changed.
3. The attachments the revision shows and the archived files are checked in the store.
4. The revision row itself: the code printed in the file must be the one the revision's
   fingerprint gives, and the fingerprint must be the hash of the records snapshot kept at
   issue, so a fingerprint edited to cover changed records is caught too.

Exit 0: the file is the issued revision and everything matches; 1 otherwise (what and where).
"""

from __future__ import annotations

import argparse
import re
import zipfile
from pathlib import Path
from typing import Any

from auditdesk.commands.base import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, CommandError, open_session

CODE = re.compile(rb"AuditDesk-Verify:([0-9A-Za-z-]+)")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "verify",
        parents=[common],
        help="check that a report file is the issued revision and its records are unchanged",
    )
    p.add_argument("file", metavar="FILE", help="a report file (PDF or Word) to check")
    p.set_defaults(func=run)


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


def run(args: argparse.Namespace) -> int:
    from auditdesk.services import report_issue
    from auditdesk.services.report_issue import ReportRevision

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise CommandError(f"FILE: {path} does not exist", EXIT_USAGE)
    sha = report_issue.sha256_file(path)
    code = claimed_code(path)
    result: dict[str, Any] = {"file": str(path), "sha256": sha, "code": code}
    problems: list[str] = []
    with open_session(args) as session:
        found = report_issue.find_issued_file(session, sha)
        if found is None:
            result["issued"] = False
            if code:
                problems.append(
                    f"{path.name} claims to be report {code}, but its bytes match no issued "
                    "file: it is a modified or re-made copy, not the issued revision"
                )
            else:
                problems.append(f"{path.name} is not a report issued from this database")
            return _out(args, result, problems)
        rev, entry = found
        check = report_issue.check_revision(session, rev)
        latest = report_issue.latest_revision(session, rev.audit_id)
        assert isinstance(latest, ReportRevision)
        result.update(
            issued=True,
            audit=check.audit_number,
            revision=rev.revision,
            format=entry["format"],
            lang=entry["lang"],
            issued_at=rev.issued_at,
            issued_by=rev.issued_by_name or rev.issued_by,
            latest_revision=latest.revision,
            records_match=check.records_match,
            changes=[
                {"table": c.table, "kind": c.kind, "record": c.label, "fields": list(c.fields)}
                for c in check.changes
            ],
            missing_files=list(check.missing_files),
            damaged_files=list(check.damaged_files),
            revision_intact=check.revision_intact,
        )
        expected = report_issue.verification_code(check.audit_number, rev.revision, rev.fingerprint)
        result["expected_code"] = expected
        if code and code != expected:
            result["revision_intact"] = False
            problems.append(
                f"{path.name} carries verification code {code}, but revision {rev.revision} in "
                f"the database now gives {expected}: the revision record was changed after issue"
            )
        if not check.revision_intact:
            result["revision_intact"] = False
            problems.append(
                f"revision {rev.revision}'s fingerprint is no longer the hash of the records "
                "kept at issue: the revision record was changed after issue"
            )
        result["chain_head"] = _chain_head(session, rev.chain_head)
        if rev.chain_head and result["chain_head"]["seq"] is None:
            problems.append(
                f"the change log no longer holds the chain head revision {rev.revision} printed "
                f"({rev.chain_head[:16]}…): its history was rewritten or cut off since the issue"
            )
        if check.changes and check.records_match:
            problems.append(
                f"the records of audit {check.audit_number} differ from those kept at issue:"
            )
            for c in check.changes:
                fields = f": {', '.join(c.fields)}" if c.fields else ""
                problems.append(f"  {c.table} {c.label} {c.kind}{fields}")
        if not check.records_match:
            problems.append(
                f"the records of audit {check.audit_number} no longer match revision "
                f"{rev.revision}'s fingerprint"
                + ("" if check.snapshot_found else " (the records snapshot is not in the store)")
            )
            for c in check.changes:
                fields = f": {', '.join(c.fields)}" if c.fields else ""
                problems.append(f"  {c.table} {c.label} {c.kind}{fields}")
        for h in check.missing_files:
            problems.append(f"file {h[:16]}… is missing from the attachment store")
        for h in check.damaged_files:
            problems.append(f"file {h[:16]}… in the attachment store no longer matches its hash")
        if latest.revision != rev.revision:
            result["superseded"] = True
    return _out(args, result, problems)


def _chain_head(session: Any, digest: str) -> dict[str, Any]:
    """The chain head the revision recorded (and printed next to its verification code):
    its seq in today's change log (None when no row has that hash any more)."""
    from auditdesk.exports.verification import chain_head_label

    label = chain_head_label(session, digest)
    seq = label.split(" ")[0].lstrip("#") if label else ""
    return {
        "hash": digest,
        "short": label,
        "seq": int(seq) if seq.isdigit() else None,
    }


def _out(args: argparse.Namespace, result: dict[str, Any], problems: list[str]) -> int:
    from auditdesk.commands.base import print_json

    result["ok"] = not problems
    result["problems"] = problems
    if args.json:
        print_json(result)
    else:
        if result.get("issued"):
            from auditdesk.exports.common import local_time

            when = local_time(result["issued_at"]) or result["issued_at"]
            print(
                f"{Path(result['file']).name}: the issued file of audit {result['audit']} "
                f"revision {result['revision']} ({result['format']}, {result['lang']}), issued "
                f"{when:%Y-%m-%d %H:%M} by {result['issued_by']}"
            )
            chain = result.get("chain_head") or {}
            if chain.get("short"):
                print(f"  change-log chain head at issue: {chain['short']}")
            if result.get("superseded"):
                print(f"  superseded by revision {result['latest_revision']}")
            print(
                "  records: "
                + (
                    "still match the fingerprint"
                    if result.get("records_match") and result.get("revision_intact", True)
                    else "CHANGED since the issue (below)"
                )
            )
        for p in problems:
            print(p)
        print(
            "OK: the copy is the issued revision and its records are unchanged"
            if not problems
            else "NOT VERIFIED"
        )
    return EXIT_OK if not problems else EXIT_PROBLEM
