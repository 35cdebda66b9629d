"""Certificate events and the states they move between (DOMAIN §3, 17021-1 9.6, IAF MD2).

:func:`check_event` answers whether an event is allowed in a state and what state follows;
:func:`apply_event` does the same and raises :class:`EventRefused` (with a reason code and its
basis) when it is not. Scope reduction/extension and recertification keep the state and give
the certificate a new revision (the services record that).

Resolved ambiguities:
- ``restore`` from ``expired`` is allowed only while the caller says the certificate is
  restorable (see :func:`auditdesk.rules.status.certificate_status`, code ``restorable``).
- A suspended certificate may be withdrawn, cancelled at the client's request, restored or have
  its scope reduced (17021-1 9.6.5.3: reducing scope is an alternative to keeping the whole
  scope suspended); it may not be extended, recertified or transferred (IAF MD2) until restored.
- ``withdrawn`` and ``cancelled`` are final; an expired certificate can only be restored.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from auditdesk.rules.basis import IAF_MD2, ISO_17021, Basis


class CertificateState(StrEnum):
    VALID = "valid"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class CertificateEvent(StrEnum):
    SUSPEND = "suspend"
    RESTORE = "restore"
    WITHDRAW = "withdraw"
    REDUCE_SCOPE = "reduce_scope"
    EXTEND_SCOPE = "extend_scope"
    CANCEL = "cancel"
    RECERTIFY = "recertify"
    TRANSFER = "transfer"


@dataclass(frozen=True, slots=True)
class Transition:
    allowed: bool
    state: CertificateState  # the state after the event (unchanged when refused)
    reason: str | None  # refusal code
    basis: Basis


class EventRefused(ValueError):
    def __init__(self, transition: Transition) -> None:
        super().__init__(transition.reason)
        self.transition = transition
        self.reason = transition.reason
        self.basis = transition.basis


S = CertificateState
E = CertificateEvent

# (state, event) → (next state, clause, code)
_ALLOWED: dict[tuple[CertificateState, CertificateEvent], tuple[CertificateState, str, str]] = {
    (S.VALID, E.SUSPEND): (S.SUSPENDED, "9.6.5", "suspended"),
    (S.VALID, E.WITHDRAW): (S.WITHDRAWN, "9.6.5", "withdrawn"),
    (S.VALID, E.REDUCE_SCOPE): (S.VALID, "9.6.5.3", "scope_reduced"),
    (S.VALID, E.EXTEND_SCOPE): (S.VALID, "9.6.4", "scope_extended"),
    (S.VALID, E.CANCEL): (S.CANCELLED, "9.6.5", "cancelled_at_client_request"),
    (S.VALID, E.RECERTIFY): (S.VALID, "9.6.3", "recertified"),
    (S.VALID, E.TRANSFER): (S.VALID, "2.1", "transferred"),
    (S.SUSPENDED, E.RESTORE): (S.VALID, "9.6.5.2", "restored"),
    (S.SUSPENDED, E.WITHDRAW): (S.WITHDRAWN, "9.6.5.3", "withdrawn"),
    (S.SUSPENDED, E.REDUCE_SCOPE): (S.SUSPENDED, "9.6.5.3", "scope_reduced"),
    (S.SUSPENDED, E.CANCEL): (S.CANCELLED, "9.6.5", "cancelled_at_client_request"),
}

_REFUSALS: dict[tuple[CertificateState, CertificateEvent], tuple[str, str, str]] = {
    (S.VALID, E.RESTORE): (ISO_17021, "9.6.5.2", "not_suspended"),
    (S.SUSPENDED, E.SUSPEND): (ISO_17021, "9.6.5", "already_suspended"),
    (S.SUSPENDED, E.TRANSFER): (IAF_MD2, "2", "suspended_cannot_transfer"),
    (S.SUSPENDED, E.EXTEND_SCOPE): (ISO_17021, "9.6.5", "suspended_restore_first"),
    (S.SUSPENDED, E.RECERTIFY): (ISO_17021, "9.6.5", "suspended_restore_first"),
}


def check_event(
    state: CertificateState, event: CertificateEvent, *, restorable: bool = False
) -> Transition:
    """Whether ``event`` may happen in ``state``; ``restorable`` only matters for expired ones."""
    if (state, event) in _ALLOWED:
        new, clause, code = _ALLOWED[(state, event)]
        rule = IAF_MD2 if event is E.TRANSFER else ISO_17021
        return Transition(True, new, None, Basis(rule, clause, code))
    if state is S.EXPIRED and event is E.RESTORE:
        if restorable:
            return Transition(
                True, S.VALID, None, Basis(ISO_17021, "9.6.3.2.5", "restored_after_expiry")
            )
        return Transition(
            False,
            state,
            "restore_window_closed",
            Basis(ISO_17021, "9.6.3.2.5", "restore_window_closed"),
        )
    if (state, event) in _REFUSALS:
        rule, clause, code = _REFUSALS[(state, event)]
        return Transition(False, state, code, Basis(rule, clause, code))
    if state in (S.WITHDRAWN, S.CANCELLED):
        code = f"certificate_{state.value}"
        return Transition(False, state, code, Basis(ISO_17021, "9.6.5", code))
    if state is S.EXPIRED:
        code = "expired_restart_as_initial" if event is E.RECERTIFY else "certificate_expired"
        return Transition(False, state, code, Basis(ISO_17021, "9.6.3.2.5", code))
    raise AssertionError(f"unhandled {state}/{event}")  # pragma: no cover - the tables are total


def apply_event(
    state: CertificateState, event: CertificateEvent, *, restorable: bool = False
) -> CertificateState:
    transition = check_event(state, event, restorable=restorable)
    if not transition.allowed:
        raise EventRefused(transition)
    return transition.state
