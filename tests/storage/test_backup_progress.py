"""A backup reports how much it has copied (KiB of database and photos) as it goes, so the
backup job shows a determinate bar."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from auditdesk.services import evidence as ev
from auditdesk.services.setup import open_database
from auditdesk.storage import backup_set
from tests.services.workspace_data import make_audit


@pytest.fixture
def db(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'office' / 'auditdesk.sqlite3'}", create=True)
    yield database
    database.close()


def _noise_photo(seed: int) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60 + seed).convert("RGB").save(out, "JPEG", quality=95)
    return out.getvalue()


def test_backup_progress_climbs_to_the_total(db, tmp_path):
    with db.session() as s:
        audit = make_audit(s).audit_id
        item = ev.add_evidence(s, audit, ev.EvidenceData(description="仓库温湿度记录"))
        photos = [_noise_photo(i) for i in range(3)]
        for i, data in enumerate(photos):
            ev.attach_bytes(s, item.id, data, f"photo{i}.jpg")
    seen: list[tuple[int, int]] = []
    result = backup_set.write_backup(
        db.path, tmp_path / "usb", progress=lambda d, t: seen.append((d, t))
    )
    assert result.attachments == 3
    totals = {t for _d, t in seen}
    assert len(totals) == 1  # one total for the whole backup
    total = totals.pop()
    wal = db.path.with_name(db.path.name + "-wal")
    on_disk = db.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    assert total == (on_disk + result.attachment_bytes) // 1024  # the bytes to copy
    done = [d for d, _t in seen]
    assert done == sorted(done) and done[-1] == total  # never backwards, ends at 100 %
    assert len(seen) >= 4  # the database, then each photo
    assert done[0] < total


def test_without_a_listener_the_backup_is_the_same(db, tmp_path):
    result = backup_set.write_backup(db.path, tmp_path / "usb")
    backup_set.verify_backup(result.path)
