"""PDF/A-2b structure checks with pikepdf (no full validator such as veraPDF is installable
from the registries this project uses): XMP identification, metadata agreeing with the
document information, output intent with an RGB ICC profile, embedded fonts, printing
annotations, no encryption or JavaScript."""

from __future__ import annotations

import re
from pathlib import Path


def pdfa_problems(path: Path) -> list[str]:
    """The PDF/A-2b structure checks pikepdf can make (no full validator is in the registries)."""
    import pikepdf

    problems = []
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") != "B":
            problems.append(f"XMP does not declare PDF/A-2b: {meta.get('pdfaid:part')}")
        if meta.pdfa_status != "2B":
            problems.append(f"pdfa_status {meta.pdfa_status}")
        info = pdf.docinfo
        if str(meta.get("dc:title")) != str(info.get("/Title")):
            problems.append("dc:title differs from /Title")
        if str(meta.get("pdf:Producer")) != str(info.get("/Producer")):
            problems.append("pdf:Producer differs from /Producer")
        created = str(info.get("/CreationDate"))
        xmp_created = str(meta.get("xmp:CreateDate"))
        if re.sub(r"\D", "", created)[:14] != re.sub(r"\D", "", xmp_created)[:14]:
            problems.append(f"dates differ: {created} / {xmp_created}")
        if "/Metadata" not in pdf.Root or "/Filter" in pdf.Root.Metadata:
            problems.append("no metadata stream, or a compressed one")
        intents = pdf.Root.get("/OutputIntents")
        if not intents or intents[0].S != "/GTS_PDFA1":
            problems.append("no GTS_PDFA1 output intent")
        else:
            icc = intents[0].DestOutputProfile
            data = icc.read_bytes()
            if int(icc.N) != 3 or data[36:40] != b"acsp" or data[16:20] != b"RGB ":
                problems.append("the output intent's profile is not an RGB ICC profile")
        if "/Encrypt" in pdf.trailer or "/ID" not in pdf.trailer:
            problems.append("encrypted or without a file identifier")
        for n, page in enumerate(pdf.pages, start=1):
            for name, font in page.Resources.get("/Font", {}).items():
                desc = font.get("/FontDescriptor")
                if desc is None or not any(
                    k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    problems.append(f"page {n}: font {name} is not embedded")
            for annot in page.get("/Annots", []):
                if not int(annot.get("/F", 0)) & 4:
                    problems.append(f"page {n}: an annotation does not print")
        if "/JavaScript" in pdf.Root.get("/Names", {}):
            problems.append("JavaScript")
    return problems
