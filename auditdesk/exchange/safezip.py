"""Guards for ZIP containers from outside (workbooks, offline packages): refuse path tricks,
links and decompression bombs before anything is extracted."""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

MAX_ENTRY_BYTES = 4 * 1024**3
MAX_TOTAL_BYTES = 16 * 1024**3
# Real documents and photos compress far less than this; bombs compress 1000:1 and more.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024  # small entries may compress well (repetitive XML)


def unsafe_name(name: str) -> str | None:
    """Why an entry name is unsafe (absolute, drive, traversal, odd characters), or None."""
    if not name or "\x00" in name or "\\" in name:
        return "unsafe_path"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "unsafe_path"
    parts = PurePosixPath(name).parts
    if any(p in ("..", "") for p in parts):
        return "unsafe_path"
    return None


def is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def check_entries(
    zf: zipfile.ZipFile,
    refuse: Callable[[str, str], Exception],
    *,
    max_entry: int = MAX_ENTRY_BYTES,
    max_total: int = MAX_TOTAL_BYTES,
) -> dict[str, zipfile.ZipInfo]:
    """Every entry by name after the checks; ``refuse(reason, entry)`` builds the error raised."""
    seen: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in zf.infolist():
        name = info.filename
        reason = unsafe_name(name)
        if reason:
            raise refuse(reason, name)
        if is_link(info):
            raise refuse("link_in_archive", name)
        if name in seen:
            raise refuse("duplicate_entry", name)
        if info.file_size > max_entry:
            raise refuse("too_large", name)
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise refuse("compression_bomb", name)
        total += info.file_size
        if total > max_total:
            raise refuse("too_large", name)
        seen[name] = info
    return seen


def read_limited(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    refuse: Callable[[str, str], Exception],
    chunk: int = 1024 * 1024,
) -> Iterator[bytes]:
    """Yield an entry's bytes, refusing when it inflates beyond its declared size."""
    produced = 0
    with zf.open(info) as fh:
        while True:
            block = fh.read(chunk)
            if not block:
                break
            produced += len(block)
            if produced > info.file_size:
                raise refuse("size_mismatch", info.filename)
            yield block
    if produced != info.file_size:
        raise refuse("size_mismatch", info.filename)
