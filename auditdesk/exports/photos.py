"""Photos for documents: turned upright (EXIF), downscaled and re-encoded with Pillow.

A 12-megapixel phone photo is 4-8 MB; printed 8 cm wide it needs ~1000 px. Downscaling keeps a
report with dozens of photos small enough to e-mail.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

MAX_PIXELS = 1000
JPEG_QUALITY = 80


@dataclass(frozen=True)
class PreparedPhoto:
    data: bytes  # JPEG
    width: int
    height: int


@functools.lru_cache(maxsize=64)
def prepare_photo(path: Path, max_pixels: int = MAX_PIXELS) -> PreparedPhoto | None:
    """The photo as a downscaled JPEG, or None when it cannot be read as an image."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as original:
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
