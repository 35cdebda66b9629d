"""Issue 16 point 8 wired in: the §5.1.2 conditions recorded on the client and checked where a
certificate is issued or an application audit is planned; the IAF MD2 transfer review and its
time limits; the planning checks (audit days without trainees/experts, IAF MD4 remote share).

Sources: CNCA-QMS-01:2025 §5.1.2 as CB notices quote it (DOMAIN §3: serious-dishonesty list,
ordered production stop, failed national sampling within a year); IAF MD2:2017 2.1 (only valid
certification transferred; a suspended one is not), 2.1.3 (issuing CB ceased: within 6 months or
by expiry, whichever is sooner), 2.2 (pre-transfer review before the decision), 2.3 (open majors
closed) — clause numbers [check]; IAF MD5 (only auditors' time is audit time) and IAF MD4:2023
(the remote share is the CB's setting, ``remote_audit_max_percent``)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from auditdesk.model import Certificate, ClientCondition
from auditdesk.services import rules_checks as rc
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.errors import ValidationFailed

D = dt.date


def _org(session):
    return create_organisation(
        session,
        OrganisationData(name_zh="宁波恒信五金制品有限公司", credit_code="914403001922038216"),
    ).id


@pytest.mark.parametrize(
    ("kind", "since", "until", "on", "codes"),
    [
        ("serious_dishonesty", D(2026, 5, 1), None, D(2026, 6, 1), ["on_serious_dishonesty_list"]),
        ("serious_dishonesty", D(2026, 5, 1), D(2026, 5, 20), D(2026, 6, 1), []),
        ("serious_dishonesty", D(2026, 7, 1), None, D(2026, 6, 1), []),
        ("production_stop", D(2026, 5, 1), None, D(2026, 6, 1), ["production_stop_ordered"]),
        ("production_stop", D(2026, 5, 1), D(2026, 6, 1), D(2026, 6, 1), []),  # lifted that day
        (
            "failed_national_sampling",
            D(2025, 6, 1),
            None,
            D(2026, 6, 1),  # 12 months from 2025-06-01 end on 2026-06-01, that day included
            ["failed_national_sampling_within_a_year"],
        ),
        ("failed_national_sampling", D(2025, 6, 1), None, D(2026, 6, 2), []),
    ],
)
def test_application_conditions_recorded_on_the_client(session, kind, since, until, on, codes):
    org = _org(session)
    rc.record_client_condition(session, org, kind, since, until, "市监信用〔2026〕1号")
    found = rc.application_findings(session, org, on)
    assert [f.code for f in found] == codes
    assert all((f.basis.rule_id, f.basis.clause) == ("CNCA-QMS-01:2025", "§5.1.2") for f in found)


def test_bad_condition_is_refused_and_nothing_written(session):
    org = _org(session)
    with pytest.raises(ValidationFailed) as err:
        rc.record_client_condition(session, org, "bankrupt", D(2026, 5, 1), D(2026, 4, 1), "")
    assert err.value.errors == {"kind": "unknown", "until": "before_since", "reference": "required"}
    assert session.scalar(select(func.count(ClientCondition.id))) == 0


def test_certificate_is_not_issued_to_a_barred_client(session):
    """§5.1.2 checked where a certificate is issued: refused with the clause, nothing written;
    a certificate issued before the listing is not affected."""
    org = _org(session)
    rc.record_client_condition(session, org, "serious_dishonesty", D(2026, 5, 1), None, "R-1")
    data = CertificateData(
        number="Q-1", organisation_id=org, standard_key="ISO9001:2015", issue_date=D(2026, 6, 1)
    )
    with pytest.raises(ValidationFailed) as err:
        create_certificate(session, data)
    assert err.value.errors == {"application_conditions": "on_serious_dishonesty_list"}
    assert err.value.details["clause"] == "§5.1.2"
    assert session.scalar(select(func.count(Certificate.id))) == 0
    data.issue_date = D(2026, 4, 1)
    assert create_certificate(session, data).number == "Q-1"
    # an import records a certificate already issued: not refused (issued elsewhere or before)
    data.number, data.issue_date, data.check_conditions = "Q-2", D(2026, 6, 1), False
    assert create_certificate(session, data).number == "Q-2"


@pytest.mark.parametrize(
    ("audit_type", "codes"),
    [
        ("stage1", ["production_stop_ordered"]),
        ("stage2", ["production_stop_ordered"]),
        ("recertification", ["production_stop_ordered"]),
        ("surveillance_1", []),  # not an application
    ],
)
def test_planning_checks_the_conditions_for_applications(session, audit_type, codes):
    org = _org(session)
    rc.record_client_condition(session, org, "production_stop", D(2026, 5, 1), None, "R-2")
    check = rc.planning_rule_findings(
        session,
        audit_type=audit_type,
        planned_on=D(2026, 6, 1),
        team=[("team_leader", 2.0)],
        organisation_id=org,
    )
    assert [f.code for f in check.findings] == codes


@pytest.mark.parametrize(
    ("team", "remote", "required", "counted", "codes"),
    [
        # trainees, technical experts and observers are not counted (IAF MD5)
        ([("team_leader", 2), ("trainee", 2), ("tech_expert", 1)], 0, 2, 2.0, []),
        ([("team_leader", 2), ("trainee", 2)], 0, 3, 2.0, ["counted_days_below_required"]),
        ([("team_leader", 2), ("auditor", 1.5)], 1, None, 3.5, []),  # 28.6 % ≤ 30 %
        ([("team_leader", 2), ("auditor", 1)], 1, None, 3.0, ["remote_share_exceeded"]),  # 33 %
    ],
)
def test_planning_counts_auditors_only_and_limits_the_remote_share(
    session, team, remote, required, counted, codes
):
    check = rc.planning_rule_findings(
        session,
        audit_type="surveillance_1",
        planned_on=D(2026, 6, 1),
        team=team,
        remote_days=remote,
        required_days=required,
    )
    assert check.counted.counted == counted
    assert [f.code for f in check.findings] == codes
    assert check.remote.limit_percent == 30


def test_remote_share_limit_is_the_cb_setting(session):
    from auditdesk.model import CBSetting

    session.add(CBSetting(key="remote_audit_max_percent", value=50))
    session.flush()
    check = rc.planning_rule_findings(
        session,
        audit_type="surveillance_1",
        planned_on=D(2026, 6, 1),
        team=[("team_leader", 2), ("auditor", 1)],
        remote_days=1,
    )
    assert check.findings == () and check.remote.limit_percent == 50


def _transferred(session):
    org = _org(session)
    return create_certificate(
        session,
        CertificateData(
            number="Q-T",
            organisation_id=org,
            standard_key="ISO9001:2015",
            issue_date=D(2025, 9, 1),
            expiry_date=D(2028, 8, 31),
        ),
    )


@pytest.mark.parametrize(
    ("fields", "on", "codes", "deadline"),
    [
        ({"review_on": D(2026, 5, 1), "decision_on": D(2026, 5, 10)}, D(2026, 5, 10), [], None),
        (
            {"previous_state": "suspended", "review_on": D(2026, 5, 1)},
            D(2026, 5, 2),
            ["transfer_refused_suspended"],
            None,
        ),
        ({}, D(2026, 5, 2), ["transfer_review_missing"], None),
        (
            {"review_on": D(2026, 5, 1), "open_major_ncs": 1},
            D(2026, 5, 2),
            ["transfer_open_major_ncs"],
            None,
        ),
        # issuing CB ceased 2026-01-10: complete by 2026-07-10 (6 months, before expiry)
        (
            {"review_on": D(2026, 5, 1), "issuing_cb_ceased_on": D(2026, 1, 10)},
            D(2026, 7, 10),
            [],
            D(2026, 7, 10),
        ),
        (
            {"review_on": D(2026, 5, 1), "issuing_cb_ceased_on": D(2026, 1, 10)},
            D(2026, 7, 11),
            ["transfer_deadline_passed"],
            D(2026, 7, 10),
        ),
        # near expiry the deadline is the expiry
        (
            {"review_on": D(2028, 5, 1), "issuing_cb_ceased_on": D(2028, 5, 1)},
            D(2028, 9, 1),
            ["transfer_refused_expired", "transfer_deadline_passed"],
            D(2028, 8, 31),
        ),
    ],
)
def test_transfer_review_and_its_time_limits(session, fields, on, codes, deadline):
    cert = _transferred(session)
    rc.record_transfer(session, cert.id, rc.TransferData(issuing_cb="某认证有限公司", **fields))
    check = rc.transfer_check(session, cert.id, on)
    assert check is not None
    assert [f.code for f in check.findings] == codes
    assert (check.deadline.date if check.deadline else None) == deadline
    assert cert.transferred_from == "某认证有限公司"
    planning = rc.planning_rule_findings(
        session,
        audit_type="transfer",
        planned_on=on,
        team=[("team_leader", 1)],
        certificate_ids=[cert.id],
    )
    assert [f.code for f in planning.findings] == codes


def test_transfer_decision_before_review_is_refused(session):
    cert = _transferred(session)
    with pytest.raises(ValidationFailed) as err:
        rc.record_transfer(
            session,
            cert.id,
            rc.TransferData(issuing_cb="X", review_on=D(2026, 5, 2), decision_on=D(2026, 5, 1)),
        )
    assert err.value.errors == {"decision_on": "before_review"}
    assert rc.transfer_check(session, cert.id) is None


def test_every_finding_code_has_words_in_both_languages():
    from auditdesk import catalogue

    codes = {
        "on_serious_dishonesty_list",
        "production_stop_ordered",
        "failed_national_sampling_within_a_year",
        "serious_dishonesty_list_not_declared",
        "production_stop_not_declared",
        "national_sampling_not_declared",
        "transfer_review_missing",
        "transfer_decision_before_review",
        "transfer_open_major_ncs",
        "transfer_deadline_passed",
        "transfer_as_recertification",
        "counted_days_below_required",
        "remote_share_exceeded",
    } | {f"transfer_refused_{s}" for s in ("suspended", "withdrawn", "cancelled", "expired")}
    for code in codes:
        assert catalogue.has_word("finding", code), code
        assert catalogue.word("finding", code, "zh") != catalogue.word("finding", code, "en")
    for kind in rc.CONDITION_KINDS:
        assert catalogue.has_word("client_condition", kind)
