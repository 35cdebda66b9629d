"""Backups with SQLite's online backup API: consistent copies of a live database."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

BACKUP_DIR_NAME = "backups"


def backup_file(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` with the online backup API (safe while in use)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    return target


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR_NAME


def backup_before_upgrade(db_path: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return backup_file(db_path, backup_dir(db_path) / f"{db_path.stem}-before-upgrade-{stamp}.sqlite3")
