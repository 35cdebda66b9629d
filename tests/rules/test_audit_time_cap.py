"""The 30 % cap on net reductions at its edge (a mutant ``<`` → ``<=`` survived, issue 18)."""

from __future__ import annotations

import pytest

from auditdesk.rules.audit_time import Adjustment, AuditTimeBook, audit_time


@pytest.mark.parametrize(
    ("percents", "capped", "net"),
    [
        ((-30,), False, -30.0),  # exactly the cap: allowed as it is, not "capped"
        ((-20, -10), False, -30.0),  # the same, summed from two reasons
        ((-29.5,), False, -29.5),
        ((-30.5,), True, -30.0),  # beyond it: cut back to the cap, and said so
        ((-20, -15), True, -30.0),
    ],
)
def test_exactly_thirty_percent_is_not_capped(
    time_book: AuditTimeBook, percents: tuple[float, ...], capped: bool, net: float
) -> None:
    adjustments = [Adjustment(p, f"reason {i}") for i, p in enumerate(percents)]
    r = audit_time(time_book, "QMS", 200, adjustments=adjustments)
    assert (r.reduction_capped, r.adjustment_percent) == (capped, net)
    plain = audit_time(time_book, "QMS", 200)
    assert r.initial_days <= plain.initial_days
