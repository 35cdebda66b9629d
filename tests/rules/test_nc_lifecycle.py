"""The NC state machine, every state × every action (DOMAIN §4; issue 6 point 2)."""

from __future__ import annotations

import itertools

import pytest

from auditdesk.rules.nc_lifecycle import (
    ACTIONS,
    IllegalNCTransition,
    NCAction,
    NCLifecycleState,
    allowed_actions,
    missing_fields,
    next_state,
    spec,
)

S = NCLifecycleState
A = NCAction

# Written out by hand from the issue, independent of the table in the module.
EXPECTED: dict[tuple[S, A], S] = {
    (S.DRAFT, A.EDIT): S.DRAFT,
    (S.DRAFT, A.ISSUE): S.ISSUED,
    (S.ISSUED, A.RECORD_RESPONSE): S.RESPONSE_RECEIVED,
    (S.RESPONSE_RECEIVED, A.RECORD_RESPONSE): S.RESPONSE_RECEIVED,
    (S.RESPONSE_REJECTED, A.RECORD_RESPONSE): S.RESPONSE_RECEIVED,
    (S.RESPONSE_RECEIVED, A.ACCEPT): S.RESPONSE_ACCEPTED,
    (S.RESPONSE_RECEIVED, A.REJECT): S.RESPONSE_REJECTED,
    (S.RESPONSE_ACCEPTED, A.VERIFY): S.VERIFIED,
    (S.VERIFIED, A.CLOSE): S.CLOSED,
    (S.VERIFIED, A.REOPEN): S.RESPONSE_RECEIVED,
    (S.CLOSED, A.REOPEN): S.RESPONSE_RECEIVED,
}

REFUSAL: dict[A, str] = {
    A.EDIT: "only_drafts_are_edited",
    A.ISSUE: "already_issued",
    A.RECORD_RESPONSE: "not_awaiting_response",
    A.ACCEPT: "no_response_to_review",
    A.REJECT: "no_response_to_review",
    A.VERIFY: "response_not_accepted",
    A.CLOSE: "not_verified",
    A.REOPEN: "not_closed",
}

ALL_PAIRS = list(itertools.product(S, A))


def test_the_table_covers_seven_states_and_eight_actions():
    assert len(ALL_PAIRS) == 7 * 8
    assert set(ACTIONS) == set(A)


@pytest.mark.parametrize(("state", "action"), [p for p in ALL_PAIRS if p in EXPECTED])
def test_allowed_transition_leads_to_the_right_state(state, action):
    assert next_state(state, action) is EXPECTED[(state, action)]
    # Plain stored strings work too (the model keeps values).
    assert next_state(state.value, action.value) is EXPECTED[(state, action)]


@pytest.mark.parametrize(("state", "action"), [p for p in ALL_PAIRS if p not in EXPECTED])
def test_every_other_transition_is_refused_with_a_reason(state, action):
    with pytest.raises(IllegalNCTransition) as info:
        next_state(state, action)
    expected = "closed_is_final" if state is S.CLOSED else REFUSAL[action]
    assert info.value.reason == expected
    assert info.value.state == state.value
    assert info.value.action == action.value


def test_unknown_state_and_action_are_refused():
    with pytest.raises(IllegalNCTransition) as info:
        next_state("archived", "close")
    assert info.value.reason == "unknown_state"
    with pytest.raises(IllegalNCTransition) as info:
        next_state("draft", "delete")
    assert info.value.reason == "unknown_action"
    with pytest.raises(IllegalNCTransition) as info:
        spec("approve")
    assert info.value.reason == "unknown_action"


def test_roles_follow_the_issue():
    roles = {a: ACTIONS[a].role for a in A}
    assert roles == {
        A.EDIT: "auditor",
        A.ISSUE: "auditor",
        A.RECORD_RESPONSE: "auditor",
        A.ACCEPT: "lead",
        A.REJECT: "lead",
        A.VERIFY: "lead",
        A.CLOSE: "lead",
        A.REOPEN: "admin",
    }


def test_permissions_exist_in_the_services_layer():
    from auditdesk.services.users import _NEEDS, Permission

    for action_spec in ACTIONS.values():
        permission = Permission(action_spec.permission)
        assert _NEEDS[permission].value == action_spec.role


def test_allowed_actions_per_state():
    assert allowed_actions("draft") == (A.EDIT, A.ISSUE)
    assert allowed_actions("response_received") == (A.RECORD_RESPONSE, A.ACCEPT, A.REJECT)
    assert allowed_actions("closed") == (A.REOPEN,)
    for state in S:
        assert set(allowed_actions(state)) == {a for (s, a) in EXPECTED if s is state}


def test_reject_and_reopen_need_a_reason():
    assert missing_fields("reject", {"reason": "  "}) == ("reason",)
    assert missing_fields("reject", {"reason": "root cause not analysed"}) == ()
    assert missing_fields("reopen", {}) == ("reason",)


def test_verify_needs_method_who_when_and_effectiveness():
    assert missing_fields("verify", {"verification_method": "document_review"}) == (
        "verified_by",
        "verified_on",
        "effectiveness",
    )


def test_issue_needs_the_three_part_statement_and_evidence():
    values = {
        "requirement": "ISO 9001:2015 7.1.5",
        "evidence_text": "gauge G-12 uncalibrated",
        "reason": "no traceability",
        "evidence": [],
    }
    assert missing_fields("issue", values) == ("evidence",)
    values["evidence"] = ["e1"]
    assert missing_fields("issue", values) == ()


def test_states_match_the_stored_codes():
    from auditdesk.model.enums import NCState

    assert {s.value for s in S} == {s.value for s in NCState}
