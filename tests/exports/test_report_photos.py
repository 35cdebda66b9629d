"""Issue 20.4: evidence photos in the report. The auditor's choice, by default the photos on NC
evidence; each prints beside its finding (below its NC or its clause) with caption, place and
time, in the PDF and in Word."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from docx import Document as read_docx
from sqlalchemy import select

from auditdesk.exports import blocks as b
from auditdesk.exports.report_context import build_report_context
from auditdesk.exports.report_document import render_report, report_document
from auditdesk.model import Attachment, Nonconformity
from auditdesk.services import evidence as ev
from auditdesk.services.errors import ValidationFailed
from tests.exports.conftest import make_jpeg, needs_poppler, pdf_text


def _nc_photo(session, demo_audit, tmp_path):
    """A photo on the first NC's evidence, with no choice made (the default applies)."""
    nc = session.scalar(
        select(Nonconformity).where(Nonconformity.number == demo_audit.nc_numbers[0])
    )
    item = sorted(nc.evidence, key=lambda e: e.seq)[0]
    path = make_jpeg(tmp_path / "gauge.jpg", "gauge", hue=90)
    att = ev.attach_file(session, item.id, path, caption="游标卡尺 JL-012 无校准标识")
    att.captured_at = dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC)  # 10:30 China time
    session.flush()
    return nc, item, att


def test_photos_on_nc_evidence_go_in_by_default_and_the_auditor_decides(
    session, demo_audit, tmp_path
):
    nc, item, att = _nc_photo(session, demo_audit, tmp_path)
    assert not att.include_in_report and not att.report_excluded
    ctx = build_report_context(session, demo_audit.number, "zh")
    row = next(p for p in ctx.photos if p.sha256 == att.sha256)
    assert row.nc_numbers == (nc.number,) and row.evidence_seq == item.seq
    assert row.captured_at == dt.datetime(2026, 3, 2, 10, 30)  # EXIF time, local
    assert row.place == "总部及注塑车间 生产部" or row.place.startswith(("总部", "装配"))

    ev.set_photo_in_report(session, att.id, False)  # taken out by the auditor
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert att.sha256 not in {p.sha256 for p in ctx.photos}
    ev.set_photo_in_report(session, att.id, True)
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert att.sha256 in {p.sha256 for p in ctx.photos}


def test_a_photo_without_nc_is_out_until_chosen(session, demo_audit, tmp_path):
    nc_items = {e.id for n in session.scalars(select(Nonconformity)) for e in n.evidence}
    items = ev.list_evidence(session, demo_audit.audit_id)
    free = next(i for i in items if i.id not in nc_items)
    att = ev.attach_file(session, free.id, make_jpeg(tmp_path / "x.jpg", "x"), caption="仓库")
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert att.sha256 not in {p.sha256 for p in ctx.photos}
    ev.set_photo_in_report(session, att.id, True)
    ctx = build_report_context(session, demo_audit.number, "zh")
    row = next(p for p in ctx.photos if p.sha256 == att.sha256)
    assert row.nc_numbers == () and row.clauses == tuple(c.number for c in free.clauses)


def test_refusals_are_clear_and_change_nothing(session, demo_audit, tmp_path):
    check_in = session.scalar(select(Attachment).where(Attachment.check_in.is_not(None)))
    with pytest.raises(ValidationFailed) as err:
        ev.set_photo_in_report(session, check_in.id, False)
    assert err.value.errors == {"attachment": "check_in_photo"}
    assert check_in.include_in_report and not check_in.report_excluded
    items = ev.list_evidence(session, demo_audit.audit_id)
    doc = tmp_path / "minutes.txt"
    doc.write_text("会议纪要", encoding="utf-8")
    text_att = ev.attach_file(session, items[0].id, doc)
    with pytest.raises(ValidationFailed) as err:
        ev.set_photo_in_report(session, text_att.id, True)
    assert err.value.errors == {"attachment": "not_a_photo"}
    assert not text_att.include_in_report


def test_each_photo_prints_below_its_finding(session, demo_audit, tmp_path):
    nc, _item, att = _nc_photo(session, demo_audit, tmp_path)
    doc = report_document(build_report_context(session, demo_audit.number, "zh"))
    blocks = list(doc.blocks)
    heading_at = {x.text: i for i, x in enumerate(blocks) if isinstance(x, b.Heading)}
    at, photos = next(
        (i, x)
        for i, x in enumerate(blocks)
        if isinstance(x, b.Photos) and any(nc.number in p.caption for p in x.items)
    )
    assert heading_at["不符合项"] < at < heading_at["以往不符合项纠正措施的验证"]
    caption = next(p.caption for p in photos.items if "游标卡尺" in p.caption)
    # caption, then the finding it belongs to, place, EXIF time and the evidence cited
    assert f"\n{nc.number} · " in caption and "2026-03-02 10:30" in caption and " · E" in caption
    # the check-in photo stays in the photo section; every photo is printed exactly once
    section = blocks[heading_at["现场照片"] + 1]
    assert isinstance(section, b.Photos) and any("首次会议签到" in p.caption for p in section.items)
    printed = [p for x in blocks if isinstance(x, b.Photos) for p in x.items]
    numbers = sorted(int(p.caption.split("：")[0].removeprefix("图 ")) for p in printed)
    assert numbers == list(range(1, len(printed) + 1))


@needs_poppler
def test_pdf_and_word_carry_the_photo_with_caption_place_and_time(session, demo_audit, tmp_path):
    _nc, _item, _att = _nc_photo(session, demo_audit, tmp_path)
    ctx = build_report_context(session, demo_audit.number, "zh")
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    render_report(ctx, "pdf", pdf, invariant=True)
    render_report(ctx, "docx", docx, invariant=True)
    text = pdf_text(pdf)
    assert "游标卡尺 JL-012 无校准标识" in text and "2026-03-02 10:30" in text
    if shutil.which("pdfimages"):
        listing = subprocess.run(
            ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        # each photo once, plus the letterhead's logo: one image object drawn on every page
        objects = {tuple(line.split()[10:12]) for line in listing}
        assert len(objects) == len(ctx.photos) + 1 == demo_audit.photo_count + 2
    word = read_docx(str(docx))
    assert len(word.inline_shapes) == len(ctx.photos)
    paras = "".join(word.element.body.itertext())  # captions sit in the photo table's cells
    assert "游标卡尺 JL-012 无校准标识" in paras and "2026-03-02 10:30" in paras
