"""认证到 check-in rules (DOMAIN.md §11): photos per meeting, EXIF time windows, distance, team.

CNCA's check-in (国认监〔2021〕3号 and the platform's FAQ): at the opening and at the closing
meeting the team checks in with 1-3 photos showing the whole team with the client.

- opening: no later than 2 h after the opening meeting starts; earlier is accepted, but only on
  the day of the opening meeting;
- closing: not before the closing meeting starts, no later than 2 h after it ends;
- a check-in more than 5 km from the audit address is an anomaly (地点偏差).

Pure stdlib. Every finding is a code plus data (photo reference, minutes, km); the UI writes the
sentence. A photo without EXIF capture time is reported as such, never passed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

OPENING = "opening"
CLOSING = "closing"
MOMENTS = (OPENING, CLOSING)

MAX_PHOTOS = 3
WINDOW = dt.timedelta(hours=2)
MAX_DISTANCE_KM = 5.0
EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius

# Finding codes
NO_PHOTO = "check_in.no_photo"
TOO_MANY_PHOTOS = "check_in.too_many_photos"
NO_EXIF_TIME = "check_in.no_exif_time"
OPENING_TOO_LATE = "check_in.opening_too_late"
OPENING_WRONG_DAY = "check_in.opening_wrong_day"
CLOSING_TOO_EARLY = "check_in.closing_too_early"
CLOSING_TOO_LATE = "check_in.closing_too_late"
NO_GPS = "check_in.no_gps"
TOO_FAR = "check_in.too_far"
NO_SITE_LOCATION = "check_in.no_site_location"
NO_MEETING_TIMES = "check_in.no_meeting_times"
MEMBER_NOT_TICKED = "check_in.member_not_ticked"

# Codes that are anomalies CNCA flags; the rest are information the team should see.
SERIOUS = frozenset(
    {
        NO_PHOTO,
        TOO_MANY_PHOTOS,
        NO_EXIF_TIME,
        OPENING_TOO_LATE,
        OPENING_WRONG_DAY,
        CLOSING_TOO_EARLY,
        CLOSING_TOO_LATE,
        TOO_FAR,
        MEMBER_NOT_TICKED,
    }
)


@dataclass(frozen=True, slots=True)
class CheckInPhoto:
    ref: str  # attachment id or file name: where the UI points
    moment: str  # OPENING | CLOSING
    taken_at: dt.datetime | None  # EXIF capture time (aware); None = no EXIF time
    latitude: float | None = None  # EXIF GPS, decimal degrees
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class Meetings:
    """The plan's meeting times (aware datetimes)."""

    opening_start: dt.datetime
    closing_start: dt.datetime
    closing_end: dt.datetime

    def __post_init__(self) -> None:
        for value in (self.opening_start, self.closing_start, self.closing_end):
            if value.tzinfo is None:
                raise ValueError("meeting times must be timezone-aware")
        if self.closing_end < self.closing_start:
            raise ValueError("closing meeting ends before it starts")


@dataclass(frozen=True, slots=True)
class TeamMember:
    ref: str  # auditor id
    name: str
    role: str  # team_leader, auditor, tech_expert, trainee, observer ...
    remote: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    moment: str | None = None
    ref: str | None = None  # photo or member reference
    minutes: int | None = None  # how far outside the window
    km: float | None = None  # distance from the site

    @property
    def serious(self) -> bool:
        return self.code in SERIOUS


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two WGS-84 points in km."""
    for lat in (lat1, lat2):
        if not -90.0 <= lat <= 90.0:
            raise ValueError(f"latitude out of range: {lat}")
    for lon in (lon1, lon2):
        if not -180.0 <= lon <= 180.0:
            raise ValueError(f"longitude out of range: {lon}")
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _minutes(delta: dt.timedelta) -> int:
    return math.ceil(delta.total_seconds() / 60)


def time_findings(photo: CheckInPhoto, meetings: Meetings) -> list[Finding]:
    """Is the photo's EXIF time inside its meeting's window?"""
    if photo.taken_at is None:
        return [Finding(NO_EXIF_TIME, photo.moment, photo.ref)]
    taken = photo.taken_at
    if taken.tzinfo is None:
        raise ValueError("photo time must be timezone-aware")
    if photo.moment == OPENING:
        latest = meetings.opening_start + WINDOW
        if taken > latest:
            return [Finding(OPENING_TOO_LATE, OPENING, photo.ref, minutes=_minutes(taken - latest))]
        local_day = meetings.opening_start.date()
        if taken.astimezone(meetings.opening_start.tzinfo).date() != local_day:
            return [
                Finding(
                    OPENING_WRONG_DAY,
                    OPENING,
                    photo.ref,
                    minutes=_minutes(meetings.opening_start - taken),
                )
            ]
        return []
    if taken < meetings.closing_start:
        return [
            Finding(
                CLOSING_TOO_EARLY,
                CLOSING,
                photo.ref,
                minutes=_minutes(meetings.closing_start - taken),
            )
        ]
    latest = meetings.closing_end + WINDOW
    if taken > latest:
        return [Finding(CLOSING_TOO_LATE, CLOSING, photo.ref, minutes=_minutes(taken - latest))]
    return []


def place_findings(photo: CheckInPhoto, site: tuple[float, float] | None) -> list[Finding]:
    if photo.latitude is None or photo.longitude is None:
        return [Finding(NO_GPS, photo.moment, photo.ref)]
    if site is None:
        return []
    km = haversine_km(site[0], site[1], photo.latitude, photo.longitude)
    if km > MAX_DISTANCE_KM:
        return [Finding(TOO_FAR, photo.moment, photo.ref, km=round(km, 1))]
    return []


def check_photos(
    photos: Sequence[CheckInPhoto],
    meetings: Meetings | None,
    site: tuple[float, float] | None,
) -> list[Finding]:
    """All findings on the check-in photos of one audit, opening first.

    Photos are taken in their capture order (no-EXIF photos last); the 4th and later photo of
    a meeting is flagged. ``site`` is the audit address's (latitude, longitude), None when
    unknown (then one NO_SITE_LOCATION finding instead of distances).
    """
    findings: list[Finding] = []
    if meetings is None:
        findings.append(Finding(NO_MEETING_TIMES))
    if site is None and any(p.latitude is not None for p in photos):
        findings.append(Finding(NO_SITE_LOCATION))
    for moment in MOMENTS:
        mine = sorted(
            (p for p in photos if p.moment == moment),
            key=lambda p: (
                p.taken_at is None,
                p.taken_at or dt.datetime.min.replace(tzinfo=dt.UTC),
            ),
        )
        if not mine:
            findings.append(Finding(NO_PHOTO, moment))
            continue
        for n, photo in enumerate(mine, start=1):
            if n > MAX_PHOTOS:
                findings.append(Finding(TOO_MANY_PHOTOS, moment, photo.ref))
            if meetings is not None:
                findings += time_findings(photo, meetings)
            elif photo.taken_at is None:
                findings.append(Finding(NO_EXIF_TIME, moment, photo.ref))
            findings += place_findings(photo, site)
    return findings


def team_findings(team: Iterable[TeamMember], ticked: Iterable[str]) -> list[Finding]:
    """Every team member (experts, trainees and remote members included) must be ticked by the
    leader as being on the check-in photos."""
    done = set(ticked)
    return [Finding(MEMBER_NOT_TICKED, ref=m.ref) for m in team if m.ref not in done]


def site_from_photos(photos: Iterable[CheckInPhoto]) -> tuple[float, float] | None:
    """The first geotagged photo's position (by capture time): a default site location."""
    tagged = [p for p in photos if p.latitude is not None and p.longitude is not None]
    if not tagged:
        return None
    tagged.sort(
        key=lambda p: (p.taken_at is None, p.taken_at or dt.datetime.max.replace(tzinfo=dt.UTC))
    )
    first = tagged[0]
    assert first.latitude is not None and first.longitude is not None
    return (first.latitude, first.longitude)
