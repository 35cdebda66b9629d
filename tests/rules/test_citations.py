"""Citations printed next to every figure (DOMAIN §3 clause list, corrected 2026-12; issue 16
point 3): IAF MD1:2023 6.1.3.3 (sample size, EA FAQ) and 6.2.1 (no sampling); current edition
labels MD5:2023 and MD11:2023 where the values are unchanged."""

from __future__ import annotations

import pytest

from auditdesk.rules.audit_time import AuditTimeBook, audit_time
from auditdesk.rules.kinds import AuditKind
from auditdesk.rules.sampling import sample_size


@pytest.mark.parametrize(
    ("audit", "allowed", "clause"),
    [
        (AuditKind.INITIAL, True, "6.1.3.3"),
        (AuditKind.SURVEILLANCE, True, "6.1.3.3"),
        (AuditKind.RECERTIFICATION, True, "6.1.3.3"),
        (AuditKind.INITIAL, False, "6.2.1"),
        (AuditKind.SURVEILLANCE, False, "6.2.1"),
        (AuditKind.RECERTIFICATION, False, "6.2.1"),
    ],
)
def test_md1_clauses(audit: AuditKind, allowed: bool, clause: str) -> None:
    """IAF MD1:2023: the sample-size formula is 6.1.3.3, the no-sampling rule 6.2.1."""
    b = sample_size(16, audit, sampling_allowed=allowed).basis
    assert (b.rule_id, b.clause) == ("IAF MD1:2023", clause)


def test_md5_and_md11_labels(time_book: AuditTimeBook) -> None:
    """DOMAIN §3: print IAF MD5:2023 and MD11:2023 (values unchanged from the 2019 issues)."""
    r = audit_time(time_book, "QMS", 200, integrated_reduction_percent=10)
    assert r.basis.rule_id == "IAF MD5:2023"
    assert r.integrated_basis is not None and r.integrated_basis.rule_id == "IAF MD11:2023"
