"""Regenerate the translations: ``python resources/translations/update.py``.

1. ``pyside6-lupdate`` scans ``auditdesk/ui`` (every ``tr()``/``translate()``/
   ``QT_TRANSLATE_NOOP``) into ``auditdesk_zh_CN.ts`` and ``auditdesk_en.ts``;
2. zh_CN translations come from ``zh_CN.json`` (source text → Chinese; other UI parts may add
   their own ``zh_CN.<part>.json`` files next to it); English messages translate to themselves;
3. ``pyside6-lrelease`` compiles the ``.qm`` files the app loads;
4. the catalogue of words for codes (``resources/words/catalogue.json``: states, types, roles,
   reasons — shared by screens and documents, read directly by ``auditdesk/catalogue.py``, not
   through the .ts files) is checked: every code has a Chinese and an English text.
Strings without a translation are reported (and stay "unfinished" in the .ts) — the run exits 1.

The catalogue's words do not go through Qt Linguist on purpose: Qt looks a translation up by
its English source text, and update.py's glossary maps one English text to one Chinese, so two
codes that share an English word could not differ in Chinese, and the documents (which do not
run Qt) would need a second copy of every word — the copy that used to disagree with the screen.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def glossary() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(HERE.glob("zh_CN*.json")):
        out.update(json.loads(path.read_text(encoding="utf-8")))
    return out


def fill(ts: Path, lang: str, words: dict[str, str]) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        ctx_name = context.findtext("name")
        for msg in context.iter("message"):
            source = msg.findtext("source") or ""
            trans = msg.find("translation")
            assert trans is not None
            numerus = msg.get("numerus") == "yes"
            text = source if lang == "en" else words.get(source)
            if text is None:
                missing.append(f"{ctx_name}: {source!r}")
                trans.set("type", "unfinished")
                continue
            trans.attrib.pop("type", None)
            for child in list(trans):
                trans.remove(child)
            if numerus:
                trans.text = None
                forms = [text, text] if lang == "en" else [text]
                for form in forms:
                    ET.SubElement(trans, "numerusform").text = form
            else:
                trans.text = text
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def check_catalogue() -> list[str]:
    """Every code in the catalogue has a Chinese text (with Chinese in it) and an English one."""
    data = json.loads((ROOT / "resources" / "words" / "catalogue.json").read_text("utf-8"))
    problems = []
    for group, entries in data.items():
        for code, entry in entries.items():
            zh, en = entry.get("zh", ""), entry.get("en", "")
            if not en.strip() or not any("\u4e00" <= ch <= "\u9fff" for ch in zh):
                problems.append(f"catalogue: {group}.{code} needs both zh and en: {entry!r}")
    return problems


def main() -> int:
    words = glossary()
    problems = check_catalogue()
    for lang in ("zh_CN", "en"):
        ts = HERE / f"auditdesk_{lang}.ts"
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-silent",
                "-no-obsolete",
                "-extensions",
                "py",
                "-locations",
                "none",
                str(ROOT / "auditdesk" / "ui"),
                "-source-language",
                "en",
                "-target-language",
                lang,
                "-ts",
                str(ts),
            ],
            check=True,
            cwd=ROOT,
        )
        missing = fill(ts, lang, words)
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
        )
        if missing:
            problems.append(f"{lang}: {len(missing)} untranslated")
            for m in missing:
                print(f"untranslated ({lang}) {m}")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
