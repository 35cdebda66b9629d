"""Offline audit packages: an audit's changes to a laptop and back, merged by causal history.

A package is a ZIP (optionally sealed with a password, see ``exchange.crypto``) holding
``manifest.json`` and ``attachments/<sha256>``. The manifest (format 2) has the format and app
version, when and by whom it was made, the audit ids, the sending replica (id and machine
name), ``changes`` — a causal change set (``exchange.causal``: every write of the audits'
records, and of the register records they need, that the receiver has not acknowledged, each
with its dot, author and time; links and deletions as facts; what the sender knows every
replica acknowledged). Changes of other records are left out and stay unacknowledged: they
travel in the next package whose audits need them (``causal.make_package``'s scope) —, ``witness`` (the sender's change-log chain head,
``exchange.witness``), the office's ``accounts`` (names and roles) and the attachment sizes.

Exporting records this database's local writes of the audits' records first
(``exchange.sync_db.capture``). Importing (``import_package``) captures the local writes of
the records the package changes, merges the change set (commutative, associative, idempotent:
a package imported twice, or old after new, changes nothing more), checks every new write by
its author's role, the lock of an issued audit and the NC lifecycle (a refused write is held,
visible, for a lead/admin — never applied, never dropped), writes the live values into the
records, and opens one conflict per field written concurrently (both values kept; a
resolution is a write that travels and dominates them). A package whose predecessor never
arrived and that does not repeat its changes is refused: "package N from X is missing —
import it first". A package is read and checked completely (paths, links, sizes, compression
ratio, hashes, format version, change set) before anything is written; a refused package
writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auditdesk import __version__
from auditdesk.exchange import crypto, sync_db, witness
from auditdesk.exchange.causal import CausalError, FieldKey, MissingPackage, Package, make_package
from auditdesk.exchange.causal import merge as causal_merge
from auditdesk.exchange.causal import store as causal_store
from auditdesk.exchange.causal.wire import package_from_plain, package_to_plain
from auditdesk.exchange.errors import ExchangeError, PackageRefused
from auditdesk.exchange.records import (
    BY_NAME,
    LINKS,
    _fk_target,
    fields_of,
)
from auditdesk.exchange.safezip import check_entries, read_limited
from auditdesk.model import (
    Attachment,
    Audit,
    Auditor,
    AuditStatus,
    AuditTeamMember,
    Entity,
    ReportRevision,
    TeamRole,
    User,
    utcnow,
)
from auditdesk.services.users import Permission, current_username, require
from auditdesk.storage.changelog import canonical_json
from auditdesk.storage.database import sqlite_path

FORMAT = "auditdesk-package"
FORMAT_VERSION = 2  # 2: causal change sets (1: snapshot merge, refused)
ANY_RECEIVER = ""  # a package for a replica not known yet (a new laptop): carries everything
MANIFEST = "manifest.json"
ATTACHMENT_DIR = "attachments/"
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
SUFFIX = ".adpkg"


# --------------------------------------------------------------------------- export


def audits_of_team_leader(session: Session, name: str) -> list[uuid.UUID]:
    """Open audits (planned or in progress, not locked) whose team leader is ``name``."""
    name = name.strip()
    stmt = (
        select(Audit.id)
        .join(AuditTeamMember, AuditTeamMember.audit_id == Audit.id)
        .join(Auditor, Auditor.id == AuditTeamMember.auditor_id)
        .where(
            AuditTeamMember.role == TeamRole.TEAM_LEADER,
            or_(Auditor.name_zh == name, Auditor.name_en == name),
            Audit.locked.is_(False),
            Audit.status.in_([AuditStatus.PLANNED, AuditStatus.IN_PROGRESS]),
        )
        .order_by(Audit.number)
    )
    return list(dict.fromkeys(session.scalars(stmt)))


def audits_of_auditor(
    session: Session, name: str, first: dt.date | None = None, last: dt.date | None = None
) -> list[uuid.UUID]:
    """Open audits (planned or in progress, not locked) with ``name`` in the team in any role
    (team leader, auditor, expert…) whose days meet ``first``..``last`` (both inclusive; an
    audit without dates is in every window): one auditor's week in one package."""
    name = name.strip()
    if first is not None and last is not None and last < first:
        from auditdesk.services.errors import ValidationFailed

        raise ValidationFailed(
            f"the window ends ({last}) before it starts ({first})", {"to": "before_from"}
        )
    stmt = (
        select(Audit.id)
        .join(AuditTeamMember, AuditTeamMember.audit_id == Audit.id)
        .join(Auditor, Auditor.id == AuditTeamMember.auditor_id)
        .where(
            or_(Auditor.name_zh == name, Auditor.name_en == name),
            Audit.locked.is_(False),
            Audit.status.in_([AuditStatus.PLANNED, AuditStatus.IN_PROGRESS]),
        )
        .order_by(Audit.number)
    )
    if last is not None:
        stmt = stmt.where(or_(Audit.start_date.is_(None), Audit.start_date <= last))
    if first is not None:
        stmt = stmt.where(
            or_(
                Audit.start_date.is_(None),
                func.coalesce(Audit.end_date, Audit.start_date) >= first,
            )
        )
    return list(dict.fromkeys(session.scalars(stmt)))


def _records_of_audit(session: Session, audit: Audit) -> list[Entity]:
    org = audit.organisation
    out: list[Entity] = [
        org,
        *org.sites,
        *org.licences,
        *org.personnel_history,
        *audit.certificates,
    ]
    out += [m.auditor for m in audit.team]
    out += [audit, *audit.team, *audit.sites]
    if audit.termination is not None:
        out.append(audit.termination)
    out += [*audit.evidence, *audit.nonconformities, *audit.judgements]
    # A report issued on a laptop arrives with its revision record (fingerprint, chain head).
    out += session.scalars(select(ReportRevision).where(ReportRevision.audit_id == audit.id))
    for nc in audit.nonconformities:
        out += nc.transitions
    # The client's history the laptop needs on site (issue 14 point 4): the earlier audits of
    # the certificates' cycle with their evidence, judgements and NCs, so previous NCs can be
    # re-verified offline. Their attachments stay at the office.
    from auditdesk.services.nonconformities import _earlier_audits

    for earlier in _earlier_audits(session, audit):
        out += [earlier, *earlier.team, *earlier.sites, *earlier.evidence]
        out += [*earlier.nonconformities, *earlier.judgements]
        for nc in earlier.nonconformities:
            out += nc.transitions
    ev_ids = [e.id for e in audit.evidence]
    nc_ids = [n.id for n in audit.nonconformities]
    out += session.scalars(
        select(Attachment).where(
            or_(
                Attachment.audit_id == audit.id,
                Attachment.evidence_id.in_(ev_ids),
                Attachment.nonconformity_id.in_(nc_ids),
            )
        )
    ).all()
    return out


def collect_records(session: Session, audit_ids: list[uuid.UUID]) -> list[Entity]:
    """The audits' records plus every record they point at, in dependency order, once each."""
    found: dict[tuple[str, uuid.UUID], Entity] = {}
    queue: list[Entity] = []
    for aid in audit_ids:
        audit = session.get(Audit, aid)
        if audit is None:
            raise ExchangeError(f"no audit {aid}", id=str(aid))
        queue += _records_of_audit(session, audit)
    while queue:
        obj = queue.pop()
        key = (type(obj).__tablename__, obj.id)
        if key in found or type(obj).__tablename__ not in BY_NAME:
            continue
        found[key] = obj
        # Closure over references (an NC re-verified in another audit brings that audit).
        for name, col in fields_of(type(obj)).items():
            target = _fk_target(col)
            value = getattr(obj, name)
            if target in BY_NAME and value is not None and (target, value) not in found:
                queue.append(session.get(BY_NAME[target], value))  # type: ignore[arg-type]
        for name, target in LINKS.get(type(obj), {}).items():
            if target in BY_NAME:
                queue += [o for o in getattr(obj, name) if (target, o.id) not in found]
    order = {name: i for i, name in enumerate(BY_NAME)}
    return sorted(found.values(), key=lambda o: (order[type(o).__tablename__], str(o.id)))


def _store_of(session: Session) -> Any:
    from auditdesk.storage.attachments import AttachmentStore

    for_session = getattr(AttachmentStore, "for_session", None)
    if for_session is not None:  # beside a SQLite file, or the configured folder of a server DB
        return for_session(session)
    bind: Any = session.get_bind()
    path = sqlite_path(bind.engine.url.render_as_string(hide_password=False))
    return AttachmentStore.beside(path) if path is not None else None


def _accounts(session: Session) -> list[dict[str, str]]:
    """The accounts of this database (names and roles, never passwords): a laptop filled
    from this office judges the authors of the office's changes by them."""
    return [
        {"username": u.username, "role": u.role.value, "name": u.display_name or ""}
        for u in session.scalars(select(User).order_by(User.username))
    ]


def _attachment_shas(change_set: Package) -> set[str]:
    """The files of the attachments the change set writes (``_check_manifest`` refuses a
    value that is not a sha256)."""
    out = {
        canonical_json(e.value) if not isinstance(e.value, str) else e.value
        for source in (change_set.registers, change_set.held)
        for key, register in source.items()
        if isinstance(key, FieldKey) and key.entity == "attachment" and key.field == "sha256"
        for e in register.siblings
    }
    # An issued report's records snapshot (its revision verifies against it at the office).
    out |= {
        canonical_json(e.value) if not isinstance(e.value, str) else e.value
        for key, register in change_set.registers.items()
        if isinstance(key, FieldKey)
        and key.entity == "report_revision"
        and key.field == "records_sha256"
        for e in register.siblings
        if e.value
    }
    return out


def build_manifest(
    session: Session, audit_ids: list[uuid.UUID], *, for_replica: str | None = None
) -> tuple[dict[str, Any], Any]:
    """The manifest of a package of ``audit_ids`` (and the attachment store its files are in):
    the audits' local writes are captured and the change set for the receiver is recorded as
    sent, in the caller's transaction. ``export_package`` writes it to a file; an online sync
    (``exchange.online``) hands it to the office directly."""
    require(session, Permission.RECORD_EVIDENCE)
    records = collect_records(session, audit_ids)
    replica = causal_store.load(session)
    sync_db.capture(session, replica, records)
    receiver = for_replica or witness.home_of(session) or ANY_RECEIVER
    if receiver == replica.id:
        receiver = ANY_RECEIVER
    change_set = make_package(replica, receiver, scope=sync_db.scope_of(records))
    store = _store_of(session)
    shas = _attachment_shas(change_set)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "package_id": str(uuid.uuid4()),
        "created": utcnow().isoformat(),
        "by": current_username(session),
        "replica": replica.id,
        "replica_name": platform.node()[:60],
        "audit_ids": [str(a) for a in audit_ids],
        "records": sorted(
            {
                (k.entity, k.record)
                for k in change_set.registers
                if isinstance(k, FieldKey) and not k.is_state
            }
        ),
        "changes": package_to_plain(change_set),
        "witness": witness.for_package(session, replica.id),
        "accounts": _accounts(session),
        "attachments": {},
    }
    for sha in sorted(shas):
        if store is None or not _has(store, sha):
            raise ExchangeError(
                f"attachment {sha} is missing from the store; run auditdesk check",
                code_detail="attachment_missing",
            )
        manifest["attachments"][sha] = store.path_of(sha).stat().st_size
    manifest["records"] = [list(r) for r in manifest["records"]]
    causal_store.save(session, replica)
    session.flush()
    return manifest, store


def export_package(
    session: Session,
    audit_ids: list[uuid.UUID],
    out: Path | str,
    password: str | None = None,
    *,
    for_replica: str | None = None,
) -> dict[str, Any]:
    """Write a package of ``audit_ids`` to ``out``; returns its manifest.

    The audits' records (and every record they point at) have their local writes recorded
    (``sync_db.capture``); the package carries every change of those records the receiver has
    not acknowledged — ``for_replica``, or for a laptop the office it was filled from; a package for a new
    laptop carries everything. Must run in the transaction that commits it (the package is
    recorded as sent).
    """
    out = Path(out)
    manifest, store = build_manifest(session, audit_ids, for_replica=for_replica)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=".pkg-", suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            zf.writestr(
                MANIFEST,
                json.dumps(manifest, ensure_ascii=False, sort_keys=True),
                compress_type=zipfile.ZIP_DEFLATED,
            )
            for sha in sorted(manifest["attachments"]):
                _write_verified(zf, store.path_of(sha), sha)
        if password:
            crypto.encrypt_file(tmp, out, password)
            tmp.unlink()
        else:
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return manifest


def _write_verified(zf: zipfile.ZipFile, source: Path, sha: str) -> None:
    """Stream a store file into the package, refusing one that no longer matches its hash
    (the receiver would refuse the whole package; better to say so here)."""
    digest = hashlib.sha256()
    info = zipfile.ZipInfo(ATTACHMENT_DIR + sha)
    info.compress_type = zipfile.ZIP_STORED
    with source.open("rb") as src, zf.open(info, "w", force_zip64=True) as dst:
        for block in iter(lambda: src.read(1024 * 1024), b""):
            digest.update(block)
            dst.write(block)
    if digest.hexdigest() != sha:
        raise ExchangeError(
            f"attachment file {source} no longer matches its hash {sha}; run auditdesk check",
            code_detail="attachment_hash_mismatch",
        )


# --------------------------------------------------------------------------- reading, fully checked


@dataclass
class PackageContents:
    manifest: dict[str, Any]
    files: dict[str, Path]  # sha -> verified file in a temporary folder


def _refuse(reason: str, entry: str) -> PackageRefused:
    texts = {
        "unsafe_path": "an entry's path leaves the package (absolute path or '..')",
        "link_in_archive": "the package contains a link",
        "duplicate_entry": "the package holds the same entry twice",
        "too_large": "an entry is far too large",
        "compression_bomb": "an entry inflates far beyond any real file (compression bomb)",
        "size_mismatch": "an entry is larger or smaller than declared",
    }
    return PackageRefused(
        f"package refused: {texts.get(reason, reason)}: {entry!r}", reason, entry=entry
    )


def _is_sha256(value: Any) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )


def _check_manifest(m: Any) -> dict[str, Any]:
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise PackageRefused("manifest.json is not an AuditDesk package manifest", "bad_manifest")
    version = m.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PackageRefused("manifest.json has no format version", "bad_manifest")
    if version > FORMAT_VERSION:
        raise PackageRefused(
            f"this package was made by a newer AuditDesk ({m.get('app_version', '?')}, package format {version}); "
            f"update AuditDesk to read it (this one reads format {FORMAT_VERSION})",
            "newer_format",
            format_version=version,
        )
    if version < FORMAT_VERSION:
        raise PackageRefused(
            f"this package was made by an older AuditDesk ({m.get('app_version', '?')}, package "
            f"format {version}, merged by snapshot); update AuditDesk there and export again",
            "older_format",
            format_version=version,
        )
    atts = m.get("attachments")
    if (
        not isinstance(atts, dict)
        or not isinstance(m.get("audit_ids"), list)
        or not isinstance(m.get("changes"), dict)
        or not isinstance(m.get("accounts"), list)
    ):
        raise PackageRefused(
            "manifest.json lacks changes, attachments, accounts or audit ids", "bad_manifest"
        )
    for sha, size in atts.items():
        if not _is_sha256(sha) or not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise PackageRefused(
                f"manifest.json lists a bad attachment {sha!r:.80}", "bad_manifest"
            )
    if not witness.check(m.get("witness")):
        raise PackageRefused("manifest.json has no valid chain head (witness)", "bad_manifest")
    for account in m["accounts"]:
        if not (
            isinstance(account, dict)
            and isinstance(account.get("username"), str)
            and isinstance(account.get("role"), str)
        ):
            raise PackageRefused("manifest.json has a malformed account", "bad_manifest")
    try:
        change_set = package_from_plain(m["changes"])
    except (CausalError, TypeError, ValueError, RecursionError) as exc:
        raise PackageRefused(
            f"the package's change set is not valid ({exc})", "bad_manifest"
        ) from None
    if m.get("replica") != change_set.sender:
        raise PackageRefused("the package names two different senders", "bad_manifest")
    for key in (*change_set.registers, *change_set.held):
        _check_key(key)
    for sha in _attachment_shas(change_set):
        if not _is_sha256(sha):
            raise PackageRefused(
                f"the package has an attachment with a bad sha256 {sha!r:.80}", "bad_manifest"
            )
    records = m.get("records")
    if not isinstance(records, list) or not all(
        isinstance(r, list) and len(r) == 2 and all(isinstance(x, str) for x in r) for r in records
    ):
        raise PackageRefused("manifest.json has a malformed record list", "bad_manifest")
    m["_changes"] = change_set
    return m


def _check_key(key: Any) -> None:
    if isinstance(key, FieldKey):
        cls = BY_NAME.get(key.entity)
        known = cls is not None and (key.is_state or key.field in fields_of(cls))
        try:
            uuid.UUID(key.record)
        except ValueError:
            known = False
    else:
        entity, _, name = key.name.partition(".")
        known = entity in BY_NAME and name in LINKS.get(BY_NAME[entity], {})
        try:
            uuid.UUID(key.source)
        except ValueError:
            known = False
    if not known:
        raise PackageRefused(
            f"the package changes something this AuditDesk does not know: {key!r:.120}",
            "bad_manifest",
        )


TEMP_PREFIX = "adpkg-"


def sweep_stale_temp_dirs() -> int:
    """Remove the temporary folders (verified attachment files) that an import killed before
    it could clean up left behind: their name carries the process id, gone processes' folders
    go. Returns how many were removed."""
    removed = 0
    root = Path(tempfile.gettempdir())
    try:
        candidates = list(root.glob(f"{TEMP_PREFIX}*-*"))
    except OSError:
        return 0
    for folder in candidates:
        try:
            pid = int(folder.name[len(TEMP_PREFIX) :].split("-", 1)[0])
        except ValueError:
            continue
        if pid == os.getpid() or _alive(pid) or not folder.is_dir():
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


@contextmanager
def open_package(path: Path | str, password: str | None = None) -> Iterator[PackageContents]:
    """Read and check a whole package; yields its manifest and verified attachment files."""
    path = Path(path)
    if not path.is_file():
        raise PackageRefused(f"no package file at {path}", "not_a_package")
    sweep_stale_temp_dirs()
    with (
        tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-") as tmp_dir,
        ExitStack() as stack,
    ):
        tmp = Path(tmp_dir)
        zip_source: Path | BinaryIO = path
        if crypto.is_encrypted(path):
            if not password:
                raise PackageRefused(
                    "this package is encrypted: give its password", "encrypted_needs_password"
                )
            # The decrypted zip lives in an anonymous temporary file (no name on Linux): a
            # killed import leaves no readable copy of the package behind.
            plain = stack.enter_context(tempfile.TemporaryFile(prefix=TEMP_PREFIX))
            crypto.decrypt_file(path, plain, password)
            plain.seek(0)
            zip_source = plain
        try:
            zf = zipfile.ZipFile(zip_source)
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError):
            if isinstance(zip_source, Path):
                with zip_source.open("rb") as fh:
                    head = fh.read(4)
            else:
                zip_source.seek(0)
                head = zip_source.read(4)
            if head.startswith(b"PK"):
                raise PackageRefused(
                    "the package is cut short or damaged (truncated file)", "truncated"
                ) from None
            raise PackageRefused(
                f"{path.name} is not an AuditDesk package", "not_a_package"
            ) from None
        except OSError as exc:
            raise PackageRefused(
                f"cannot read {path}: {exc.strerror or exc}", "not_a_package"
            ) from None
        try:
            with zf:
                entries = check_entries(zf, _refuse)
                if MANIFEST not in entries:
                    raise PackageRefused(
                        "the package has no manifest.json", "missing_entry", entry=MANIFEST
                    )
                info = entries[MANIFEST]
                if info.file_size > MAX_MANIFEST_BYTES:
                    raise _refuse("too_large", MANIFEST)
                raw = b"".join(read_limited(zf, info, _refuse))
                try:
                    manifest = _check_manifest(json.loads(raw.decode("utf-8")))
                except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                    raise PackageRefused(
                        "manifest.json is not valid JSON", "bad_manifest"
                    ) from None
                expected = {ATTACHMENT_DIR + sha for sha in manifest["attachments"]}
                for name in entries:
                    if name != MANIFEST and name not in expected and not name.endswith("/"):
                        raise PackageRefused(
                            f"the package holds an entry its manifest does not list: {name!r}",
                            "bad_manifest",
                            entry=name,
                        )
                files: dict[str, Path] = {}
                for sha, size in manifest["attachments"].items():
                    found = entries.get(ATTACHMENT_DIR + sha)
                    if found is None:
                        raise PackageRefused(
                            f"attachment {sha} is listed but not in the package",
                            "missing_entry",
                            entry=ATTACHMENT_DIR + sha,
                        )
                    info = found
                    if info.file_size != size:
                        raise _refuse("size_mismatch", info.filename)
                    target = tmp / sha
                    digest = hashlib.sha256()
                    with target.open("wb") as out:
                        for block in read_limited(zf, info, _refuse):
                            digest.update(block)
                            out.write(block)
                    if digest.hexdigest() != sha:
                        raise PackageRefused(
                            f"attachment {sha} does not match its hash (altered or damaged)",
                            "hash_mismatch",
                            entry=info.filename,
                        )
                    files[sha] = target
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            zipfile.LargeZipFile,
            NotImplementedError,
            RuntimeError,
        ) as exc:  # RuntimeError: an entry encrypted with a zip password
            raise PackageRefused(
                f"the package is damaged or truncated ({exc})", "truncated"
            ) from None
        except (OSError, ValueError) as exc:
            if isinstance(exc, PackageRefused):
                raise
            raise PackageRefused(
                f"the package is damaged ({type(exc).__name__}: {exc})", "truncated"
            ) from None
        yield PackageContents(manifest, files)


# --------------------------------------------------------------------------- merging


@dataclass
class MergeResult:
    package_id: str = ""
    by: str = ""
    sender: str = ""
    sequence: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    attachments: int = 0
    conflict_ids: list[int] = field(default_factory=list)
    # Kept for the callers that print it: NC numbers are fields like any other now (two NCs
    # given one number clash and the package is refused with ``clash``).
    renumbered: list[Any] = field(default_factory=list)
    applied: int = 0  # incoming writes merged
    refused: list[dict[str, Any]] = field(default_factory=list)  # held for a lead/admin
    settled: int = 0  # open conflicts a travelling resolution settled
    duplicate: bool = False  # this package had been imported before
    history_rewritten: bool = False  # the sender's change log no longer has a head seen before


class PackageMissing(PackageRefused):
    """An earlier package of the same sender was never imported here and this one does not
    repeat its changes: import that one first (nothing was written)."""

    def __init__(self, sender_name: str, sequence: int | None, missing: dict[str, int]) -> None:
        named = (
            f"package {sequence} from {sender_name}"
            if sequence
            else f"a package from {sender_name}"
        )
        super().__init__(
            f"{named} is missing — import it first",
            "missing_package",
            sender=sender_name,
            sequence=sequence,
            missing=missing,
        )
        self.sender_name = sender_name
        self.sequence = sequence


def _records_here(session: Session, change_set: Package) -> list[Entity]:
    """The records here that the package changes (their local writes are captured first)."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for key in (*change_set.registers, *change_set.held):
        if isinstance(key, FieldKey):
            wanted.setdefault(key.entity, set()).add(uuid.UUID(key.record))
        else:
            entity = key.name.partition(".")[0]
            wanted.setdefault(entity, set()).add(uuid.UUID(key.source))
    out: list[Entity] = []
    for entity, ids in wanted.items():
        cls: Any = BY_NAME[entity]
        batch = sorted(ids)
        for i in range(0, len(batch), 500):
            out += session.scalars(select(cls).where(cls.id.in_(batch[i : i + 500])))
    return out


def _refused_plain(refused: Any) -> dict[str, Any]:
    key = refused.key
    if isinstance(key, FieldKey):
        where = {"entity": key.entity, "record": key.record, "field": key.field}
    else:
        where = {"link": key.name, "record": key.source, "target": key.target}
    return {
        **where,
        "reasons": sorted(set(refused.reasons)),
        "values": [
            {"value": e.value, "by": e.author, "at": e.at, "replica": e.dot.replica}
            for e in refused.entries
        ],
    }


def import_package(session: Session, path: Path | str, password: str | None = None) -> MergeResult:
    """Merge a package into the database by causal history (see the module notes). Raises
    PackageRefused (``PackageMissing`` for a gap) and writes nothing when the package is
    unsafe, damaged, from another AuditDesk version, incomplete here or does not fit."""
    require(session, Permission.RECORD_EVIDENCE)
    with open_package(path, password) as contents:
        return merge_manifest(session, contents.manifest, contents.files)


def check_manifest(manifest: dict[str, Any]) -> dict[str, Any]:
    """A manifest as it travels (plain JSON), checked as a package's manifest is."""
    try:
        plain = json.loads(json.dumps(manifest, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise PackageRefused(f"the change set is not plain data ({exc})", "bad_manifest") from None
    return _check_manifest(plain)


def merge_manifest(
    session: Session,
    manifest: dict[str, Any],
    files: dict[str, Path],
    *,
    from_home: bool | None = None,
) -> MergeResult:
    """Merge a checked manifest (``check_manifest``) and its verified attachment files
    (sha -> file) into the database: all of it, or nothing. ``from_home``: the sender is (True)
    or is not (False) the office this database is a laptop of; None: a new laptop (no write,
    no import yet) takes its first package's sender as its office."""
    require(session, Permission.RECORD_EVIDENCE)
    change_set: Package = manifest["_changes"]
    result = MergeResult(
        package_id=str(manifest.get("package_id", "")),
        by=str(manifest.get("by", ""))[:60],
        sender=change_set.sender,
        sequence=change_set.sequence,
    )
    store = _store_of(session)
    for sha in _attachment_shas(change_set):
        if sha not in files and (store is None or not _has(store, sha)):
            raise PackageRefused(
                f"attachment {sha} has no file in the package", "missing_entry", entry=sha
            )
    if files and store is None:
        raise PackageRefused(
            "this database has no attachment store (not a file database)", "bad_manifest"
        )
    savepoint = session.begin_nested()
    try:
        replica = causal_store.load(session)
        if change_set.sender == replica.id:
            raise PackageRefused("this package was made by this database", "own_package")
        # A new laptop (no write, no import yet) is filled from its home office.
        home = witness.home_of(session)
        if from_home is None:
            first = home is None and replica.counter == 0 and not replica.imported
        else:
            first = from_home and home is None
            if from_home and home not in (None, change_set.sender):
                raise PackageRefused(
                    "this laptop was filled from another office database", "other_office"
                )
        # This database's own writes first: a concurrent one becomes a sibling, not lost.
        sync_db.capture(session, replica, _records_here(session, change_set))
        accounts = {a["username"]: a["role"] for a in manifest["accounts"]}
        policy = sync_db.MergePolicy(
            session, change_set, accounts, trust_accounts=first or home == change_set.sender
        )
        try:
            merged = causal_merge(replica, change_set, policy)
        except MissingPackage as exc:
            name = str(manifest.get("replica_name") or "")[:60] or change_set.sender[:8]
            raise PackageMissing(name, exc.sequence, exc.missing) from None
        except CausalError as exc:  # e.g. another value under a write this database holds
            raise PackageRefused(
                f"the package contradicts the history here (altered?): {exc}", "bad_manifest"
            ) from None
        result.duplicate = merged.duplicate
        result.applied = len(merged.applied)
        touched = {c.key for c in merged.applied}
        applied = sync_db.apply(session, replica, touched, result.package_id, result.by)
        result.created, result.updated = applied.created, applied.updated
        result.renumbered = applied.moves
        in_package = {k.record_ref for k in change_set.registers if isinstance(k, FieldKey)}
        result.unchanged = max(0, len(in_package) - result.created - result.updated)
        result.conflict_ids = sync_db.open_conflicts(
            session, replica, merged.conflicts, result.package_id, result.by
        )
        result.conflict_ids += [m.conflict_seq for m in applied.moves]
        result.conflicts = len(result.conflict_ids)
        result.settled = sync_db.settle_conflicts(session, replica)
        result.refused = [_refused_plain(r) for r in merged.refused]
        causal_store.save(session, replica)
        result.history_rewritten = witness.receive(
            session, change_set.sender, manifest["witness"], home=first
        )
        session.flush()
        for sha, file in files.items():
            _put_verified(store, sha, file)
            result.attachments += 1
        savepoint.commit()
    except IntegrityError as exc:
        savepoint.rollback()
        raise PackageRefused(
            f"the package clashes with records here ({str(exc.orig).splitlines()[0]})", "clash"
        ) from None
    except BaseException:
        if savepoint.is_active:
            savepoint.rollback()
        raise

    return result


def _has(store: Any, sha: str) -> bool:
    try:
        return bool(store.contains(sha))
    except ValueError:
        return False


def _put_verified(store: Any, sha: str, file: Path) -> None:
    """Copy a file whose hash is already verified into the content-addressed store."""
    final = store.path_of(sha)
    if final.is_file() and final.stat().st_size == file.stat().st_size:
        return
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(final.name + ".part")
    with file.open("rb") as src, tmp.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, final)


def describe(manifest: dict[str, Any]) -> dict[str, Any]:
    """What a package holds, for a confirmation dialog."""
    counts: dict[str, int] = {}
    for entity, _record in manifest["records"]:
        counts[entity] = counts.get(entity, 0) + 1
    return {
        "package_id": manifest.get("package_id"),
        "by": manifest.get("by"),
        "created": manifest.get("created"),
        "app_version": manifest.get("app_version"),
        "audit_ids": manifest.get("audit_ids"),
        "records": counts,
        "attachments": len(manifest["attachments"]),
    }
