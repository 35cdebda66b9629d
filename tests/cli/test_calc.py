"""``auditdesk calc``: audit time, sampling and programme from the command line."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["calc", *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_audit_time_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "audit-time", "--scheme", "QMS", "--personnel", "50")
    assert (data["initial_days"], data["surveillance_days"], data["recertification_days"]) == (
        5,
        1.5,
        3.5,
    )
    assert data["table_row"] == {
        "personnel_from": 46,
        "personnel_to": 65,
        "category": "standard",
        "days": 5,
        "extrapolated": False,
    }
    assert data["rule"] == "IAF MD5:2023" and data["clause"]


def test_audit_time_with_complexity_and_audit_type(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "audit-time",
        "--scheme",
        "EMS",
        "--personnel",
        "50",
        "--complexity",
        "high",
        "--audit",
        "surveillance",
    )
    assert (data["category"], data["initial_days"], data["days"], data["audit"]) == (
        "high",
        8,
        2.5,
        "surveillance",
    )
    data = run_json(
        capsys, "audit-time", "--scheme", "OHSMS", "--personnel", "300", "--complexity", "low"
    )
    assert data["initial_days"] == 8


def test_audit_time_qms_has_one_column_whatever_the_complexity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(
        capsys, "audit-time", "--scheme", "QMS", "--personnel", "50", "--complexity", "high"
    )
    assert (data["category"], data["complexity"], data["initial_days"]) == ("standard", "high", 5)


def test_audit_time_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit-time", "--scheme", "QMS", "--personnel", "50")
    assert code == 0 and "46-65" in out and "surveillance" in out and "IAF MD5" in out


def test_sampling_16_sites(capsys: pytest.CaptureFixture[str]) -> None:
    sites = [
        run_json(capsys, "sampling", "--sites", "16", "--audit", a)["sites"]
        for a in ("initial", "surveillance", "recertification")
    ]
    assert sites == [4, 3, 4]


def test_sampling_not_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "sampling", "--sites", "16", "--audit", "surveillance", "--no-sampling")
    assert (data["sites"], data["method"]) == (5, "percent_per_surveillance")


def test_programme_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "programme",
        "--rule-set",
        "CNCA-QMS-01:2025",
        "--issue-date",
        "2026-03-15",
        "--surveillance-1-done",
        "2026-12-20",
        "--on",
        "2027-01-05",
    )
    entries = {e["type"]: e for e in data["entries"]}
    assert entries["surveillance_1"]["state"] == "done"
    assert (entries["surveillance_2"]["window_start"], entries["surveillance_2"]["latest"]) == (
        "2027-09-20",
        "2027-12-20",
    )
    assert entries["surveillance_2"]["state"] == "planned"
    assert entries["recertification"]["latest"] == "2029-03-14"
    assert (
        entries["surveillance_1"]["rule"] == "CNCA-QMS-01:2025"
        and entries["surveillance_1"]["clause"] == "§5.4.1.4"
    )
    assert data["status"]["code"] == "valid"


def test_programme_status_when_overdue(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "programme",
        "--rule-set",
        "CNCA-QMS-01:2025",
        "--issue-date",
        "2026-03-15",
        "--on",
        "2027-03-16",
    )
    assert data["status"]["code"] == "suspension_required"
    assert (data["status"]["rule"], data["status"]["clause"]) == ("CNCA-QMS-01:2025", "§5.4.1.4")
    assert data["entries"][0]["state"] == "overdue"


def test_programme_iso_restorable_with_expiry_and_decision(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(
        capsys,
        "programme",
        "--rule-set",
        "ISO17021-1:2015",
        "--issue-date",
        "2026-03-15",
        "--decision-date",
        "2026-03-01",
        "--expiry-date",
        "2029-03-14",
        "--surveillance-1-done",
        "2027-02-01",
        "--surveillance-2-done",
        "2028-01-10",
        "--on",
        "2029-04-01",
    )
    assert data["entries"][0]["latest"] == "2027-03-01"
    assert (data["status"]["code"], data["status"]["deadline"]) == ("restorable", "2029-09-14")


def test_programme_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "programme",
        "--rule-set",
        "CNCA-QMS-2016",
        "--issue-date",
        "2024-05-01",
        "--on",
        "2025-01-01",
    )
    assert code == 0
    for word in (
        "surveillance_1",
        "surveillance_2",
        "recertification",
        "window_start",
        "latest",
        "status: ",
    ):
        assert word in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["audit-time", "--scheme", "QMS", "--personnel", "-5"], "--personnel"),
        (["audit-time", "--scheme", "QMS", "--personnel", "abc"], "--personnel"),
        (["audit-time", "--scheme", "QMS", "--personnel", "0"], "--personnel"),
        (["audit-time", "--scheme", "FSMS", "--personnel", "5"], "--scheme"),
        (
            ["audit-time", "--scheme", "OHSMS", "--personnel", "5", "--complexity", "limited"],
            "--complexity",
        ),
        (["sampling", "--sites", "0", "--audit", "initial"], "--sites"),
        (["sampling", "--sites", "-1", "--audit", "initial"], "--sites"),
        (
            ["programme", "--rule-set", "CNCA-QMS-2099", "--issue-date", "2026-03-15"],
            "unknown rule set",
        ),
        (
            ["programme", "--rule-set", "CNCA-QMS-01:2025", "--issue-date", "2026-02-30"],
            "--issue-date",
        ),
        (
            [
                "programme",
                "--rule-set",
                "CNCA-QMS-01:2025",
                "--issue-date",
                "2026-03-15",
                "--on",
                "2026-13-01",
            ],
            "--on",
        ),
        (
            [
                "programme",
                "--rule-set",
                "CNCA-QMS-01:2025",
                "--issue-date",
                "2026-03-15",
                "--expiry-date",
                "2026-03-01",
            ],
            "--expiry-date",
        ),
    ],
)
def test_bad_values_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert out == ""


def test_bad_choices_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["calc", "sampling", "--sites", "3", "--audit", "special"])
    assert info.value.code == 2
