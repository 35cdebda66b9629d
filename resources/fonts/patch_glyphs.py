"""Fill the glyphs WenQuanYi Micro Hei ships empty: ``python resources/fonts/patch_glyphs.py``.

WenQuanYi Micro Hei 0.2.0-beta maps ℃ (U+2103), ℉ (U+2109) and the Roman numerals Ⅴ (U+2164)
and Ⅹ (U+2169) to glyphs with no outline, so
"工艺卡210℃" showed as "工艺卡210 " on screen and in the issued PDF, although the font draws
every other character a Chinese technical text uses (tests/test_fonts.py checks the list).
This script gives those code points composite glyphs built from the font's own "°" and
"C"/"F"/"V"/"X" outlines, full-width like the CJK characters around them, in both faces of the
collection. It changes nothing else and does nothing on an already patched file.

The Apache License 2.0 the font is used under permits modified versions; the change is
recorded in README.md beside the font.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

FONT = Path(__file__).resolve().parent / "wqy-microhei.ttc"
# code point → (component glyph name, x offset) in font units (2048 per em)
COMPOSITES: dict[int, tuple[tuple[str, int], ...]] = {
    0x2103: (("degree", 80), ("C", 840)),  # ℃
    0x2109: (("degree", 80), ("F", 900)),  # ℉
    0x2164: (("V", 442),),  # Ⅴ, centred in the full width like Ⅳ and Ⅵ
    0x2169: (("X", 464),),  # Ⅹ
}
FULL_WIDTH = 2048


def is_empty(font: TTFont, glyph_name: str) -> bool:
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[glyph_name].draw(pen)
    return pen.bounds is None


def patch(path: Path = FONT) -> list[str]:
    collection = TTCollection(str(path))
    first = collection.fonts[0]
    # The Mono face shares glyf/loca/hmtx with the proportional face in the file. Patch the
    # first face only, then let every face that shared those tables share the patched ones
    # (with the first face's glyph names, so composites point at the same glyphs), so the
    # file keeps one copy of the outlines.
    sharing = [
        font
        for font in collection.fonts[1:]
        if all(
            font.reader.tables[tag].offset == first.reader.tables[tag].offset
            for tag in ("glyf", "loca", "hmtx")
        )
    ]
    cmap = first.getBestCmap()
    glyf = first["glyf"]
    done: list[str] = []
    for code, parts in COMPOSITES.items():
        name = cmap.get(code)
        if name is None or not is_empty(first, name):
            continue
        pen = TTGlyphPen(first.getGlyphSet())
        for component, dx in parts:
            pen.addComponent(component, (1, 0, 0, 1, dx, 0))
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        glyf[name] = glyph
        first["hmtx"][name] = (FULL_WIDTH, glyph.xMin)
        done.append(f"U+{code:04X}")
    if not done:
        return done
    for font in sharing:
        font.setGlyphOrder(first.getGlyphOrder())
        for tag in ("glyf", "loca", "hmtx"):
            font[tag] = first[tag]
    tmp = path.with_suffix(".part")
    collection.save(str(tmp))
    tmp.replace(path)
    return done


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else FONT
    changed = patch(target)
    print("\n".join(changed) if changed else "nothing to patch")
