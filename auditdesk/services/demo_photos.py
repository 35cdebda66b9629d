"""Generated photos for the demo database: JPEGs with EXIF capture times and a caption.

Real auditors attach phone photos; the demo draws simple scenes (a workshop, a warehouse,
a meeting room) with Pillow so that thumbnails, reports and EXIF handling have real images.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from PIL import Image, ImageDraw, ImageFont

from auditdesk.paths import cjk_font_path

_PALETTES = {
    "workshop": ((196, 205, 214), (90, 110, 130), (230, 160, 40)),
    "warehouse": ((222, 214, 196), (140, 110, 70), (60, 120, 180)),
    "meeting": ((236, 236, 240), (120, 90, 60), (40, 90, 160)),
    "outdoor": ((170, 210, 240), (90, 140, 80), (200, 60, 50)),
}


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(cjk_font_path()), size, index=0)
    except OSError:
        return ImageFont.load_default()


def make_photo(
    caption: str,
    scene: str,
    taken_at: dt.datetime,
    rng: random.Random,
    size: tuple[int, int] = (1024, 768),
    gps: tuple[float, float] | None = None,
    offset: str | None = "+08:00",
) -> bytes:
    """A JPEG of a simple scene with ``caption``, EXIF DateTimeOriginal = ``taken_at`` (local
    wall-clock time) with OffsetTimeOriginal = ``offset`` (China Standard Time by default, as a
    phone in China writes it: without it the time would be read in the laptop's own zone) and,
    when given, EXIF GPS = ``gps`` (latitude, longitude)."""
    bg, structure, accent = _PALETTES.get(scene, _PALETTES["workshop"])
    img = Image.new("RGB", size, bg)
    draw = ImageDraw.Draw(img)
    w, h = size
    draw.rectangle([0, int(h * 0.72), w, h], fill=tuple(max(0, c - 40) for c in bg))
    for _ in range(rng.randint(3, 6)):
        x = rng.randint(20, w - 220)
        bw, bh = rng.randint(120, 260), rng.randint(120, 320)
        y = int(h * 0.72) - bh
        draw.rectangle([x, y, x + bw, y + bh], fill=structure, outline=(30, 30, 30), width=3)
        draw.rectangle([x + 15, y + 15, x + bw // 2, y + 50], fill=accent)
        if scene == "meeting":
            draw.ellipse([x + bw // 3, y - 60, x + bw // 3 + 50, y - 10], fill=(80, 60, 50))
    draw.rectangle([0, h - 90, w, h], fill=(20, 20, 20))
    draw.text((24, h - 75), caption[:40], font=_font(40), fill=(255, 255, 255))
    draw.text(
        (w - 330, 20), taken_at.strftime("%Y-%m-%d %H:%M"), font=_font(32), fill=(255, 200, 0)
    )
    exif = Image.Exif()
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = taken_at.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    if offset:
        exif_ifd[0x9011] = offset  # OffsetTimeOriginal
    exif[0x0110] = "AuditDesk demo camera"  # Model
    if gps is not None:
        gps_ifd = exif.get_ifd(0x8825)
        for ref_tag, tag, value, refs in ((1, 2, gps[0], "NS"), (3, 4, gps[1], "EW")):
            gps_ifd[ref_tag] = refs[0] if value >= 0 else refs[1]
            gps_ifd[tag] = _dms(abs(value))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=82, exif=exif)
    return out.getvalue()


def _dms(value: float) -> tuple[float, float, float]:
    from PIL.TiffImagePlugin import IFDRational

    d = int(value)
    m = int((value - d) * 60)
    sec = round((value - d - m / 60) * 3600, 2)
    return (IFDRational(d, 1), IFDRational(m, 1), IFDRational(int(sec * 100), 100))  # type: ignore[return-value]
