"""The report's NC counts: an NC counts as open until it is verified (DOMAIN.md §5) — verified
and closed NCs are not open; every state before verification is."""

from __future__ import annotations

import datetime as dt

from auditdesk.exports.report_context import build_report_context
from auditdesk.model import NCState, VerificationMethod
from auditdesk.services import nonconformities as ncs

RESPONSE = ncs.NCResponse(
    correction="量具 JL-012 已重新校准",
    root_cause="采购后未纳入校准计划",
    corrective_action="采购程序增加新量具纳入校准计划的步骤",
    owners="品质部",
    planned_date=dt.date(2026, 3, 20),
    received_on=dt.date(2026, 3, 18),
)
CHECKED = ncs.Verification(
    VerificationMethod.DOCUMENT_REVIEW, "校准计划已更新，抽查 3 件新量具", dt.date(2026, 4, 1)
)


def _walk(session, number: str, to: NCState) -> None:
    nc = ncs.find_nc(session, number)
    ncs.record_response(session, nc.id, RESPONSE)
    if to is NCState.RESPONSE_RECEIVED:
        return
    ncs.accept_response(session, nc.id)
    if to is NCState.RESPONSE_ACCEPTED:
        return
    ncs.verify_nc(session, nc.id, CHECKED)
    if to is NCState.VERIFIED:
        return
    ncs.close_nc(session, nc.id, on=dt.date(2026, 4, 2))


def test_verified_and_closed_ncs_are_not_counted_as_open(session, demo_audit):
    first, second, third, fourth, _fifth = demo_audit.nc_numbers
    _walk(session, first, NCState.VERIFIED)
    _walk(session, second, NCState.CLOSED)
    _walk(session, third, NCState.RESPONSE_ACCEPTED)  # accepted, not yet verified: still open
    _walk(session, fourth, NCState.RESPONSE_RECEIVED)
    session.flush()
    states = {n.number: n.state for n in ncs.ncs_of_audit(session, demo_audit.audit_id)}
    assert states[first] is NCState.VERIFIED and states[second] is NCState.CLOSED

    summary = build_report_context(session, demo_audit.number, "zh").summary
    assert summary.open_ncs == 3  # issued, response received, response accepted
    assert summary.major_ncs == 1 and summary.minor_ncs == 4  # every NC still counts by grade


def test_one_verified_nc_is_one_less_open(session, demo_audit):
    before = build_report_context(session, demo_audit.number, "en").summary.open_ncs
    _walk(session, demo_audit.nc_numbers[0], NCState.VERIFIED)
    session.flush()
    after = build_report_context(session, demo_audit.number, "en").summary.open_ncs
    assert (before, after) == (5, 4)
