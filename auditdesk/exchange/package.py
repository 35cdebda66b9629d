"""Offline audit packages: everything an audit needs, to a laptop and back, merged by UUID.

A package is a ZIP (optionally sealed with a password, see ``exchange.crypto``) holding
``manifest.json`` and ``attachments/<sha256>``. The manifest has the format version, the app
version, when and by whom it was made, the audit ids, and per record: entity, id, metadata
(version, created_at, updated_at), the portable data, and ``base`` — the record as last
exchanged, the common ancestor for a three-way merge on the other side.

Merging a package back (``import_package``):
- a record not here is created with its UUID;
- a field changed on one side only takes that side's value;
- a field changed on both sides keeps the local value and becomes a ``MergeConflict`` row
  holding both values for a lead to resolve (``exchange.conflicts``) — no note is dropped;
- many-to-many links merge as sets (added on either side kept, removed on either side gone);
- NC numbers are planned before anything is written: two laptops that raised the same next
  number both keep their NC, one moves to the next free number, visibly (``exchange.nc_numbers``).
A package is read and checked completely (paths, links, sizes, compression ratio, hashes,
format version, references) before anything is written; a refused package writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
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

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auditdesk import __version__
from auditdesk.exchange import crypto, nc_numbers
from auditdesk.exchange.errors import ExchangeError, PackageRefused
from auditdesk.exchange.records import (
    BY_NAME,
    LINK_PREFIX,
    LINKS,
    Refs,
    _fk_target,
    fields_of,
    link_targets,
    meta,
    parse_datetime,
    portable,
)
from auditdesk.exchange.records import from_plain as value_from_plain
from auditdesk.exchange.safezip import check_entries, read_limited
from auditdesk.model import (
    Attachment,
    Audit,
    Auditor,
    AuditStatus,
    AuditTeamMember,
    Entity,
    ExchangeBase,
    MergeConflict,
    TeamRole,
    utcnow,
)
from auditdesk.services.users import Permission, current_username, require
from auditdesk.storage.changelog import canonical_json
from auditdesk.storage.database import sqlite_path

FORMAT = "auditdesk-package"
FORMAT_VERSION = 1
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
    for nc in audit.nonconformities:
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


def _base_of(session: Session, entity: str, entity_id: str) -> ExchangeBase | None:
    return session.scalar(
        select(ExchangeBase).where(
            ExchangeBase.entity == entity, ExchangeBase.entity_id == entity_id
        )
    )


def _remember(
    session: Session, entity: str, entity_id: str, data: dict[str, Any], package: str
) -> None:
    row = _base_of(session, entity, entity_id)
    text = canonical_json(data)
    if row is None:
        session.add(
            ExchangeBase(
                entity=entity, entity_id=entity_id, snapshot=text, package=package, at=utcnow()
            )
        )
    else:
        row.snapshot, row.package, row.at = text, package, utcnow()


def _store_of(session: Session) -> Any:
    from auditdesk.storage.attachments import AttachmentStore

    for_session = getattr(AttachmentStore, "for_session", None)
    if for_session is not None:  # beside a SQLite file, or the configured folder of a server DB
        return for_session(session)
    bind: Any = session.get_bind()
    path = sqlite_path(bind.engine.url.render_as_string(hide_password=False))
    return AttachmentStore.beside(path) if path is not None else None


def export_package(
    session: Session, audit_ids: list[uuid.UUID], out: Path | str, password: str | None = None
) -> dict[str, Any]:
    """Write a package of ``audit_ids`` to ``out``; returns its manifest.

    Records what was sent as the base of the next merge (so the session must be committed).
    """
    require(session, Permission.RECORD_EVIDENCE)
    out = Path(out)
    records = collect_records(session, audit_ids)
    refs = Refs(session)
    package_id = str(uuid.uuid4())
    store = _store_of(session)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "package_id": package_id,
        "created": utcnow().isoformat(),
        "by": current_username(session),
        "audit_ids": [str(a) for a in audit_ids],
        "records": [],
        "attachments": {},
    }
    for obj in records:
        entity, oid = type(obj).__tablename__, str(obj.id)
        data = portable(obj, refs)
        base = _base_of(session, entity, oid)
        manifest["records"].append(
            {
                "entity": entity,
                "id": oid,
                "meta": meta(obj),
                "data": data,
                "base": json.loads(base.snapshot) if base is not None else None,
            }
        )
        if isinstance(obj, Attachment):
            if store is None or not store.contains(obj.sha256):
                raise ExchangeError(
                    f"attachment {obj.filename} ({obj.sha256}) is missing from the store; "
                    "run auditdesk check",
                    code_detail="attachment_missing",
                )
            manifest["attachments"][obj.sha256] = store.path_of(obj.sha256).stat().st_size
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
    for rec in manifest["records"]:
        _remember(session, rec["entity"], rec["id"], rec["data"], package_id)
    session.flush()
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
    records, atts = m.get("records"), m.get("attachments")
    if (
        not isinstance(records, list)
        or not isinstance(atts, dict)
        or not isinstance(m.get("audit_ids"), list)
    ):
        raise PackageRefused(
            "manifest.json lacks records, attachments or audit ids", "bad_manifest"
        )
    for sha, size in atts.items():
        if (
            not isinstance(sha, str)
            or len(sha) != 64
            or any(c not in "0123456789abcdef" for c in sha)
            or not isinstance(size, int)
            or isinstance(size, bool)
            or size < 0
        ):
            raise PackageRefused(
                f"manifest.json lists a bad attachment {sha!r:.80}", "bad_manifest"
            )
    seen: set[tuple[str, str]] = set()
    for rec in records:
        if (
            not isinstance(rec, dict)
            or not isinstance(rec.get("entity"), str)
            or rec["entity"] not in BY_NAME
            or not isinstance(rec.get("data"), dict)
        ):
            raise PackageRefused(
                f"manifest.json has a malformed record {str(rec)[:80]!r}", "bad_manifest"
            )
        if not isinstance(rec.get("base"), dict | None) or not isinstance(
            rec.get("meta", {}), dict
        ):
            raise PackageRefused("manifest.json has a malformed record base", "bad_manifest")
        try:
            rid = str(uuid.UUID(str(rec.get("id"))))
        except ValueError:
            raise PackageRefused(
                f"manifest.json has a record with a bad id {rec.get('id')!r:.80}", "bad_manifest"
            ) from None
        if rec["entity"] == "attachment" and not _is_sha256(rec["data"].get("sha256")):
            raise PackageRefused(
                f"manifest.json has an attachment record {rid} with a bad sha256 "
                f"{rec['data'].get('sha256')!r:.80}",
                "bad_manifest",
            )
        if (rec["entity"], rid) in seen:
            raise PackageRefused(f"manifest.json lists {rec['entity']} {rid} twice", "bad_manifest")
        seen.add((rec["entity"], rid))
        rec["id"] = rid
    return m


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
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    attachments: int = 0
    conflict_ids: list[int] = field(default_factory=list)
    # NCs moved to another number because another NC had theirs (each also a conflict and a
    # step in the NC's history): say so, a client may hold the old number on a printed form.
    renumbered: list[nc_numbers.Renumbered] = field(default_factory=list)


def _same(a: Any, b: Any) -> bool:
    return canonical_json(a) == canonical_json(b)


def _merge_links(local: list[Any], incoming: list[Any], base: list[Any] | None) -> list[Any]:
    key = canonical_json
    lk, ik = {key(x): x for x in local}, {key(x): x for x in incoming}
    bk = {key(x) for x in base} if isinstance(base, list) else None
    keep = {**lk, **ik}
    if bk is not None:
        keep = {k: v for k, v in keep.items() if k not in bk or (k in lk and k in ik)}
    return sorted(keep.values(), key=key)


class _Merger:
    def __init__(self, session: Session, manifest: dict[str, Any], result: MergeResult) -> None:
        self.session = session
        self.refs = Refs(session)
        self.label = str(manifest.get("package_id", ""))[:200]
        self.by = str(manifest.get("by", ""))[:60]
        self.result = result
        self.in_package = {(r["entity"], r["id"]) for r in manifest["records"]}

    def convert(self, rec: dict[str, Any]) -> dict[str, Any]:
        """Every field of a record as column values (refuses before any write)."""
        cls = BY_NAME[rec["entity"]]
        cols = fields_of(cls)
        data = rec["data"]
        unknown = [k for k in data if k not in cols and not k.startswith(LINK_PREFIX)]
        if unknown:
            raise PackageRefused(
                f"{rec['entity']} has fields this AuditDesk does not know: {unknown[:5]}",
                "bad_manifest",
            )
        values: dict[str, Any] = {}
        for key, col in cols.items():
            if key not in data:
                continue
            values[key] = value_from_plain(cls, key, col, data[key], self.refs)
            target = _fk_target(col)
            if target in BY_NAME and values[key] is not None:
                if (target, str(values[key])) not in self.in_package and self.session.get(
                    BY_NAME[target], values[key]
                ) is None:
                    raise PackageRefused(
                        f"{rec['entity']}.{key} points at a {target} {values[key]} that is "
                        "neither here nor in the package",
                        "unknown_reference",
                    )
        for name in LINKS.get(cls, {}):
            if LINK_PREFIX + name in data and not isinstance(data[LINK_PREFIX + name], list):
                raise PackageRefused(f"{rec['entity']} link {name} is not a list", "bad_manifest")
        return values

    def base_for(self, rec: dict[str, Any]) -> dict[str, Any] | None:
        if isinstance(rec.get("base"), dict):
            return rec["base"]
        row = _base_of(self.session, rec["entity"], rec["id"])
        return json.loads(row.snapshot) if row is not None else None

    def conflict(self, rec: dict[str, Any], key: str, local: Any, incoming: Any) -> int | None:
        """Keep both values for a lead; the new conflict's seq (None: the same one is open already)."""
        local_text, incoming_text = canonical_json(local), canonical_json(incoming)
        existing = self.session.scalar(
            select(MergeConflict).where(
                MergeConflict.entity == rec["entity"],
                MergeConflict.entity_id == rec["id"],
                MergeConflict.field == key,
                MergeConflict.incoming_value == incoming_text,
                MergeConflict.resolved.is_(False),
            )
        )
        if existing is not None:
            return None
        row = MergeConflict(
            at=utcnow(),
            package=self.label,
            entity=rec["entity"],
            entity_id=rec["id"],
            field=key,
            local_value=local_text,
            incoming_value=incoming_text,
            incoming_by=self.by,
        )
        self.session.add(row)
        self.session.flush()
        self.result.conflicts += 1
        self.result.conflict_ids.append(row.seq)
        return row.seq

    def merge(
        self,
        rec: dict[str, Any],
        values: dict[str, Any],
        owned: frozenset[str] = frozenset(),
        changed: bool = False,
    ) -> None:
        """Three-way merge of one record; ``owned`` fields were settled before (an NC's number),
        ``changed`` says whether that already changed the record."""
        cls = BY_NAME[rec["entity"]]
        rid = uuid.UUID(rec["id"])
        obj = self.session.get(cls, rid)
        if obj is None:
            obj = cls(id=rid, **values)
            created = rec.get("meta", {}).get("created_at")
            if isinstance(created, str):
                try:
                    obj.created_at = parse_datetime(created)
                except ValueError:
                    pass
            self.session.add(obj)
            self.result.created += 1
            return
        local = portable(obj, self.refs)
        base = self.base_for(rec)
        for key, incoming in rec["data"].items():
            if key.startswith(LINK_PREFIX) or key in owned or _same(incoming, local.get(key)):
                continue
            if base is not None and key in base:
                if _same(incoming, base[key]):
                    continue  # only this side changed it
                if _same(local.get(key), base[key]):
                    setattr(obj, key, values[key])  # only the other side changed it
                    changed = True
                    continue
            self.conflict(rec, key, local.get(key), incoming)
        self.result.updated += changed
        self.result.unchanged += not changed

    def merge_links(self, rec: dict[str, Any]) -> None:
        cls = BY_NAME[rec["entity"]]
        obj = self.session.get(cls, uuid.UUID(rec["id"]))
        base = self.base_for(rec) or {}
        local = portable(obj, self.refs)  # type: ignore[arg-type]
        for name in LINKS.get(cls, {}):
            key = LINK_PREFIX + name
            if key not in rec["data"]:
                continue
            merged = _merge_links(local.get(key, []), rec["data"][key], base.get(key))
            if not _same(merged, local.get(key, [])):
                setattr(obj, name, link_targets(self.session, cls, name, merged, self.refs))


def import_package(session: Session, path: Path | str, password: str | None = None) -> MergeResult:
    """Merge a package into the database (see the module notes). Raises PackageRefused and
    writes nothing when the package is unsafe, damaged, from a newer AuditDesk or does not fit."""
    require(session, Permission.RECORD_EVIDENCE)
    with open_package(path, password) as contents:
        manifest = contents.manifest
        result = MergeResult(
            package_id=str(manifest.get("package_id", "")), by=str(manifest.get("by", ""))
        )
        store = _store_of(session)
        merger = _Merger(session, manifest, result)
        order = {name: i for i, name in enumerate(BY_NAME)}
        records = sorted(manifest["records"], key=lambda r: order[r["entity"]])
        for rec in records:
            if rec["entity"] == "attachment":
                sha = rec["data"].get("sha256")
                if sha not in contents.files and (
                    store is None or not isinstance(sha, str) or not _has(store, sha)
                ):
                    raise PackageRefused(
                        f"attachment record {rec['id']} has no file in the package",
                        "missing_entry",
                        entry=str(sha),
                    )
        if contents.files and store is None:
            raise PackageRefused(
                "this database has no attachment store (not a file database)", "bad_manifest"
            )
        savepoint = session.begin_nested()
        try:
            converted = [merger.convert(rec) for rec in records]
            numbers = nc_numbers.plan(session, merger, records, converted)
            nc_numbers.apply_here(session, numbers)
            owned = frozenset({nc_numbers.FIELD})
            for rec, values in zip(records, converted, strict=True):
                if rec["entity"] == nc_numbers.ENTITY:
                    merger.merge(rec, values, owned, changed=rec["id"] in numbers.changed_here)
                else:
                    merger.merge(rec, values)
                session.flush()
            nc_numbers.record_moves(session, merger, numbers, merger.label, merger.by)
            result.renumbered = numbers.moves
            for rec in records:
                merger.merge_links(rec)
            for rec in records:
                _remember(session, rec["entity"], rec["id"], rec["data"], result.package_id)
            session.flush()
            for sha, file in contents.files.items():
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
    for rec in manifest["records"]:
        counts[rec["entity"]] = counts.get(rec["entity"], 0) + 1
    return {
        "package_id": manifest.get("package_id"),
        "by": manifest.get("by"),
        "created": manifest.get("created"),
        "app_version": manifest.get("app_version"),
        "audit_ids": manifest.get("audit_ids"),
        "records": counts,
        "attachments": len(manifest["attachments"]),
    }
