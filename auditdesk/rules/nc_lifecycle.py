"""The life of a nonconformity as an explicit state machine (DOMAIN §4, §9).

    draft ─issue→ issued ─record_response→ response_received ─accept→ response_accepted
          ─verify→ verified ─close→ closed
    response_received ─reject→ response_rejected ─record_response→ response_received
    verified | closed ─reopen (admin)→ response_received

:data:`ACTIONS` is the whole table: for each action the states it may start from, the state it
leads to, the role (and the permission code of ``services.users.Permission``) it needs, and the
fields it requires. :func:`next_state` answers one question — where does ``action`` take an NC in
``state``? — or raises :class:`IllegalNCTransition` with a reason code.

Resolved ambiguities:
- Issuing an NC to the client is part of raising it: the auditor who raised it may issue it
  (permission ``edit_draft_nc``), typically at the closing meeting.
- A rejected response goes back to the client; their next answer is recorded with the same
  ``record_response`` action. A received response may be corrected by recording it again.
- ``reopen`` (admin only, reason required) starts from ``verified`` or ``closed`` and returns the
  NC to ``response_received``: the lead reviews the client's response again and either accepts it
  (then verifies anew) or rejects it back to the client. Nothing recorded is lost.
- ``closed`` is final except for ``reopen``; every other action on a closed NC is refused with
  ``closed_is_final`` so the UI can say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ACTIONS",
    "NCAction",
    "NCActionSpec",
    "NCLifecycleState",
    "IllegalNCTransition",
    "allowed_actions",
    "missing_fields",
    "next_state",
    "spec",
]


class NCLifecycleState(StrEnum):
    """Same values as ``model.enums.NCState`` (the rules may not import the model)."""

    DRAFT = "draft"
    ISSUED = "issued"
    RESPONSE_RECEIVED = "response_received"
    RESPONSE_ACCEPTED = "response_accepted"
    RESPONSE_REJECTED = "response_rejected"
    VERIFIED = "verified"
    CLOSED = "closed"


class NCAction(StrEnum):
    EDIT = "edit"
    ISSUE = "issue"
    RECORD_RESPONSE = "record_response"
    ACCEPT = "accept"
    REJECT = "reject"
    VERIFY = "verify"
    CLOSE = "close"
    REOPEN = "reopen"


# The action every NC's history starts with; it has no "from" state.
RAISE = "raise"

_S = NCLifecycleState


@dataclass(frozen=True, slots=True)
class NCActionSpec:
    action: NCAction
    from_states: frozenset[NCLifecycleState]
    to_state: NCLifecycleState | None  # None: stays in the state it started from
    role: str  # minimal role: auditor < lead < admin
    permission: str  # a ``services.users.Permission`` value
    required_fields: tuple[str, ...]
    refusal: str  # reason code when started from a state not in ``from_states``


ACTIONS: dict[NCAction, NCActionSpec] = {
    s.action: s
    for s in (
        NCActionSpec(
            NCAction.EDIT,
            frozenset({_S.DRAFT}),
            None,
            "auditor",
            "edit_draft_nc",
            ("requirement", "evidence_text", "reason"),
            "only_drafts_are_edited",
        ),
        NCActionSpec(
            NCAction.ISSUE,
            frozenset({_S.DRAFT}),
            _S.ISSUED,
            "auditor",
            "edit_draft_nc",
            ("requirement", "evidence_text", "reason", "evidence"),
            "already_issued",
        ),
        NCActionSpec(
            NCAction.RECORD_RESPONSE,
            frozenset({_S.ISSUED, _S.RESPONSE_RECEIVED, _S.RESPONSE_REJECTED}),
            _S.RESPONSE_RECEIVED,
            "auditor",
            "enter_nc_response",
            (
                "correction",
                "root_cause",
                "corrective_action",
                "owners",
                "planned_date",
                "response_received_on",
            ),
            "not_awaiting_response",
        ),
        NCActionSpec(
            NCAction.ACCEPT,
            frozenset({_S.RESPONSE_RECEIVED}),
            _S.RESPONSE_ACCEPTED,
            "lead",
            "review_nc",
            (),
            "no_response_to_review",
        ),
        NCActionSpec(
            NCAction.REJECT,
            frozenset({_S.RESPONSE_RECEIVED}),
            _S.RESPONSE_REJECTED,
            "lead",
            "review_nc",
            ("reason",),
            "no_response_to_review",
        ),
        NCActionSpec(
            NCAction.VERIFY,
            frozenset({_S.RESPONSE_ACCEPTED}),
            _S.VERIFIED,
            "lead",
            "verify_nc",
            ("verification_method", "verified_by", "verified_on", "effectiveness"),
            "response_not_accepted",
        ),
        NCActionSpec(
            NCAction.CLOSE,
            frozenset({_S.VERIFIED}),
            _S.CLOSED,
            "lead",
            "close_nc",
            (),
            "not_verified",
        ),
        NCActionSpec(
            NCAction.REOPEN,
            frozenset({_S.VERIFIED, _S.CLOSED}),
            _S.RESPONSE_RECEIVED,
            "admin",
            "reopen_nc",
            ("reason",),
            "not_closed",
        ),
    )
}


class IllegalNCTransition(Exception):
    """``reason``: ``unknown_state``, ``unknown_action``, ``closed_is_final`` or the action's
    refusal code (e.g. ``no_response_to_review``)."""

    def __init__(self, state: str, action: str, reason: str) -> None:
        super().__init__(f"cannot {action} a nonconformity in state {state}: {reason}")
        self.state = state
        self.action = action
        self.reason = reason


def spec(action: str) -> NCActionSpec:
    try:
        return ACTIONS[NCAction(action)]
    except ValueError:
        raise IllegalNCTransition("?", str(action), "unknown_action") from None


def next_state(state: str, action: str) -> NCLifecycleState:
    """The state ``action`` leads to from ``state``, or :class:`IllegalNCTransition`."""
    try:
        current = NCLifecycleState(state)
    except ValueError:
        raise IllegalNCTransition(str(state), str(action), "unknown_state") from None
    try:
        action_spec = ACTIONS[NCAction(action)]
    except ValueError:
        raise IllegalNCTransition(current.value, str(action), "unknown_action") from None
    if current not in action_spec.from_states:
        reason = "closed_is_final" if current is _S.CLOSED else action_spec.refusal
        raise IllegalNCTransition(current.value, action_spec.action.value, reason)
    return action_spec.to_state or current


def allowed_actions(state: str) -> tuple[NCAction, ...]:
    """Actions that may start from ``state``, in table order (roles not considered)."""
    current = NCLifecycleState(state)
    return tuple(a for a, s in ACTIONS.items() if current in s.from_states)


def missing_fields(action: str, values: Mapping[str, object]) -> tuple[str, ...]:
    """Required fields of ``action`` that are absent, ``None`` or blank in ``values``."""
    missing = []
    for name in spec(action).required_fields:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
        elif isinstance(value, list | tuple | set | frozenset) and not value:
            missing.append(name)
    return tuple(missing)
