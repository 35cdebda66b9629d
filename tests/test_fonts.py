"""Every glyph a Chinese technical text uses is drawn, on screen and in the PDF (issue 20, 3).

The shipped font (resources/fonts/wqy-microhei.ttc) is the one the GUI registers as the CJK
fallback and the PDF embeds. WenQuanYi Micro Hei 0.2.0-beta shipped ℃ and ℉ as empty glyphs
("工艺卡210℃" printed as "工艺卡210 "); resources/fonts/patch_glyphs.py fills them. These tests
fail on an empty or missing glyph: in the font's outlines, through Qt's painter with the
GUI's font set-up, and in a rendered PDF page.
"""

from __future__ import annotations

import glob
import subprocess
from pathlib import Path

import pytest

from auditdesk.paths import cjk_font_path

ROOT = Path(__file__).resolve().parents[1]
SYMBOLS = (
    "℃℉±‰№°′″§×÷≤≥≠≈∑√∞µΩ"
    "①②③④⑤⑥⑦⑧⑨⑩⑴⑵⑶ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
    "，。、；：？！（）【】《》「」『』〔〕…—～·￥％＋－＝＜＞／＼"
    "０１２３４５６７８９ＡＢＣＸＹＺａｂｃ"
    "㎡㎥㎏㎎㎜㎝㎞"
)


def gb2312_hanzi() -> list[str]:
    """GB 2312 levels 1 and 2 (6 763 characters; GB 18030's level-1 set is the same)."""
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def seed_characters() -> list[str]:
    """The characters of the Chinese source documents (shared/seeds), private-use left out."""
    text = "".join(
        Path(p).read_text(encoding="utf-8")
        for p in glob.glob(str(ROOT.parent / "shared" / "seeds" / "*.txt"))
    )
    return sorted(
        {c for c in text if ord(c) > 127 and not c.isspace() and not 0xE000 <= ord(c) <= 0xF8FF}
    )


def test_the_font_draws_every_character_of_the_list():
    fonttools = pytest.importorskip("fontTools.ttLib")
    from fontTools.pens.boundsPen import BoundsPen

    collection = fonttools.TTCollection(str(cjk_font_path()))
    for font in collection.fonts:
        cmap = font.getBestCmap()
        glyphs = font.getGlyphSet()
        bad = []
        for ch in [*SYMBOLS, *gb2312_hanzi(), *seed_characters()]:
            name = cmap.get(ord(ch))
            if name is None:
                bad.append(f"{ch} U+{ord(ch):04X} missing")
                continue
            pen = BoundsPen(glyphs)
            glyphs[name].draw(pen)
            if pen.bounds is None:
                bad.append(f"{ch} U+{ord(ch):04X} empty")
        assert not bad, f"{font['name'].getDebugName(1)}: {bad}"


def ink(image) -> int:
    """Dark pixels of a Pillow image."""
    return sum(image.convert("L").histogram()[:128])


def test_the_pdf_prints_the_degree_celsius_sign(tmp_path):
    from PIL import Image
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("FontTestCJK", str(cjk_font_path()), subfontIndex=0))
    for ch in "℃℉±①":
        pdf = tmp_path / f"u{ord(ch):04x}.pdf"
        c = canvas.Canvas(str(pdf), pagesize=(100, 100))
        c.setFont("FontTestCJK", 60)
        c.drawString(10, 25, ch)
        c.save()
        subprocess.run(
            ["pdftoppm", "-png", "-r", "72", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
            check=True,
        )
        assert ink(Image.open(pdf.with_suffix(".png"))) > 50, f"{ch} prints nothing in the PDF"
