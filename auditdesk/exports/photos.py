"""Photos for documents: turned upright (EXIF), downscaled and re-encoded with Pillow.

A 12-megapixel phone photo is 4-8 MB; a report prints it at most ``PRINT_WIDTH_MM`` wide (two
photos side by side on A4: 83 mm in the PDF, 78 mm in Word; portrait photos are printed
smaller). ``MAX_PIXELS`` on the long side gives at least ``PRINT_DPI`` there, which is print
quality for a photo on an office printer, and keeps a report with dozens of photos small
enough to e-mail.

Speed: a JPEG is decoded straight at 1/2, 1/4 or 1/8 scale (``Image.draft``: libjpeg scales
while decoding) whenever that still leaves at least ``MAX_PIXELS``, so a 1600 x 1200 photo is
never decoded whole nor resampled, and a 4000 x 3000 one is decoded at 1000 x 750 and resampled
from there. The EXIF orientation is applied after that decode (it only swaps the axes).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

PRINT_DPI = 240
PRINT_WIDTH_MM = 83.0
MAX_PIXELS = 800  # >= PRINT_WIDTH_MM / 25.4 * PRINT_DPI (784)
JPEG_QUALITY = 80


@dataclass(frozen=True)
class PreparedPhoto:
    data: bytes  # JPEG
    width: int
    height: int


def draft_request(size: tuple[int, int], max_pixels: int) -> tuple[int, int]:
    """What to ask ``Image.draft`` for: it picks the largest reduction whose result is at least
    the request, so asking for ``max_pixels`` on the long side (and 1 on the other) keeps the
    long side >= ``max_pixels`` whatever the proportions."""
    w, h = size
    return (min(w, max_pixels), 1) if w >= h else (1, min(h, max_pixels))


# One render asks for the same photo more than once (the PDF's two layout passes, an evidence
# item's photo and the photo annex); the store's files are content-addressed, so a path's
# photo never changes.
@functools.lru_cache(maxsize=128)
def prepare_photo(path: Path, max_pixels: int = MAX_PIXELS) -> PreparedPhoto | None:
    """The photo upright, its long side at most ``max_pixels``, as a JPEG without metadata;
    None when it cannot be read as an image."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as original:
            if original.format == "JPEG":
                # Before exif_transpose, which decodes the image (in the stored orientation).
                original.draft(None, draft_request(original.size, max_pixels))
            img: Image.Image = ImageOps.exif_transpose(original)
            img.thumbnail((max_pixels, max_pixels), Image.Resampling.LANCZOS)
            if img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            out = io.BytesIO()
            # No EXIF is written back: GPS and device data of the original stay in the store.
            img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            return PreparedPhoto(out.getvalue(), img.width, img.height)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
