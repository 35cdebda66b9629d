"""``auditdesk export``: every document from the command line, exit codes and JSON output."""

from __future__ import annotations

import json
import zipfile

import pytest
from openpyxl import load_workbook

from auditdesk.cli import main


@pytest.fixture
def demo_db(database, db_url, tmp_path):
    from auditdesk.model import Role
    from auditdesk.services.users import create_user
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=12, photos=2)
        create_user(s, "lena", "lead-pass-1", Role.LEAD, "Lena Lead")
        create_user(s, "alice", "auditor-pass-1", Role.AUDITOR)
    database.close()
    return db_url.removeprefix("sqlite:///"), demo


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_pdf_and_docx(capsys, demo_db, tmp_path):
    db, demo = demo_db
    code, out, err = run(
        capsys,
        "report",
        "--audit",
        demo.number,
        "--format",
        "pdf",
        "--lang",
        "bilingual",
        "--db",
        db,
        "--out",
        str(tmp_path / "r.pdf"),
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert (
        data["file"].endswith("r.pdf")
        and len(data["sha256"]) == 64
        and len(data["fingerprint"]) == 64
    )
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    code, out, err = run(
        capsys,
        "report",
        "--audit",
        str(demo.audit_id),
        "--db",
        db,
        "--out",
        str(tmp_path / "r.docx"),
    )
    assert code == 0, err
    assert "written" in out
    assert zipfile.is_zipfile(tmp_path / "r.docx")
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left behind


def test_issue_needs_a_signed_in_lead(capsys, demo_db, tmp_path, monkeypatch):
    db, demo = demo_db
    args = ["report", "--audit", demo.number, "--issue", "--db", db]
    code, _out, err = run(capsys, *args, "--out", str(tmp_path / "a.pdf"))
    assert code == 2 and "--user" in err and len(err.strip().splitlines()) == 1
    monkeypatch.setenv("AUDITDESK_PASSWORD", "auditor-pass-1")
    code, _out, err = run(capsys, *args, "--user", "alice", "--out", str(tmp_path / "b.pdf"))
    assert code == 1 and "lead" in err
    monkeypatch.setenv("AUDITDESK_PASSWORD", "not-her-password")
    code, _out, err = run(capsys, *args, "--user", "lena", "--out", str(tmp_path / "c.pdf"))
    assert code == 1 and "sign-in refused" in err
    assert not any((tmp_path / n).exists() for n in ("a.pdf", "b.pdf", "c.pdf"))
    from auditdesk.services import report_issue
    from auditdesk.services.setup import open_database

    database = open_database(f"sqlite:///{db}")
    with database.session() as s:
        assert report_issue.latest_revision(s, demo.audit_id) is None
    database.close()


def test_issue_records_the_revision_and_the_file_hash(capsys, demo_db, tmp_path, monkeypatch):
    db, demo = demo_db
    args = ["report", "--audit", demo.number, "--format", "pdf", "--issue", "--db", db]
    monkeypatch.setenv("AUDITDESK_PASSWORD", "lead-pass-1")
    # As a lead without a reason: refused with the blocking list in words.
    code, _out, err = run(capsys, *args, "--user", "lena", "--out", str(tmp_path / "r0.pdf"))
    assert code == 1 and "block the issue" in err and "缺少末次会议签到照片" in err
    assert "[check_in.closing_missing]" in err and not (tmp_path / "r0.pdf").exists()
    code, out, err = run(
        capsys,
        *args,
        "--user",
        "lena",
        "--override-reason",
        "客户要求尽快出具",
        "--out",
        str(tmp_path / "r1.pdf"),
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["revision"] == 1 and data["code"].startswith(f"{demo.number}-R1-")
    from auditdesk.services import report_issue
    from auditdesk.services.setup import open_database

    database = open_database(f"sqlite:///{db}")
    with database.session() as s:
        rev = report_issue.latest_revision(s, demo.audit_id)
        kept = {(f["format"], f["lang"]): f["sha256"] for f in rev.files}
        assert kept[("pdf", "zh")] == data["sha256"] and len(kept) == 6
        assert (
            rev.override_reason == "客户要求尽快出具" and rev.issued_by == "lena"
        )  # the signed-in lead, not "system"
    database.close()
    code, _out, err = run(
        capsys, *args, "--user", "lena", "--override-reason", "x", "--out", str(tmp_path / "r2.pdf")
    )
    assert code == 1 and "already issued" in err
    # A later export returns the archived file.
    code, out, _err = run(
        capsys, "report", "--audit", demo.number, "--db", db, "--out", str(tmp_path / "r3.pdf")
    )
    assert code == 0 and (tmp_path / "r3.pdf").read_bytes() == (tmp_path / "r1.pdf").read_bytes()


def test_check_lists_the_blockers(capsys, demo_db, tmp_path):
    db, demo = demo_db
    code, out, _err = run(
        capsys,
        "report",
        "--audit",
        demo.number,
        "--check",
        "--lang",
        "en",
        "--db",
        db,
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 1 and "the team has not judged whether the scope is appropriate" in out


def test_plan_nc_form_and_case(capsys, demo_db, tmp_path):
    db, demo = demo_db
    for args in (
        ["plan", "--audit", demo.number, "--out", str(tmp_path / "plan.docx")],
        ["plan", "--audit", demo.number, "--format", "pdf", "--out", str(tmp_path / "plan.pdf")],
        [
            "nc-form",
            "--nc",
            demo.nc_numbers[0],
            "--format",
            "docx",
            "--out",
            str(tmp_path / "nc.docx"),
        ],
        [
            "nc-form",
            "--nc",
            demo.nc_numbers[0],
            "--format",
            "pdf",
            "--lang",
            "en",
            "--out",
            str(tmp_path / "nc.pdf"),
        ],
        ["case", "--audit", demo.number, "--out", str(tmp_path / "case.docx")],
    ):
        code, _out, err = run(capsys, *args, "--db", db)
        assert code == 0, (args, err)
    assert {p.name for p in tmp_path.iterdir()} >= {
        "plan.docx",
        "plan.pdf",
        "nc.docx",
        "nc.pdf",
        "case.docx",
    }


def test_schedule(capsys, demo_db, tmp_path):
    db, _demo = demo_db
    code, out, err = run(
        capsys,
        "schedule",
        "--year",
        "2026",
        "--as-of",
        "2026-06-01",
        "--lang",
        "en",
        "--db",
        db,
        "--out",
        str(tmp_path / "s.xlsx"),
        "--json",
    )
    assert code == 0, err
    assert (
        json.loads(out)["rows"] == 1
    )  # the demo certificate's first surveillance (latest 2026-03-15)
    ws = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "certificate_no" and rows[1][5] == "surveillance_1"


@pytest.mark.parametrize(
    "args, message",
    [
        (["report", "--audit", "2099-9999", "--out", "{tmp}/x.pdf"], "no audit"),
        (["nc-form", "--nc", "NC-NOPE", "--out", "{tmp}/x.pdf"], "no nonconformity"),
    ],
)
def test_unknown_records_exit_1(capsys, demo_db, tmp_path, args, message):
    db, _demo = demo_db
    code, _out, err = run(capsys, *[a.format(tmp=tmp_path) for a in args], "--db", db)
    assert code == 1 and message in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["report", "--audit", "2026-0031", "--out", "{tmp}/x.txt"], "--format"),
        (["schedule", "--year", "twenty", "--out", "{tmp}/x.xlsx"], "--year"),
        (
            ["schedule", "--year", "2027", "--as-of", "2027-02-30", "--out", "{tmp}/x.xlsx"],
            "--as-of",
        ),
        (["schedule", "--year", "2027", "--out", "{tmp}/x.csv"], "xlsx"),
        (["report", "--audit", "2026-0031", "--out", "{tmp}/missing/x.pdf"], "does not exist"),
    ],
)
def test_bad_usage_exits_2(capsys, demo_db, tmp_path, args, message):
    db, _demo = demo_db
    code, _out, err = run(capsys, *[a.format(tmp=tmp_path) for a in args], "--db", db)
    assert code == 2 and message in err, err


def test_export_lists_the_exchange_subcommands(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    for name in ("report", "plan", "nc-form", "case", "schedule"):
        assert name in out
