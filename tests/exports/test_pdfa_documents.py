"""``--pdfa`` for the audit plan and the NC form, like the report and the certificate: the
PDF passes the PDF/A-2b structure checks (tests/exports/pdfa_helpers.py); without it the
same document does not; ``--pdfa`` with Word is refused and writes nothing."""

from __future__ import annotations

import pytest

from auditdesk.cli import main
from tests.exports.pdfa_helpers import pdfa_problems


@pytest.fixture
def demo(database, tmp_path):
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        return build_demo_audit(s, tmp_path / "photos", evidence_count=12, photos=2)


@pytest.mark.parametrize("lang", ["zh", "bilingual"])
def test_the_plan_as_pdfa(db_url, demo, tmp_path, lang):
    args = ["export", "plan", "--db", db_url, "--audit", demo.number, "--lang", lang]
    plain, archive = tmp_path / "plan.pdf", tmp_path / "plan-a.pdf"
    assert main([*args, "--out", str(plain)]) == 0
    assert main([*args, "--pdfa", "--out", str(archive)]) == 0
    assert pdfa_problems(archive) == []
    assert any("PDF/A-2b" in p for p in pdfa_problems(plain))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_nc_form_as_pdfa(db_url, demo, tmp_path, lang):
    args = ["export", "nc-form", "--db", db_url, "--nc", demo.nc_numbers[0], "--lang", lang]
    plain, archive = tmp_path / "nc.pdf", tmp_path / "nc-a.pdf"
    assert main([*args, "--out", str(plain)]) == 0
    assert main([*args, "--pdfa", "--out", str(archive)]) == 0
    assert pdfa_problems(archive) == []
    assert any("PDF/A-2b" in p for p in pdfa_problems(plain))


@pytest.mark.parametrize("what", ["plan", "nc-form"])
def test_pdfa_with_word_is_refused(db_url, demo, tmp_path, what):
    ref = ["--audit", demo.number] if what == "plan" else ["--nc", demo.nc_numbers[0]]
    out = tmp_path / "x.docx"
    assert main(["export", what, "--db", db_url, *ref, "--pdfa", "--out", str(out)]) == 2
    assert not out.exists()
