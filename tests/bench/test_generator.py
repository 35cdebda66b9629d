"""The reference-dataset generator: proportions, every NC state, determinism, a checkable file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from auditdesk.bench.generator import (
    REPORT_EVIDENCE,
    REPORT_PHOTOS,
    generate,
    metadata_path,
    targets,
)

from .conftest import TODAY

TABLES = (
    "organisation",
    "site",
    "certificate",
    "certificate_event",
    "audit",
    "audit_certificate",
    "audit_team_member",
    "evidence_item",
    "evidence_clause",
    "attachment",
    "nonconformity",
    "nc_transition",
    "nc_evidence",
    "search_index",
)


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_scale_one_is_a_large_cb() -> None:
    n = targets(1)
    assert (
        n["organisations"],
        n["certificates"],
        n["audits"],
        n["evidence"],
        n["nonconformities"],
        n["attachments"],
    ) == (10_000, 15_000, 60_000, 1_000_000, 100_000, 50_000)


def test_tiny_scale_has_the_scaled_counts(tiny_dataset: Path) -> None:
    n = targets(0.001)
    assert _count(tiny_dataset, "organisation") == n["organisations"] == 10
    assert _count(tiny_dataset, "certificate") == n["certificates"] == 15
    assert _count(tiny_dataset, "audit") == n["audits"] == 60
    assert _count(tiny_dataset, "evidence_item") == n["evidence"] == 1000
    assert _count(tiny_dataset, "nonconformity") == n["nonconformities"] == 100
    assert _count(tiny_dataset, "attachment") == n["attachments"] == 50


def test_every_nc_state_is_present(tiny_dataset: Path) -> None:
    with sqlite3.connect(tiny_dataset) as con:
        states = {r[0] for r in con.execute("SELECT DISTINCT state FROM nonconformity")}
    assert {"issued", "response_received", "response_accepted", "verified", "closed"} <= states


def test_the_report_audit_has_300_evidence_items_and_40_real_photos(tiny_dataset: Path) -> None:
    from auditdesk.storage.attachments import AttachmentStore

    number = metadata_path(tiny_dataset).read_text(encoding="utf-8")
    with sqlite3.connect(tiny_dataset) as con:
        import json

        audit = json.loads(number)["report_audit"]
        (audit_id,) = con.execute("SELECT id FROM audit WHERE number = ?", (audit,)).fetchone()
        assert (
            con.execute(
                "SELECT count(*) FROM evidence_item WHERE audit_id = ?", (audit_id,)
            ).fetchone()[0]
            == REPORT_EVIDENCE
        )
        photos = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT a.sha256 FROM attachment a LEFT JOIN evidence_item e ON e.id = a.evidence_id "
                "WHERE a.is_photo = 1 AND a.include_in_report = 1 AND (e.audit_id = ? OR a.audit_id = ?)",
                (audit_id, audit_id),
            )
        ]
    assert len(photos) == REPORT_PHOTOS
    store = AttachmentStore.beside(tiny_dataset)
    assert all(store.verify(sha) for sha in photos)


def test_rows_read_back_through_the_orm_and_the_search_index(tiny_dataset: Path) -> None:
    from sqlalchemy import select

    from auditdesk.model import EvidenceItem, EvidenceType
    from auditdesk.services.search import search
    from auditdesk.services.setup import open_database

    db = open_database(f"sqlite:///{tiny_dataset}")
    try:
        with db.session() as s:
            item = s.scalars(select(EvidenceItem).order_by(EvidenceItem.seq).limit(1)).one()
            assert isinstance(item.evidence_type, EvidenceType)
            assert item.observed_at.tzinfo is not None
            assert item.clauses
            word = next(w for w in ("记录", "审核", "检查", "管理") if w in item.description)
            assert search(s, word, limit=1000)
    finally:
        db.close()


def test_the_generated_file_passes_auditdesk_check(tiny_dataset: Path) -> None:
    from auditdesk.storage.integrity import check_database

    report = check_database(f"sqlite:///{tiny_dataset}")
    assert report.ok, report.problems[:3]
    assert report.change_log_rows >= 1


def _natural_dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every generated table's rows, with ids made by open_database (standards, clauses) replaced
    by their natural keys: those are random per file, the generated rows must not be."""
    with sqlite3.connect(db) as con:
        natural = {i: f"standard:{k}" for i, k in con.execute("SELECT id, key FROM standard")}
        natural.update(
            {
                i: f"clause:{k}:{n}"
                for i, k, n in con.execute(
                    "SELECT c.id, s.key, c.number FROM clause c JOIN standard s ON s.id = c.standard_id"
                )
            }
        )
        out = {}
        for table in TABLES:
            rows = con.execute(f"SELECT * FROM {table}").fetchall()
            out[table] = sorted(
                (tuple(natural.get(v, v) if isinstance(v, str) else v for v in r) for r in rows),
                key=repr,
            )
        return out


@pytest.mark.parametrize("seed, same", [(7, True), (8, False)])
def test_same_seed_gives_the_same_rows(
    tiny_dataset: Path, tmp_path: Path, seed: int, same: bool
) -> None:
    other = tmp_path / "again.sqlite3"
    generate(other, 0.001, seed=seed, today=TODAY)
    assert (_natural_dump(other) == _natural_dump(tiny_dataset)) is same


def test_generate_refuses_an_existing_file(tmp_path: Path) -> None:
    from auditdesk.cli import main

    existing = tmp_path / "x.sqlite3"
    existing.write_bytes(b"")
    assert main(["bench", "generate", "--db", str(existing), "--scale", "0.001"]) == 2
