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


def test_audit_time_qms_refuses_a_complexity(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16 point 6: an option that does not apply is refused, not ignored (the IAF MD5 QMS
    table has one column)."""
    code, out, err = run(
        capsys, "audit-time", "--scheme", "QMS", "--personnel", "50", "--complexity", "high"
    )
    assert (code, out) == (2, "")
    assert "--complexity" in err and "one column" in err


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


# ---- issue 16 point 6: one engine for app and CLI -------------------------------------------


def _db(tmp_path, rule_sets=None, settings=None) -> str:
    from auditdesk.model import CBSetting, RuleSetRecord
    from auditdesk.services.setup import open_database

    db = str(tmp_path / "calc.sqlite3")
    database = open_database(f"sqlite:///{db}", create=True)
    with database.session() as s:
        for rid, data in (rule_sets or {}).items():
            s.add(RuleSetRecord(rule_set_id=rid, data=data))
        for key, value in (settings or {}).items():
            s.add(CBSetting(key=key, value=value))
    database.close()
    return db


PROGRAMME = ["programme", "--standard", "ISO 9001:2015", "--issue-date", "2025-03-15"]


def test_programme_by_standard_judges_each_entry_by_the_rule_in_force(capsys) -> None:
    """DOMAIN §3: issued 2025-03-15, S1 done 2026-03-01 → S2 latest 2027-03-01
    (CNCA-QMS-01:2025 §5.4.1.4, in force from 2026-01-01; issued under CNCA-QMS-2016)."""
    data = run_json(capsys, *PROGRAMME, "--surveillance-1-done", "2026-03-01", "--on", "2026-06-01")
    assert (data["rule_set"], data["override"]) == ("CNCA-QMS-2016", False)
    assert data["later_rule_sets"] == [{"from": "2026-01-01", "rule_set": "CNCA-QMS-01:2025"}]
    s2 = {e["type"]: e for e in data["entries"]}["surveillance_2"]
    assert (s2["latest"], s2["rule"], s2["clause"], s2["in_force_from"], s2["issued_under"]) == (
        "2027-03-01",
        "CNCA-QMS-01:2025",
        "§5.4.1.4",
        "2026-01-01",
        "CNCA-QMS-2016",
    )


def test_programme_rule_set_is_an_override_shown_as_such(capsys) -> None:
    """Issue 16 point 1: a manual rule-set override stays possible (2016 rule: 2027-06-01)."""
    data = run_json(
        capsys,
        "programme",
        "--rule-set",
        "CNCA-QMS-2016",
        "--issue-date",
        "2025-03-15",
        "--surveillance-1-done",
        "2026-03-01",
        "--on",
        "2026-06-01",
    )
    s2 = {e["type"]: e for e in data["entries"]}["surveillance_2"]
    assert (data["override"], s2["latest"], s2["override"]) == (True, "2027-06-01", True)


def test_programme_with_db_applies_the_rule_set_corrections_and_cb_settings(tmp_path, capsys):
    """Issue 16 point 6: --db reads the admin's RuleSetRecord corrections and CB settings through
    the same service functions as the app; without --db the shipped data."""
    db = _db(
        tmp_path,
        rule_sets={"CNCA-QMS-01:2025": {"first_surveillance_months": 10}},
        settings={"surveillance_window_months": 2},
    )
    args = ["programme", "--standard", "QMS", "--issue-date", "2026-03-15", "--on", "2026-06-01"]
    shipped = {e["type"]: e for e in run_json(capsys, *args)["entries"]}["surveillance_1"]
    assert (shipped["latest"], shipped["window_start"]) == ("2027-03-15", "2026-12-15")
    corrected = {e["type"]: e for e in run_json(capsys, *args, "--db", db)["entries"]}
    assert (corrected["surveillance_1"]["latest"], corrected["surveillance_1"]["window_start"]) == (
        "2027-01-15",
        "2026-11-15",
    )


def test_programme_with_db_gives_what_the_app_gives(tmp_path, capsys):
    """The CLI and the service give the same dates for the same facts and database."""
    import datetime as dt

    from auditdesk.services.certificates import CertificateData, create_certificate
    from auditdesk.services.clients import OrganisationData, create_organisation
    from auditdesk.services.programme import certificate_programme
    from auditdesk.services.setup import open_database

    db = _db(tmp_path, rule_sets={"CNCA-QMS-01:2025": {"interval_months": 11}})
    database = open_database(f"sqlite:///{db}")
    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="客户"))
        cert = create_certificate(
            s,
            CertificateData(
                number="Q-1",
                organisation_id=org.id,
                standard_key="ISO9001:2015",
                issue_date=dt.date(2025, 3, 15),
            ),
        )
        app = certificate_programme(s, cert.id, dt.date(2026, 6, 1)).programme
    database.close()
    data = run_json(capsys, *PROGRAMME, "--on", "2026-06-01", "--db", db)
    assert [(e["type"], e["latest"], e["rule"]) for e in data["entries"]] == [
        (e.kind.value, e.latest.isoformat(), e.basis.rule_id) for e in app.entries
    ]


def test_programme_restored_withdrawn_cancelled(capsys) -> None:
    """17021-1 9.6.5 / CNCA-QMS-01:2025: restored → valid again, withdrawn, cancelled."""
    base = ["programme", "--standard", "QMS", "--issue-date", "2026-03-15"]
    restored = run_json(
        capsys,
        *base,
        "--suspended-on",
        "2027-03-20",
        "--restored-on",
        "2027-04-01",
        "--surveillance-1-done",
        "2027-03-30",
        "--on",
        "2027-05-01",
    )
    assert restored["status"]["code"] == "valid"
    withdrawn = run_json(capsys, *base, "--withdrawn-on", "2027-04-01", "--on", "2027-05-01")
    assert withdrawn["status"]["code"] == "withdrawn"
    cancelled = run_json(capsys, *base, "--cancelled-on", "2027-04-01", "--on", "2027-05-01")
    assert cancelled["status"]["code"] == "cancelled"


def test_programme_late_surveillance_is_a_breach(capsys) -> None:
    """DOMAIN §3: done late → breach, suspension and report required (§5.4.1.4)."""
    data = run_json(
        capsys,
        "programme",
        "--standard",
        "QMS",
        "--issue-date",
        "2026-03-15",
        "--surveillance-1-done",
        "2027-04-14",
        "--on",
        "2027-05-01",
    )
    s1 = {e["type"]: e for e in data["entries"]}["surveillance_1"]
    assert (s1["state"], s1["late_days"]) == ("done", 30)
    (b,) = data["breaches"]
    assert (b["days"], b["suspension_from"], b["rule"], b["clause"]) == (
        30,
        "2027-03-16",
        "CNCA-QMS-01:2025",
        "§5.4.1.4",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["programme", "--issue-date", "2026-03-15"], "--standard or --rule-set"),
        (
            [
                "programme",
                "--standard",
                "QMS",
                "--issue-date",
                "2026-03-15",
                "--restored-on",
                "2026-05-01",
            ],
            "--restored-on",
        ),
        (["audit-time", "--scheme", "QMS", "--personnel", "50", "--adjust", "-10"], "--adjust"),
        (["audit-time", "--scheme", "QMS", "--personnel", "50", "--adjust", "x:why"], "--adjust"),
        (
            ["audit-time", "--scheme", "QMS", "--personnel", "50", "--integrated", "-5"],
            "--integrated",
        ),
        (
            [
                "programme",
                "--standard",
                "QMS",
                "--issue-date",
                "2026-03-15",
                "--db",
                "/nonexistent/x.sqlite3",
            ],
            "--db",
        ),
    ],
)
def test_refused_options_exit_2_or_1_with_one_line(capsys, args, message) -> None:
    code, out, err = run(capsys, *args)
    assert code in (1, 2) and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_audit_time_adjustments_and_integrated_reduction(capsys) -> None:
    """IAF MD5 (adjustments with reasons, net reduction ≤ 30 %) and IAF MD11:2023 (integrated
    audit ≤ 20 %): 200 persons QMS 9 days × 0.9 × 0.9 = 7.29 → 7.5."""
    data = run_json(
        capsys,
        "audit-time",
        "--scheme",
        "QMS",
        "--personnel",
        "200",
        "--adjust",
        "-10:low risk processes",
        "--integrated",
        "10",
    )
    assert data["adjustments"] == [{"percent": -10.0, "reason": "low risk processes"}]
    assert (data["adjustment_percent"], data["integrated_reduction_percent"]) == (-10.0, 10.0)
    assert data["initial_days"] == 7.5
    assert data["integrated"]["rule"] == "IAF MD11:2023"
    assert data["reduction_capped"] is False and data["integrated_capped"] is False


def test_audit_time_isms(capsys) -> None:
    """Issue 16 point 5: ISO/IEC 27006-1:2024 Annex C [check]: 120 persons → 12 days."""
    data = run_json(capsys, "audit-time", "--scheme", "ISMS", "--personnel", "120")
    assert (data["initial_days"], data["rule"], data["table_check"]) == (
        12,
        "ISO/IEC 27006-1:2024",
        True,
    )
    assert data["continuum"] is False


@pytest.mark.parametrize(
    ("extra", "sites", "code"),
    [
        (["--effective-over-cycle", "yes"], 4, "square_root_x0_8_recertification"),
        (["--effective-over-cycle", "no"], 5, "square_root_initial_not_effective"),
        ([], 5, "square_root_initial_effectiveness_not_stated"),
    ],
)
def test_sampling_recertification_factor_is_asked(capsys, extra, sites, code) -> None:
    """IAF MD1:2023 (DOMAIN §3): 0.8·√x only where the system proved effective over the cycle."""
    data = run_json(capsys, "sampling", "--sites", "25", "--audit", "recertification", *extra)
    assert (data["sites"], data["code"]) == (sites, code)


def test_sampling_effectiveness_is_refused_outside_recertification(capsys) -> None:
    code, out, err = run(
        capsys, "sampling", "--sites", "25", "--audit", "initial", "--effective-over-cycle", "yes"
    )
    assert (code, out) == (2, "") and "--effective-over-cycle" in err


def test_programme_of_a_stored_certificate(tmp_path, capsys) -> None:
    """Issue 16 points 1 and 6: --db --certificate gives the app's programme of a certificate
    issued under the 2016 rules: S1 latest 2026-02-02 judged by CNCA-QMS-01:2025 (in force
    from 2026-01-01), S1 not done → suspension required (§5.4.1.4)."""
    import datetime as dt

    from auditdesk.services.certificates import CertificateData, create_certificate
    from auditdesk.services.clients import OrganisationData, create_organisation
    from auditdesk.services.setup import open_database

    db = _db(tmp_path)
    database = open_database(f"sqlite:///{db}")
    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="客户"))
        create_certificate(
            s,
            CertificateData(
                number="Q-2",
                organisation_id=org.id,
                standard_key="ISO9001:2015",
                issue_date=dt.date(2025, 2, 2),
            ),
        )
    database.close()
    data = run_json(capsys, "programme", "--db", db, "--certificate", "Q-2", "--on", "2026-03-01")
    assert (data["rule_set"], data["status"]["code"], data["status"]["clause"]) == (
        "CNCA-QMS-2016",
        "suspension_required",
        "§5.4.1.4",
    )
    s1 = data["entries"][0]
    assert (s1["latest"], s1["rule"], s1["in_force_from"]) == (
        "2026-02-02",
        "CNCA-QMS-01:2025",
        "2026-01-01",
    )
    code, out, err = run(
        capsys, "programme", "--db", db, "--certificate", "Q-2", "--issue-date", "2025-01-01"
    )
    assert (code, out) == (2, "") and "--issue-date" in err
    code, out, err = run(capsys, "programme", "--db", db, "--certificate", "NOPE")
    assert (code, out) == (2, "") and "no certificate" in err
