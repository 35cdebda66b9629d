"""认证到 check-in rules (DOMAIN.md §11): 1-3 photos per meeting, 2 h windows, 5 km, team."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.rules import checkin as ci

CN = dt.timezone(dt.timedelta(hours=8))
SITE = (31.2304, 121.4737)  # 上海人民广场
MEET = ci.Meetings(
    opening_start=dt.datetime(2026, 11, 3, 8, 30, tzinfo=CN),
    closing_start=dt.datetime(2026, 11, 4, 16, 30, tzinfo=CN),
    closing_end=dt.datetime(2026, 11, 4, 17, 0, tzinfo=CN),
)


def photo(ref, moment, hh, mm, day=None, pos=SITE):
    day = day or (3 if moment == ci.OPENING else 4)
    taken = dt.datetime(2026, 11, day, hh, mm, tzinfo=CN)
    return ci.CheckInPhoto(ref, moment, taken, *(pos or (None, None)))


def good():
    return [photo("o1", ci.OPENING, 8, 40), photo("c1", ci.CLOSING, 16, 45)]


def codes(findings):
    return [(f.code, f.ref) for f in findings]


def test_a_good_check_in_has_no_findings():
    assert ci.check_photos(good(), MEET, SITE) == []


def test_opening_photo_2h10_after_the_opening_is_late():
    late = photo("o2", ci.OPENING, 10, 40)  # 08:30 + 2 h 10 min
    found = ci.check_photos([late, photo("c1", ci.CLOSING, 16, 45)], MEET, SITE)
    assert codes(found) == [(ci.OPENING_TOO_LATE, "o2")]
    assert found[0].minutes == 10 and found[0].serious
    # exactly 2 h after the start is still in time; earlier the same day is accepted
    on_edge = photo("o3", ci.OPENING, 10, 30)
    early = photo("o4", ci.OPENING, 7, 55)
    assert ci.check_photos([on_edge, early, good()[1]], MEET, SITE) == []


def test_opening_photo_of_the_day_before_is_flagged():
    eve = photo("o5", ci.OPENING, 18, 0, day=2)
    assert codes(ci.check_photos([eve, good()[1]], MEET, SITE)) == [(ci.OPENING_WRONG_DAY, "o5")]


def test_closing_window_is_from_the_start_to_2h_after_the_end():
    before = photo("c2", ci.CLOSING, 16, 10)
    after = photo("c3", ci.CLOSING, 19, 5)  # end 17:00 + 2 h = 19:00
    edge = photo("c4", ci.CLOSING, 19, 0)
    found = ci.check_photos([good()[0], before, after, edge], MEET, SITE)
    assert codes(found) == [(ci.CLOSING_TOO_EARLY, "c2"), (ci.CLOSING_TOO_LATE, "c3")]
    assert [f.minutes for f in found] == [20, 5]


def test_a_fourth_photo_is_flagged():
    photos = [photo(f"o{i}", ci.OPENING, 8, 35 + i) for i in range(1, 5)] + [good()[1]]
    found = ci.check_photos(photos, MEET, SITE)
    assert codes(found) == [(ci.TOO_MANY_PHOTOS, "o4")]
    assert ci.check_photos(photos[:3] + [good()[1]], MEET, SITE) == []


def test_a_photo_6_km_away_is_flagged():
    # 6 km north: 6 / 111.2 degrees of latitude
    away = (SITE[0] + 6 / 111.195, SITE[1])
    far = photo("c9", ci.CLOSING, 16, 45, pos=away)
    found = ci.check_photos([good()[0], far], MEET, SITE)
    assert codes(found) == [(ci.TOO_FAR, "c9")]
    assert found[0].km == pytest.approx(6.0, abs=0.1)
    near = photo("c8", ci.CLOSING, 16, 45, pos=(SITE[0] + 4.9 / 111.195, SITE[1]))
    assert ci.check_photos([good()[0], near], MEET, SITE) == []


def test_haversine_known_distance():
    # Beijing (39.9042, 116.4074) to Shanghai (31.2304, 121.4737): about 1067 km
    assert ci.haversine_km(39.9042, 116.4074, 31.2304, 121.4737) == pytest.approx(1067, abs=5)
    assert ci.haversine_km(*SITE, *SITE) == 0
    with pytest.raises(ValueError):
        ci.haversine_km(91, 0, 0, 0)


def test_a_photo_without_exif_says_so_instead_of_passing():
    bare = ci.CheckInPhoto("o7", ci.OPENING, None)
    found = ci.check_photos([bare, good()[1]], MEET, SITE)
    assert (ci.NO_EXIF_TIME, "o7") in codes(found)
    assert (ci.NO_GPS, "o7") in codes(found)
    assert next(f for f in found if f.code == ci.NO_EXIF_TIME).serious
    assert not next(f for f in found if f.code == ci.NO_GPS).serious


def test_missing_meeting_photos_and_unknown_site():
    found = ci.check_photos([good()[0]], MEET, None)
    assert (ci.NO_PHOTO, None) in codes(found)
    assert next(f for f in found if f.code == ci.NO_PHOTO).moment == ci.CLOSING
    assert (ci.NO_SITE_LOCATION, None) in codes(found)


def test_site_from_the_first_geotagged_photo():
    a = photo("o1", ci.OPENING, 8, 50, pos=(30.0, 120.0))
    b = photo("o2", ci.OPENING, 8, 40, pos=(31.0, 121.0))
    c = ci.CheckInPhoto("o3", ci.OPENING, None)
    assert ci.site_from_photos([a, b, c]) == (31.0, 121.0)
    assert ci.site_from_photos([c]) is None


def test_team_checklist_includes_experts_trainees_and_remote_members():
    team = [
        ci.TeamMember("a", "王建国", "team_leader"),
        ci.TeamMember("b", "陈专家", "tech_expert"),
        ci.TeamMember("c", "小李", "trainee"),
        ci.TeamMember("d", "赵远程", "auditor", remote=True),
    ]
    found = ci.team_findings(team, ["a", "c"])
    assert codes(found) == [(ci.MEMBER_NOT_TICKED, "b"), (ci.MEMBER_NOT_TICKED, "d")]
    assert ci.team_findings(team, ["a", "b", "c", "d"]) == []


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        ci.Meetings(dt.datetime(2026, 11, 3, 8, 30), MEET.closing_start, MEET.closing_end)
