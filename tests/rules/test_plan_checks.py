"""No impossible plan: sessions, travel, overlapping audits, counted days, remote share,
suggested dates inside the window (edges)."""

from __future__ import annotations

import datetime as dt

from auditdesk.rules import plan_checks as pc

D = dt.date(2027, 3, 1)


def s(person, start, end, site, label="", remote=False, day=D):
    h = lambda t: dt.time(*map(int, t.split(":")))  # noqa: E731
    return pc.PlanSession(person, person.upper(), day, h(start), h(end), site, label, remote)


def test_two_sessions_at_once_is_a_clash_naming_both():
    found = pc.session_clashes(
        [s("a", "09:00", "12:00", "北京总部", "7"), s("a", "11:00", "12:00", "济南研发中心", "8")],
        pc.TravelTimes(),
    )
    assert [c.code for c in found] == ["same_time"]
    assert (found[0].first.site, found[0].second.site) == ("北京总部", "济南研发中心")


def test_other_people_and_other_days_do_not_clash():
    found = pc.session_clashes(
        [
            s("a", "09:00", "12:00", "北京总部"),
            s("b", "09:00", "12:00", "济南研发中心"),
            s("a", "09:00", "12:00", "济南研发中心", day=D + dt.timedelta(days=1)),
        ],
        pc.TravelTimes(),
    )
    assert found == []


def test_travel_time_default_and_per_pair_at_the_edge():
    rows = [s("a", "09:00", "12:00", "北京总部"), s("a", "13:30", "17:00", "济南研发中心")]
    assert pc.session_clashes(rows, pc.TravelTimes(90)) == []  # 90 min gap, 90 needed
    found = pc.session_clashes(rows, pc.TravelTimes(91))
    assert [(c.code, c.gap, c.needed) for c in found] == [("travel", 90, 91)]
    pair = pc.TravelTimes(30, {frozenset(("北京总部", "济南研发中心")): 240})
    assert [c.needed for c in pc.session_clashes(rows, pair)] == [240]
    # The same site, or a remote session, needs no travel.
    same = [s("a", "09:00", "12:00", "北京总部"), s("a", "12:00", "13:00", "北京总部")]
    assert pc.session_clashes(same, pc.TravelTimes(60)) == []
    remote = [rows[0], s("a", "12:10", "13:00", "济南研发中心", remote=True)]
    assert pc.session_clashes(remote, pc.TravelTimes(60)) == []


def test_travel_setting_from_stored_values():
    t = pc.TravelTimes.from_setting(45, [["A", "B", 200]])
    assert (t.between("A", "B"), t.between("B", "A"), t.between("A", "C"), t.between("A", "A")) == (
        200,
        200,
        45,
        0,
    )


def test_overlapping_audits_clash_touching_edges_included():
    mine = pc.PersonAudit("a", "甲", "2027-0001", D, D + dt.timedelta(days=1))
    others = [
        pc.PersonAudit("a", "甲", "2027-0002", D + dt.timedelta(days=1), D + dt.timedelta(days=2)),
        pc.PersonAudit("a", "甲", "2027-0003", D + dt.timedelta(days=2), D + dt.timedelta(days=3)),
        pc.PersonAudit("b", "乙", "2027-0004", D, D),
    ]
    found = pc.audit_overlaps(mine, others)
    assert [c.second.audit for c in found] == ["2027-0002"]


def test_experts_observers_trainees_are_not_counted():
    team = [("team_leader", 1.0), ("auditor", 1.0), ("tech_expert", 1.0), ("trainee", 1.0)]
    assert pc.counted_days(team) == 2.0
    codes = {f.code for f in pc.days_check(team, 2.0, 2.5)}
    assert codes == {"planned_below_md5", "uncounted_days"}
    assert {f.code for f in pc.days_check(team[:2], 3.0, 3.0)} == {"team_below_planned"}
    assert pc.days_check(team[:2], 2.0, 2.0) == []


def test_remote_share_limit_at_the_edge():
    assert pc.remote_share(7.0, 3.0, 30) is None
    over = pc.remote_share(6.9, 3.1, 30)
    assert over is not None and over.code == "remote_share_exceeded" and over.value == 31.0


def test_suggested_dates_always_inside_the_window():
    start, latest = dt.date(2027, 1, 1), dt.date(2027, 3, 31)
    assert pc.suggest_dates(start, latest, dt.date(2026, 12, 1), 2) == (
        start,
        start + dt.timedelta(1),
    )
    assert pc.suggest_dates(start, latest, dt.date(2027, 3, 30), 2) == (
        dt.date(2027, 3, 30),
        latest,
    )
    assert pc.suggest_dates(start, latest, dt.date(2027, 3, 31), 2) == (
        dt.date(2027, 3, 30),
        latest,
    )
    assert pc.suggest_dates(start, latest, dt.date(2027, 6, 1), 3) == (dt.date(2027, 3, 29), latest)
    # A window shorter than the audit starts on its first day.
    assert pc.suggest_dates(latest, latest, dt.date(2027, 6, 1), 2)[0] == latest
    assert pc.suggest_dates(None, None, dt.date(2027, 6, 1), 1) == (dt.date(2027, 6, 1),) * 2
