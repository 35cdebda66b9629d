"""Building good and hostile packages for the exchange tests."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from sqlalchemy import func, inspect, select, text


def rewrite(src: Path, dst: Path, *, manifest=None, files=None, extra=()):
    """Copy a package, optionally changing its manifest (a function) or entries (name -> bytes)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "manifest.json" and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            if files and info.filename in files:
                data = files[info.filename]
            zout.writestr(info.filename, data)
        for item in extra:
            if isinstance(item, zipfile.ZipInfo):
                zout.writestr(item, b"/etc/passwd")
            else:
                zout.writestr(*item)
    return dst


def everything(database) -> dict[str, int]:
    """Row counts of every table, change log included: 'nothing written' means equal."""
    names = inspect(database.engine).get_table_names()
    with database.engine.connect() as conn:
        return {
            n: conn.execute(select(func.count()).select_from(text(f'"{n}"'))).scalar_one()
            for n in names
        }


def store_of(database):
    from auditdesk.storage.attachments import AttachmentStore

    with database.session() as s:
        return AttachmentStore.for_session(s)


def store_files(database) -> set[str]:
    root = store_of(database).root
    return {p.name for p in root.rglob("*") if p.is_file()} if root.exists() else set()
