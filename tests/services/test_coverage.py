"""Coverage: the merged clause tree, per-audit clause/site evidence, must-cover items, cycle matrix."""

from __future__ import annotations

import datetime as dt

from auditdesk.model import AuditType, Judgement
from auditdesk.services import evidence as ev
from auditdesk.services.coverage import audit_clause_rows, audit_coverage, cycle_matrix
from tests.services.workspace_data import clause_id, make_audit


def test_integrated_audit_shows_shared_clauses_once_with_each_standard(session):
    facts = make_audit(session, standards=("ISO9001:2015", "ISO14001:2015"))
    rows = {r.number: r for r in audit_clause_rows(session, facts.audit_id)}
    assert [code for code, _c in rows["9.2"].members] == ["ISO 9001:2015", "ISO 14001:2015"]
    assert rows["9.2"].shared
    assert [code for code, _c in rows["6.1.4"].members] == ["ISO 14001:2015"]  # 14001 only
    assert rows["5.2"].title_zh and len(rows["5.2"].clause_ids) == 2
    assert rows["8.2"].parent_number == "8"
    numbers = [r.number for r in audit_clause_rows(session, facts.audit_id)]
    assert numbers.index("9") < numbers.index("9.1") < numbers.index("10")


def test_evidence_on_a_subclause_covers_its_parents_per_site(session):
    facts = make_audit(session)
    ev.add_evidence(
        session,
        facts.audit_id,
        ev.EvidenceData(
            clause_ids=[clause_id(session, facts.audit_id, "9.1.2")], site_id=facts.site_ids[1]
        ),
    )
    cov = audit_coverage(session, facts.audit_id)
    assert (
        cov.evidence_by_clause["9.1.2"] == 1
        and cov.evidence_by_clause["9.1"] == 1
        and cov.covered("9")
    )
    assert not cov.covered("8.4")
    assert cov.evidence_by_clause_site["9.1"] == {facts.site_ids[1]: 1}
    assert cov.evidence_by_site == {facts.site_ids[1]: 1}


def test_archived_evidence_does_not_count(session):
    facts = make_audit(session)
    item = ev.add_evidence(
        session,
        facts.audit_id,
        ev.EvidenceData(clause_ids=[clause_id(session, facts.audit_id, "8.4")]),
    )
    ev.archive_evidence(session, item.id)
    assert not audit_coverage(session, facts.audit_id).covered("8.4")


def test_surveillance_must_cover_items_are_flagged_until_sampled(session):
    facts = make_audit(session)
    cov = audit_coverage(session, facts.audit_id)
    assert (
        "9.2" in cov.must_cover
        and "9.2" in cov.must_cover_missing
        and "marks" in cov.must_cover_missing
    )
    ev.add_evidence(
        session,
        facts.audit_id,
        ev.EvidenceData(clause_ids=[clause_id(session, facts.audit_id, "9.2")]),
    )
    from auditdesk.services.audits import get_audit

    get_audit(session, facts.audit_id).marks_control = "证书及标志使用符合规定"
    cov = audit_coverage(session, facts.audit_id)
    assert "9.2" not in cov.must_cover_missing and "marks" not in cov.must_cover_missing
    assert "9.3" in cov.must_cover_missing


def test_initial_audits_have_no_must_cover_list(session):
    facts = make_audit(session, audit_type=AuditType.STAGE2)
    assert audit_coverage(session, facts.audit_id).must_cover == []


def test_judgements_are_reported_per_clause(session):
    facts = make_audit(session)
    ev.set_judgement(
        session, facts.audit_id, clause_id(session, facts.audit_id, "8.3"), Judgement.NOT_APPLICABLE
    )
    assert audit_coverage(session, facts.audit_id).judgements == {"8.3": [Judgement.NOT_APPLICABLE]}


def test_cycle_matrix_shows_what_was_never_sampled(session):
    first = make_audit(session, start=dt.date(2027, 3, 1))
    second = make_audit(
        session,
        audit_type=AuditType.SURVEILLANCE_2,
        start=dt.date(2028, 3, 1),
        organisation_id=first.organisation_id,
        certificate_ids=first.certificate_ids,
        tag="A2",
    )
    ev.add_evidence(
        session,
        first.audit_id,
        ev.EvidenceData(
            clause_ids=[clause_id(session, first.audit_id, "8.4")], site_id=first.site_ids[0]
        ),
    )
    ev.add_evidence(
        session,
        second.audit_id,
        ev.EvidenceData(clause_ids=[clause_id(session, first.audit_id, "8.4")]),
    )
    ev.add_evidence(
        session,
        second.audit_id,
        ev.EvidenceData(clause_ids=[clause_id(session, first.audit_id, "9.2")]),
    )
    m = cycle_matrix(session, first.certificate_ids[0])
    assert [a[0] for a in m.audits] == [first.audit_id, second.audit_id]
    assert m.counts["8.4"] == {first.audit_id: 1, second.audit_id: 1}
    assert m.counts["9.2"] == {second.audit_id: 1}
    assert (
        "8.4" not in m.never_sampled and "9.2" not in m.never_sampled and "8.3" in m.never_sampled
    )
    assert m.sites_never_sampled == [first.site_ids[1]]
