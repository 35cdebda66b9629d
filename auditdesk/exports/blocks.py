"""A small document model between the contexts and the format renderers.

Each document turns its context into a list of blocks once (``report_blocks``, ``plan_blocks``,
...); ``pdf_render`` and ``docx_render`` lay out any list of blocks. So the Word and the PDF
report say exactly the same thing, and a new document needs no renderer code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body | small | note


@dataclass(frozen=True)
class Fields:
    """Label | value rows."""

    pairs: tuple[tuple[str, str], ...]
    label_width: float = 0.3
    keep_rows: bool = False  # never split a row across a page (forms: the NC form)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative
    highlight: frozenset[int] = field(default_factory=frozenset)  # row indexes to shade
    keep_rows: bool = False  # never split a row across a page (forms: the NC form)


@dataclass(frozen=True)
class Photo:
    path: Path | None
    caption: str


@dataclass(frozen=True)
class Photos:
    items: tuple[Photo, ...]
    missing_text: str = ""


@dataclass(frozen=True)
class Box:
    """A labelled empty area for someone to write in (the client's NC response)."""

    label: str
    lines: int = 4


@dataclass(frozen=True)
class Signatures:
    """Signature blocks: (role, name already known or "") side by side."""

    parties: tuple[tuple[str, str], ...]
    signature_label: str
    date_label: str
    colon: str = ": "  # "：" in Chinese documents


@dataclass(frozen=True)
class Verification:
    """An issued document's verification code, the QR code's content and how to check it."""

    code: str
    payload: str
    hint: str = ""
    # The change log's chain head at issue ("chain #1234 3f9a0c1b2d4e5f60", #15 point 1): who
    # keeps a printed copy can tell later whether the database's history was rewritten.
    chain: str = ""


@dataclass(frozen=True)
class TocHere:
    """The table of contents goes here (long documents only)."""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = (
    Title
    | Heading
    | Para
    | Fields
    | Table
    | Photos
    | Box
    | Signatures
    | Verification
    | TocHere
    | PageBreak
)


@dataclass(frozen=True)
class Document:
    """What a renderer needs besides the blocks: letterhead lines and which template to use."""

    kind: str  # report | plan | nc_form | case (template file name)
    lang: str
    title: str
    header_left: str
    header_right: str
    blocks: tuple[Block, ...]
    toc: bool = False
    toc_title: str = ""
    # The CB's identity for the letterhead (exports.common.CBIdentity); None: header_left only.
    cb: Any = None
    # A visible "draft" watermark on every page; None: a report without a verification code
    # (not issued) is a draft, other documents are not.
    draft: bool | None = None

    @property
    def is_draft(self) -> bool:
        if self.draft is not None:
            return self.draft
        return self.kind == "report" and not any(isinstance(x, Verification) for x in self.blocks)
