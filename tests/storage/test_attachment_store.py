"""The content-addressed attachment store: hashing, dedupe, streaming, sniffing, EXIF."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tracemalloc

import pytest

from auditdesk.storage.attachments import AttachmentRefused, AttachmentStore, check_content, sniff
from tests.services.workspace_data import jpeg_bytes

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def store(tmp_path):
    return AttachmentStore.beside(tmp_path / "audits.sqlite3")


def test_store_sits_beside_the_database_and_names_files_by_sha256(tmp_path, store):
    src = tmp_path / "scope.pdf"
    src.write_bytes(PDF)
    stored = store.put(src)
    sha = hashlib.sha256(PDF).hexdigest()
    assert stored.sha256 == sha
    assert stored.path == tmp_path / "audits-files" / sha[:2] / sha[2:]
    assert stored.path.read_bytes() == PDF
    assert (
        stored.size == len(PDF) and stored.media_type == "application/pdf" and not stored.is_photo
    )
    assert store.verify(sha)


def test_same_content_is_stored_once(tmp_path, store):
    a, b = tmp_path / "a.pdf", tmp_path / "copy of a.pdf"
    a.write_bytes(PDF)
    b.write_bytes(PDF)
    first, second = store.put(a), store.put(b)
    assert first.sha256 == second.sha256 and not first.already_stored and second.already_stored
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert len(files) == 1, "a duplicate must not be copied again, and no temp file may remain"


@pytest.mark.parametrize(
    "name,content,actual",
    [
        ("photo.jpg", PDF, "pdf"),
        ("photo.jpg", b"MZ\x90\x00" + b"\x00" * 60, "exe"),
        ("records.docx", b"MZ\x90\x00" + b"\x00" * 60, "exe"),
        ("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "png"),
        ("notes.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "elf"),
    ],
)
def test_file_whose_content_contradicts_its_extension_is_refused(
    tmp_path, store, name, content, actual
):
    src = tmp_path / name
    src.write_bytes(content)
    with pytest.raises(AttachmentRefused) as exc:
        store.put(src)
    assert exc.value.code in ("attachment.type_mismatch", "attachment.executable")
    assert exc.value.actual == actual
    assert not any(p.is_file() for p in store.root.rglob("*")) if store.root.exists() else True


def test_programs_are_refused_whatever_their_name(tmp_path, store):
    src = tmp_path / "setup.exe"
    src.write_bytes(b"MZ" + b"\x00" * 100)
    with pytest.raises(AttachmentRefused) as exc:
        store.put(src)
    assert exc.value.code == "attachment.executable"


def test_empty_file_is_refused(tmp_path, store):
    src = tmp_path / "empty.pdf"
    src.write_bytes(b"")
    with pytest.raises(AttachmentRefused) as exc:
        store.put(src)
    assert exc.value.code == "attachment.empty"


def test_office_files_are_zip_or_ole_and_text_may_be_chinese():
    assert check_content("记录.xlsx", b"PK\x03\x04" + b"\x00" * 30) == "zip"
    assert check_content("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 30) == "ole"
    assert check_content("访谈.txt", "内审记录，抽样三份".encode()[:10]) == "text"
    assert check_content("unknown.xyz", b"\x00\x01\x02") is None
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"


def test_exif_capture_time_becomes_utc(tmp_path, store):
    src = tmp_path / "opening.jpg"
    src.write_bytes(jpeg_bytes("2027:03:01 09:05:00", "+08:00"))
    stored = store.put(src)
    assert stored.is_photo and stored.media_type == "image/jpeg"
    assert stored.captured_at == dt.datetime(2027, 3, 1, 1, 5, tzinfo=dt.UTC)


def test_exif_without_offset_uses_the_given_local_zone(tmp_path, store):
    src = tmp_path / "site.jpg"
    src.write_bytes(jpeg_bytes("2027:03:01 14:30:00", None))
    stored = store.put(src, local_tz=dt.timezone(dt.timedelta(hours=8)))
    assert stored.captured_at == dt.datetime(2027, 3, 1, 6, 30, tzinfo=dt.UTC)


def test_photo_without_exif_has_no_capture_time(tmp_path, store):
    src = tmp_path / "plain.jpg"
    src.write_bytes(jpeg_bytes(None))
    assert store.put(src).captured_at is None


def test_big_file_is_streamed_not_read_whole(tmp_path, store):
    size = 50 * 1024 * 1024
    src = tmp_path / "walkthrough.mp4"
    digest = hashlib.sha256()
    block = b"\x00\x00\x00\x18ftypmp42" + os.urandom(1024 * 1024 - 12)
    with src.open("wb") as fh:
        written = 0
        while written < size:
            chunk = block if written == 0 else block[:]
            fh.write(chunk)
            digest.update(chunk)
            written += len(chunk)
    tracemalloc.start()
    try:
        stored = store.put(src)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stored.sha256 == digest.hexdigest() and stored.size == size
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes: the file was not streamed"


def test_failed_copy_leaves_no_temp_file(tmp_path, store, monkeypatch):
    src = tmp_path / "a.pdf"
    src.write_bytes(PDF * 10)

    def broken_replace(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.put(src)
    assert not any(p.is_file() for p in store.root.rglob("*"))
