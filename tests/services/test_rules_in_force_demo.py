"""Issue 16 "done when" on a fresh demo database: the certificates issued under the abolished
CNCA-QMS-2016 rules show the dates and statuses of the rules in force (DOMAIN §3 "Which rule
set applies": every activity on or after 2026-01-01 is judged by CNCA-QMS-01:2025), and the
breaches they owe are on record.

Figures on the demo built for 2026-12-03 (93 certificates, 73 issued under CNCA-QMS-2016):
the 2016 rules alone would give 67 of them a later second-surveillance date and 8 a wrong
status — 04125Q00004R0M and 04125S00046R0M "valid" where suspension is required
(§5.4.1.4), 6 "restorable" where they expired and restart as initial certification (§5.8.2).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

import pytest

from auditdesk.rules.dates import add_months
from auditdesk.rules.programme import audit_programme
from auditdesk.rules.status import certificate_status
from auditdesk.services.programme import breaches, cb_settings, programmes

TODAY = dt.date(2026, 12, 3)
NEW = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def demo(built_demo, tmp_path_factory):
    # build_demo(s, today=TODAY) into a new database, once per run
    db = built_demo(TODAY).open_copy(tmp_path_factory.mktemp("demo16") / "demo.sqlite3")
    with db.session() as s:
        yield s, programmes(s, TODAY), cb_settings(s)
    db.close()


@pytest.mark.slow
def test_2016_certificates_get_the_2025_dates_and_statuses(demo):
    session, progs, settings = demo
    legacy = [p for p in progs if p.rule_set.id == "CNCA-QMS-2016"]
    assert (len(progs), len(legacy)) == (93, 73)
    later_s2, changed = 0, Counter()
    for p in legacy:
        only_2016 = dataclasses.replace(p.facts, later_rule_sets=())
        old = audit_programme(only_2016, TODAY, settings)
        old_status = certificate_status(only_2016, TODAY, settings, programme=old)
        later_s2 += old.entries[1].latest > p.programme.entries[1].latest
        if old_status.code != p.status.code:
            changed[(old_status.code.value, p.status.code.value, p.number)] += 1
        for e in p.programme.entries:
            # every entry whose latest date is in 2026 or later is judged by the 2025 rules
            assert (e.rule_set_id == "CNCA-QMS-01:2025") is (e.latest >= NEW), (p.number, e)
            if e.rule_set_id == "CNCA-QMS-01:2025":
                assert e.basis.in_force_from == NEW and e.basis.issued_under == "CNCA-QMS-2016"
    assert later_s2 == 67
    moves = Counter((old, new) for old, new, _n in changed)
    assert moves == {("valid", "suspension_required"): 2, ("restorable", "expired"): 6}
    # The issue measured 04125Q00004R0M and 04125S00046R0M on the demo of its day; since the
    # planning work re-drew the demo's teams and dates (issue 17 point 7) the second one is
    # 04125Q00060R0M: the same count and the same move, on the demo as it is built now.
    assert {n for old, _new, n in changed if old == "valid"} == {
        "04125Q00004R0M",
        "04125Q00060R0M",
    }


@pytest.mark.slow
def test_properties_hold_on_the_demo(demo):
    """No two consecutive surveillances more than 12 months apart under the rules in force
    from 2026 (§5.4.1.4); the recertification is never due after expiry (§5.8.2)."""
    _session, progs, _settings = demo
    for p in progs:
        s1, s2, rc = p.programme.entries
        if s2.rule_set_id == "CNCA-QMS-01:2025":
            assert s2.latest <= add_months(s1.done_date or s1.latest, 12), p.number
        assert rc.latest <= p.programme.expiry.date and s2.latest <= p.programme.expiry.date


@pytest.mark.slow
def test_every_demo_breach_is_on_the_dashboard_until_suspension_and_report(demo):
    session, progs, _settings = demo
    found = breaches(session, TODAY, evaluated=progs)
    assert len(found) == 29
    assert all(not b.handled for b in found)  # the demo records no report to the regulator
    assert sum(b.suspension_recorded_on is not None for b in found) < len(found)
