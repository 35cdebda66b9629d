"""Real files for the reference dataset's attachments, written into the database's store.

A pool of small files (scanned records as PDF, phone photos as JPEG) shared by the 50 000
attachment records, and the report audit's own 40 photos at phone-photo size. Everything is
deterministic for the seed (ReportLab in invariant mode, Pillow JPEG with fixed EXIF).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from pathlib import Path

from auditdesk.storage.attachments import AttachmentStore

SCENES = ("workshop", "warehouse", "outdoor", "meeting")
CHINA = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class PoolFile:
    sha256: str
    filename: str
    media_type: str
    size: int
    is_photo: bool
    captured_at: dt.datetime | None = None


def _scan_pdf(title: str, lines: list[str]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from auditdesk.paths import cjk_font_path

    if "BenchCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchCJK", str(cjk_font_path()), subfontIndex=0))
    out = io.BytesIO()
    c = canvas.Canvas(out, invariant=1)
    c.setFont("BenchCJK", 16)
    c.drawString(72, 760, title)
    c.setFont("BenchCJK", 10)
    for i, line in enumerate(lines):
        c.drawString(72, 730 - 16 * i, line)
    c.showPage()
    c.save()
    return out.getvalue()


def make_file_pool(db: Path, count: int, rng: random.Random) -> list[PoolFile]:
    """``count`` distinct small files in the store: 80 % JPEG photos, 20 % one-page PDF scans."""
    from auditdesk.services.demo_photos import make_photo

    store = AttachmentStore.beside(db)
    pool = []
    for i in range(count):
        taken = dt.datetime(2025, 1, 1, 9) + dt.timedelta(hours=rng.randint(0, 20000))
        if i % 5 == 4:
            data = _scan_pdf(
                f"记录扫描件 {i:04d}",
                [
                    f"表单编号 QR-{rng.randint(1, 99):02d}-{rng.randint(1, 999):03d}",
                    f"日期 {taken:%Y-%m-%d}",
                    "审核人签字：＿＿＿＿",
                ],
            )
            name, media, photo = f"SCAN_{i:04d}.pdf", "application/pdf", False
        else:
            data = make_photo(f"现场记录 {i:04d}", rng.choice(SCENES), taken, rng, size=(480, 360))
            name, media, photo = f"IMG_{i:04d}.jpg", "image/jpeg", True
        stored = store.put_bytes(data, name)
        pool.append(
            PoolFile(
                stored.sha256,
                name,
                media,
                stored.size,
                photo,
                taken.replace(tzinfo=CHINA).astimezone(dt.UTC) if photo else None,
            )
        )
    return pool


def make_report_photos(
    db: Path, count: int, rng: random.Random, day: dt.date, size: tuple[int, int] = (1600, 1200)
) -> list[PoolFile]:
    """The report audit's photos: distinct JPEGs taken through the audit day."""
    from auditdesk.services.demo_photos import make_photo

    store = AttachmentStore.beside(db)
    photos = []
    for i in range(count):
        taken = dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(minutes=12 * i)
        data = make_photo(f"现场照片 {i + 1:02d}", SCENES[i % len(SCENES)], taken, rng, size=size)
        name = f"IMG_{taken:%Y%m%d_%H%M%S}.jpg"
        stored = store.put_bytes(data, name)
        photos.append(
            PoolFile(
                stored.sha256,
                name,
                "image/jpeg",
                stored.size,
                True,
                taken.replace(tzinfo=CHINA).astimezone(dt.UTC),
            )
        )
    return photos
