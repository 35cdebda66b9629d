"""Content-addressed attachment store beside the database.

Files live in ``<db dir>/<db stem>-files/ab/cdef...`` named by their SHA-256, so the same
photo attached twice is stored once and a file's name in the store proves its content.

Why it is written this way:
- An auditor's laptop may lose power at any moment: a file is streamed into a temporary file
  in the store, fsync'd, then atomically renamed into place (and the folder fsync'd). A
  half-written file never carries a valid name.
- Videos and scanned PDFs can be hundreds of MB: content is hashed and copied in 1 MiB chunks,
  never read whole into memory.
- A file whose first bytes contradict its extension (a ``.jpg`` that is a PDF, an ``.exe``
  renamed ``.docx``) is refused with :class:`AttachmentRefused` and a code the UI translates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from auditdesk import platform
from auditdesk.storage.errors import StorageError

CHUNK = 1024 * 1024
# Where a server database's files live (AttachmentStore.for_session): environment, then CB setting.
FILES_ENV = "AUDITDESK_FILES"
FILES_SETTING = "storage.files_root"
SNIFF_BYTES = 64


class AttachmentRefused(StorageError):
    """The file was not stored. ``code``: ``attachment.type_mismatch``, ``attachment.executable``,
    ``attachment.empty`` or ``attachment.unreadable``; ``actual`` names the sniffed kind."""

    code = "attachment.refused"

    def __init__(
        self, message: str, code: str, path: str = "", extension: str = "", actual: str = ""
    ) -> None:
        super().__init__(message, path)
        self.code = code
        self.extension = extension
        self.actual = actual


# Sniffed kinds -> media type.
MEDIA_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
    "webp": "image/webp",
    "heic": "image/heic",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "ole": "application/x-ole-storage",
    "rar": "application/vnd.rar",
    "7z": "application/x-7z-compressed",
    "gzip": "application/gzip",
    "mp4": "video/mp4",
    "exe": "application/x-msdownload",
    "elf": "application/x-executable",
    "macho": "application/x-mach-binary",
    "text": "text/plain",
}
PHOTO_KINDS = {"jpeg", "png", "gif", "bmp", "tiff", "webp", "heic"}
EXECUTABLE_KINDS = {"exe", "elf", "macho"}
EXECUTABLE_EXTENSIONS = {
    "exe",
    "dll",
    "com",
    "scr",
    "msi",
    "bat",
    "cmd",
    "ps1",
    "vbs",
    "js",
    "jar",
    "sh",
    "app",
}

# Extension -> the kinds its content may be. Office Open XML files are zip containers;
# legacy Office files are OLE compound documents. Unknown extensions are accepted unless
# the content is an executable.
EXPECTED_KINDS: dict[str, set[str]] = {
    "jpg": {"jpeg"},
    "jpeg": {"jpeg"},
    "jfif": {"jpeg"},
    "png": {"png"},
    "gif": {"gif"},
    "bmp": {"bmp"},
    "tif": {"tiff"},
    "tiff": {"tiff"},
    "webp": {"webp"},
    "heic": {"heic"},
    "heif": {"heic"},
    "pdf": {"pdf"},
    "docx": {"zip"},
    "xlsx": {"zip"},
    "pptx": {"zip"},
    "zip": {"zip"},
    "ofd": {"zip"},
    "odt": {"zip"},
    "ods": {"zip"},
    "wps": {"ole", "zip"},
    "et": {"ole", "zip"},
    "doc": {"ole"},
    "xls": {"ole"},
    "ppt": {"ole"},
    "msg": {"ole"},
    "rar": {"rar"},
    "7z": {"7z"},
    "gz": {"gzip"},
    "mp4": {"mp4"},
    "mov": {"mp4"},
    "m4a": {"mp4"},
    "txt": {"text"},
    "csv": {"text"},
    "md": {"text"},
    "log": {"text"},
    "json": {"text"},
    "xml": {"text"},
}


def sniff(head: bytes) -> str | None:
    """The kind of file these first bytes start, or None when unknown."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM") and len(head) >= 14:
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return "heic" if brand in (b"heic", b"heix", b"mif1", b"msf1", b"hevc") else "mp4"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"MZ"):
        return "exe"
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
    ):
        return "macho"
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "text"
        except UnicodeDecodeError:
            # Cut in the middle of a multi-byte character, or GBK text: still text.
            if all(b >= 0x09 for b in head):
                return "text"
    return None


def check_content(filename: str, head: bytes) -> str | None:
    """Raise AttachmentRefused when ``head`` contradicts ``filename``; return the sniffed kind."""
    ext = Path(filename).suffix.lower().lstrip(".")
    kind = sniff(head)
    if not head:
        raise AttachmentRefused(f"{filename} is empty", "attachment.empty", filename, ext)
    if kind in EXECUTABLE_KINDS or ext in EXECUTABLE_EXTENSIONS:
        raise AttachmentRefused(
            f"{filename} is a program, not evidence",
            "attachment.executable",
            filename,
            ext,
            kind or ext,
        )
    expected = EXPECTED_KINDS.get(ext)
    if expected is not None and kind is not None and kind not in expected:
        raise AttachmentRefused(
            f"{filename} says .{ext} but its content is {kind}",
            "attachment.type_mismatch",
            filename,
            ext,
            kind,
        )
    if expected is not None and kind is None and "text" in expected:
        raise AttachmentRefused(
            f"{filename} says .{ext} but is not text",
            "attachment.type_mismatch",
            filename,
            ext,
            "binary",
        )
    if expected is not None and kind is None and expected & (PHOTO_KINDS | {"pdf"}):
        # A .jpg/.pdf whose signature we cannot recognise is not what it says either.
        raise AttachmentRefused(
            f"{filename} is not a valid .{ext} file",
            "attachment.type_mismatch",
            filename,
            ext,
            "unknown",
        )
    return kind


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    media_type: str
    is_photo: bool
    captured_at: dt.datetime | None
    path: Path
    already_stored: bool


class AttachmentStore:
    """The store folder of one database."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def beside(cls, database_path: Path) -> AttachmentStore:
        """``<db dir>/<db stem>-files``."""
        database_path = Path(database_path)
        return cls(database_path.parent / f"{database_path.stem}-files")

    @classmethod
    def for_session(cls, session: Any) -> AttachmentStore | None:
        """The store of the session's database: beside a SQLite file; for a server database
        (PostgreSQL) the folder in ``$AUDITDESK_FILES``, else the CB setting ``storage.files_root``
        (a shared folder every AuditDesk of the office mounts); None when neither is set."""
        from sqlalchemy import select

        from auditdesk.model.settings import CBSetting

        bind = session.get_bind()
        url = getattr(bind, "url", None) or bind.engine.url
        if url.get_backend_name() == "sqlite":
            return (
                cls.beside(Path(url.database))
                if url.database and url.database != ":memory:"
                else None
            )
        if os.environ.get(FILES_ENV):
            return cls(Path(os.environ[FILES_ENV]).expanduser())
        root = session.scalar(select(CBSetting.value).where(CBSetting.key == FILES_SETTING))
        return cls(Path(str(root)).expanduser()) if root else None

    def path_of(self, sha256: str) -> Path:
        sha256 = sha256.lower()
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:]

    def contains(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        return self.path_of(sha256).open("rb")

    def put(
        self, source: Path | str, filename: str | None = None, *, local_tz: dt.tzinfo | None = None
    ) -> StoredFile:
        """Check, hash and copy ``source`` into the store (streamed); return what was stored."""
        source = Path(source)
        filename = filename or source.name
        try:
            fh = source.open("rb")
        except OSError as exc:
            raise AttachmentRefused(
                f"cannot read {source}: {exc.strerror or exc}", "attachment.unreadable", str(source)
            ) from exc
        with fh:  # errors while writing the store (disk full) are the store's, not "unreadable"
            return self.put_stream(fh, filename, local_tz=local_tz)

    def put_bytes(
        self, data: bytes, filename: str, *, local_tz: dt.tzinfo | None = None
    ) -> StoredFile:
        """For small in-memory content (a pasted screenshot)."""
        import io

        return self.put_stream(io.BytesIO(data), filename, local_tz=local_tz)

    def put_stream(
        self, fh: BinaryIO, filename: str, *, local_tz: dt.tzinfo | None = None
    ) -> StoredFile:
        head = fh.read(SNIFF_BYTES)
        kind = check_content(filename, head)
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="in-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in _chunks(head, fh):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path_of(sha)
            already = final.is_file() and final.stat().st_size == size
            if already:
                tmp.unlink()
            else:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, final)
                _fsync_dir(final.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        is_photo = kind in PHOTO_KINDS
        captured = exif_capture_time(final, local_tz) if is_photo else None
        media = MEDIA_TYPES.get(kind or "", "application/octet-stream")
        return StoredFile(sha, size, media, is_photo, captured, final, already)

    def verify(self, sha256: str) -> bool:
        """True when the stored file still hashes to its name."""
        digest = hashlib.sha256()
        with self.open(sha256) as fh:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                digest.update(chunk)
        return digest.hexdigest() == sha256.lower()

    def export(self, sha256: str, target: Path) -> Path:
        """Copy a stored file out (streamed), e.g. for "Save as..." or a package."""
        with self.open(sha256) as src, Path(target).open("wb") as dst:
            shutil.copyfileobj(src, dst, CHUNK)
        return Path(target)


def _chunks(head: bytes, fh: BinaryIO) -> Iterator[bytes]:
    if head:
        yield head
    while True:
        chunk = fh.read(CHUNK)
        if not chunk:
            return
        yield chunk


_fsync_dir = platform.fsync_dir  # Windows cannot fsync a folder; NTFS journals renames.


_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 36867
_OFFSET_TIME_ORIGINAL = 36881
_DATETIME = 306


def exif_capture_time(path: Path, local_tz: dt.tzinfo | None = None) -> dt.datetime | None:
    """When the photo was taken, from EXIF, as an aware UTC datetime; None when absent.

    Cameras write local wall-clock time; ``OffsetTimeOriginal`` gives its zone when present,
    otherwise ``local_tz`` (default: this computer's zone — the auditor's laptop is where
    the phone's photos were taken).
    """
    try:
        from PIL import Image

        with Image.open(path) as img:  # lazy: reads headers, not pixels
            exif = img.getexif()
            sub = exif.get_ifd(_EXIF_IFD)
            raw = sub.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
            offset = sub.get(_OFFSET_TIME_ORIGINAL)
    except Exception:  # noqa: BLE001 — a damaged photo still stores; it just has no capture time
        return None
    if not raw:
        return None
    try:
        naive = dt.datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    tz: dt.tzinfo | None = None
    if offset:
        try:
            sign = -1 if str(offset).startswith("-") else 1
            hh, mm = str(offset).lstrip("+-").split(":")[:2]
            tz = dt.timezone(sign * dt.timedelta(hours=int(hh), minutes=int(mm)))
        except ValueError:
            tz = None
    if tz is None:
        tz = local_tz or dt.datetime.now().astimezone().tzinfo
    return naive.replace(tzinfo=tz).astimezone(dt.UTC)
