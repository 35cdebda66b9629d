"""Events move a certificate between states; illegal moves are refused with a reason."""

from __future__ import annotations

import pytest

from auditdesk.rules.events import (
    CertificateEvent as E,
)
from auditdesk.rules.events import (
    CertificateState as S,
)
from auditdesk.rules.events import (
    EventRefused,
    apply_event,
    check_event,
)

ALLOWED = [
    (S.VALID, E.SUSPEND, S.SUSPENDED),
    (S.VALID, E.WITHDRAW, S.WITHDRAWN),
    (S.VALID, E.REDUCE_SCOPE, S.VALID),
    (S.VALID, E.EXTEND_SCOPE, S.VALID),
    (S.VALID, E.CANCEL, S.CANCELLED),
    (S.VALID, E.RECERTIFY, S.VALID),
    (S.VALID, E.TRANSFER, S.VALID),
    (S.SUSPENDED, E.RESTORE, S.VALID),
    (S.SUSPENDED, E.WITHDRAW, S.WITHDRAWN),
    (S.SUSPENDED, E.REDUCE_SCOPE, S.SUSPENDED),
    (S.SUSPENDED, E.CANCEL, S.CANCELLED),
]

REFUSED = (
    [
        (S.VALID, E.RESTORE, "not_suspended"),
        (S.SUSPENDED, E.SUSPEND, "already_suspended"),
        (S.SUSPENDED, E.TRANSFER, "suspended_cannot_transfer"),
        (S.SUSPENDED, E.EXTEND_SCOPE, "suspended_restore_first"),
        (S.SUSPENDED, E.RECERTIFY, "suspended_restore_first"),
        (S.EXPIRED, E.RESTORE, "restore_window_closed"),
        (S.EXPIRED, E.RECERTIFY, "expired_restart_as_initial"),
        (S.EXPIRED, E.TRANSFER, "certificate_expired"),
        (S.EXPIRED, E.SUSPEND, "certificate_expired"),
        (S.EXPIRED, E.WITHDRAW, "certificate_expired"),
        (S.EXPIRED, E.REDUCE_SCOPE, "certificate_expired"),
        (S.EXPIRED, E.EXTEND_SCOPE, "certificate_expired"),
        (S.EXPIRED, E.CANCEL, "certificate_expired"),
    ]
    + [(S.WITHDRAWN, e, "certificate_withdrawn") for e in E]
    + [(S.CANCELLED, e, "certificate_cancelled") for e in E]
)


@pytest.mark.parametrize(("state", "event", "after"), ALLOWED)
def test_allowed_moves(state: S, event: E, after: S) -> None:
    t = check_event(state, event)
    assert t.allowed and t.state is after and t.reason is None
    assert apply_event(state, event) is after


@pytest.mark.parametrize(("state", "event", "reason"), REFUSED)
def test_refused_moves_say_why(state: S, event: E, reason: str) -> None:
    t = check_event(state, event)
    assert not t.allowed and t.state is state and t.reason == reason
    with pytest.raises(EventRefused) as info:
        apply_event(state, event)
    assert info.value.reason == reason


def test_a_suspended_certificate_cannot_be_transferred_by_md2() -> None:
    t = check_event(S.SUSPENDED, E.TRANSFER)
    assert t.basis.rule_id == "IAF MD2:2017"


def test_an_expired_certificate_is_restored_inside_the_window() -> None:
    assert apply_event(S.EXPIRED, E.RESTORE, restorable=True) is S.VALID


def test_the_tables_above_cover_every_state_and_event() -> None:
    covered = {(s, e) for s, e, _ in ALLOWED} | {(s, e) for s, e, _ in REFUSED}
    assert covered == {(s, e) for s in S for e in E}
