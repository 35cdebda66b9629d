"""Writing a document file safely: through a temporary file beside the target, then a rename,
so a failed export never leaves a half-written document where the user expects one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

# A cell starting with one of these is read as a formula by Excel or LibreOffice (OWASP CSV /
# formula injection): "=HYPERLINK(...)" in an organisation's name would become a live link.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def spreadsheet_value(ws: Any, value: Any) -> Any:
    """``value`` for an openpyxl (write-only) row: formula-looking text becomes a text cell
    with Excel's quote prefix (shown as typed, never evaluated, still text when edited);
    everything else unchanged. The exports' own formulas are written without this."""
    if not looks_like_formula(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary stream; on success the stream's bytes become ``target``."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
