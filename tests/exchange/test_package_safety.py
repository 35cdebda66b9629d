"""Hostile or damaged packages are refused with a clear reason, and nothing is written."""

from __future__ import annotations

import stat
import zipfile

import pytest

from auditdesk.exchange.errors import PackageRefused
from auditdesk.exchange.package import export_package, import_package
from auditdesk.services.setup import open_database
from tests.exchange.package_helpers import everything, rewrite
from tests.exchange.package_helpers import refused as _refused


def test_path_traversal_is_refused(package, tmp_path):
    src, _, laptop = package
    bad = rewrite(src, tmp_path / "t.adpkg", extra=[("../../evil.txt", b"x")])
    assert _refused(laptop, bad) == "unsafe_path"


def test_absolute_path_is_refused(package, tmp_path):
    src, _, laptop = package
    bad = rewrite(src, tmp_path / "a.adpkg", extra=[("/tmp/evil.txt", b"x")])
    assert _refused(laptop, bad) == "unsafe_path"


def test_symlink_in_archive_is_refused(package, tmp_path):
    src, _, laptop = package
    link = zipfile.ZipInfo("attachments/link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    bad = rewrite(src, tmp_path / "l.adpkg", extra=[link])
    assert _refused(laptop, bad) == "link_in_archive"


def test_compression_bomb_is_refused(package, tmp_path):
    src, _, laptop = package
    bad = rewrite(
        src, tmp_path / "b.adpkg", extra=[("attachments/bomb", b"\0" * (64 * 1024 * 1024))]
    )
    assert _refused(laptop, bad) == "compression_bomb"


def test_entry_far_larger_than_declared_is_refused(package, tmp_path):
    src, manifest, laptop = package
    sha = next(iter(manifest["attachments"]))
    big = tmp_path / "big.adpkg"
    rewrite(src, big, files={f"attachments/{sha}": b"\x89PNG" + b"A" * 200_000})
    # Understate the entry's size in the central directory, as a crafted bomb does.
    with zipfile.ZipFile(big) as zf:
        info = zf.getinfo(f"attachments/{sha}")
    data = bytearray(big.read_bytes())
    pos = data.rfind(f"attachments/{sha}".encode()) - 46  # its central-directory record
    assert data[pos : pos + 4] == b"PK\x01\x02"
    data[pos + 24 : pos + 28] = (1000).to_bytes(4, "little")
    big.write_bytes(bytes(data))
    assert info.file_size == 200_004
    assert _refused(laptop, big) in {"size_mismatch", "truncated"}


def test_attachment_hash_mismatch_is_refused(package, tmp_path):
    src, manifest, laptop = package
    sha, size = next(iter(manifest["attachments"].items()))
    with zipfile.ZipFile(src) as zf:
        data = bytearray(zf.read(f"attachments/{sha}"))
    data[100] ^= 0xFF
    bad = rewrite(src, tmp_path / "h.adpkg", files={f"attachments/{sha}": bytes(data)})
    assert _refused(laptop, bad) == "hash_mismatch"


def test_package_from_a_newer_auditdesk_is_refused(package, tmp_path):
    src, _, laptop = package
    bad = rewrite(
        src,
        tmp_path / "n.adpkg",
        manifest=lambda m: {**m, "format_version": 7, "app_version": "3.0"},
    )
    before = everything(laptop)
    with pytest.raises(PackageRefused, match="newer AuditDesk") as info, laptop.session() as s:
        import_package(s, bad)
    assert info.value.reason == "newer_format" and everything(laptop) == before


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_truncated_file_is_refused(package, tmp_path, keep):
    src, _, laptop = package
    data = src.read_bytes()
    bad = tmp_path / "cut.adpkg"
    bad.write_bytes(data[: int(len(data) * keep)])
    assert _refused(laptop, bad) in {"truncated", "not_a_package"}


def test_truncated_encrypted_file_is_refused(office, tmp_path):
    db, audit_id, _ = office
    out = tmp_path / "e.adpkg"
    with db.session() as s:
        export_package(s, [audit_id], out, password="pw-123456")
    cut = tmp_path / "cut.adpkg"
    cut.write_bytes(out.read_bytes()[:-20])
    laptop = open_database(f"sqlite:///{tmp_path / 'l2' / 'l.sqlite3'}", create=True)
    assert _refused(laptop, cut, password="pw-123456") == "truncated"
    laptop.close()


def test_record_pointing_at_nothing_is_refused(package, tmp_path):
    src, _, laptop = package

    def orphan(m):
        regs = m["changes"]["registers"]
        m["changes"]["registers"] = [r for r in regs if r["key"][1] != "organisation"]
        return m

    bad = rewrite(src, tmp_path / "o.adpkg", manifest=orphan)
    assert _refused(laptop, bad) == "unknown_reference"


def test_unknown_clause_reference_is_refused(package, tmp_path):
    src, _, laptop = package

    def unknown(m):
        for r in m["changes"]["registers"]:
            if r["key"][1] == "nonconformity" and r["key"][3] == "clause_id":
                r["siblings"][0]["value"] = ["clause", "ISO9001:2015", "99.9"]
        return m

    bad = rewrite(src, tmp_path / "c.adpkg", manifest=unknown)
    assert _refused(laptop, bad) == "unknown_reference"
