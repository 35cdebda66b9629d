"""认证到 check-in for one audit (DOMAIN.md §11): photos with their EXIF, meeting times, the
site's coordinates and the leader's team checklist, checked by :mod:`auditdesk.rules.checkin`.

- Photo times and positions come from the photo files' EXIF only (DateTimeOriginal, GPS IFD):
  the time typed when a photo was added is not evidence of when it was taken, so a photo
  without EXIF is reported as such.
- Meeting times: the audit's stored times (:class:`AuditCheckIn`), else the plan's agenda
  convention (opening 08:30 on the first day, closing 16:30-17:00 on the last day, China time,
  as ``exports.plan`` lays it out).
- Site coordinates: the audit's central on-site site's :class:`SiteLocation` (entered by the
  auditor, or adopted from the first geotagged check-in photo with
  :func:`adopt_site_from_photos`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Attachment,
    Audit,
    AuditCheckIn,
    Site,
    SiteLocation,
)
from auditdesk.rules import checkin as rules
from auditdesk.services.audits import get_audit
from auditdesk.services.errors import NotFound, ValidationFailed
from auditdesk.services.users import Permission, require
from auditdesk.storage.attachments import AttachmentStore, exif_capture_time

CHINA = dt.timezone(dt.timedelta(hours=8))
OPENING_AT = dt.time(8, 30)
CLOSING_AT = dt.time(16, 30)
CLOSING_UNTIL = dt.time(17, 0)
_GPS_IFD = 0x8825


@dataclass(frozen=True)
class CheckInState:
    photos: list[rules.CheckInPhoto]
    filenames: dict[str, str]  # photo ref (attachment id) -> file name
    meetings: rules.Meetings | None
    site: tuple[float, float] | None
    site_source: str | None  # manual | photo | None
    team: list[tuple[rules.TeamMember, bool]]  # member, ticked
    findings: list[rules.Finding]


def exif_gps(path: Path) -> tuple[float, float] | None:
    """(latitude, longitude) in decimal degrees from the photo's EXIF GPS, None when absent."""
    try:
        from PIL import Image

        with Image.open(path) as img:
            gps = img.getexif().get_ifd(_GPS_IFD)
    except Exception:  # noqa: BLE001 — a photo whose EXIF Pillow cannot read has no location: the check-in says none
        return None
    try:
        lat = _degrees(gps[2], gps.get(1, "N"))
        lon = _degrees(gps[4], gps.get(3, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return (lat, lon)


def _degrees(dms: Any, ref: Any) -> float:
    d, m, s = (float(x) for x in dms)
    value = d + m / 60 + s / 3600
    return -value if str(ref).strip("\x00 ").upper() in ("S", "W") else value


def meetings(session: Session, audit: Audit) -> rules.Meetings | None:
    row = session.scalar(select(AuditCheckIn).where(AuditCheckIn.audit_id == audit.id))
    if row is not None and row.opening_start and row.closing_start and row.closing_end:
        return rules.Meetings(row.opening_start, row.closing_start, row.closing_end)
    if audit.start_date is None:
        return None
    last = audit.end_date or audit.start_date
    return rules.Meetings(
        dt.datetime.combine(audit.start_date, OPENING_AT, CHINA),
        dt.datetime.combine(last, CLOSING_AT, CHINA),
        dt.datetime.combine(last, CLOSING_UNTIL, CHINA),
    )


def _row(session: Session, audit: Audit) -> AuditCheckIn:
    row = session.scalar(select(AuditCheckIn).where(AuditCheckIn.audit_id == audit.id))
    if row is None:
        row = AuditCheckIn(audit_id=audit.id, ticked=[])
        session.add(row)
    return row


def set_meetings(
    session: Session,
    audit_id: uuid.UUID,
    opening_start: dt.datetime,
    closing_start: dt.datetime,
    closing_end: dt.datetime,
) -> AuditCheckIn:
    require(session, Permission.RECORD_EVIDENCE)
    audit = get_audit(session, audit_id)
    try:
        rules.Meetings(opening_start, closing_start, closing_end)
    except ValueError as exc:
        raise ValidationFailed(f"meeting times: {exc}", {"meetings": "invalid"}) from exc
    if closing_start < opening_start:
        raise ValidationFailed("closing before opening", {"meetings": "closing_before_opening"})
    row = _row(session, audit)
    row.opening_start, row.closing_start, row.closing_end = (
        opening_start,
        closing_start,
        closing_end,
    )
    session.flush()
    return row


def set_ticked(
    session: Session, audit_id: uuid.UUID, auditor_id: uuid.UUID, ticked: bool
) -> list[str]:
    """The leader ticks a team member as being on the check-in photos."""
    require(session, Permission.RECORD_EVIDENCE)
    audit = get_audit(session, audit_id)
    if str(auditor_id) not in {str(m.auditor_id) for m in audit.team}:
        raise ValidationFailed("not a team member", {"auditor": "not_in_team"})
    row = _row(session, audit)
    done = [t for t in row.ticked if t != str(auditor_id)]
    if ticked:
        done.append(str(auditor_id))
    row.ticked = sorted(done)
    session.flush()
    return list(row.ticked)


def audit_site(audit: Audit) -> Site | None:
    on_site = [s.site for s in audit.sites if not s.remote]
    central = [s for s in on_site if s.is_central]
    if central or on_site:
        return (central or on_site)[0]
    sites = [s for s in audit.organisation.sites if not s.archived]
    central_sites = [s for s in sites if s.is_central]
    return (central_sites or sites)[0] if sites else None


def site_location(session: Session, audit: Audit) -> SiteLocation | None:
    site = audit_site(audit)
    if site is None:
        return None
    return session.scalar(select(SiteLocation).where(SiteLocation.site_id == site.id))


def set_site_location(
    session: Session, site_id: uuid.UUID, latitude: float, longitude: float, source: str = "manual"
) -> SiteLocation:
    require(session, Permission.RECORD_EVIDENCE)
    if session.get(Site, site_id) is None:
        raise NotFound(f"no site {site_id}", id=str(site_id))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationFailed("coordinates out of range", {"coordinates": "out_of_range"})
    row = session.scalar(select(SiteLocation).where(SiteLocation.site_id == site_id))
    if row is None:
        row = SiteLocation(site_id=site_id, latitude=latitude, longitude=longitude, source=source)
        session.add(row)
    row.latitude, row.longitude, row.source = float(latitude), float(longitude), source
    session.flush()
    return row


def photos(session: Session, audit: Audit) -> tuple[list[rules.CheckInPhoto], dict[str, str]]:
    store = AttachmentStore.for_session(session)
    found: list[rules.CheckInPhoto] = []
    names: dict[str, str] = {}
    for att in session.scalars(
        select(Attachment)
        .where(
            Attachment.audit_id == audit.id,
            Attachment.archived.is_(False),
            Attachment.check_in.is_not(None),
        )
        .order_by(Attachment.created_at)
    ):
        assert att.check_in is not None
        taken = gps = None
        if store is not None and store.contains(att.sha256):
            path = store.path_of(att.sha256)
            taken = exif_capture_time(path, CHINA)
            gps = exif_gps(path)
        ref = str(att.id)
        names[ref] = att.filename
        found.append(
            rules.CheckInPhoto(
                ref,
                att.check_in.value,
                taken,
                gps[0] if gps else None,
                gps[1] if gps else None,
            )
        )
    return found, names


def adopt_site_from_photos(session: Session, audit_id: uuid.UUID) -> SiteLocation | None:
    """Store the audit site's coordinates from the first geotagged check-in photo, unless the
    site has coordinates already."""
    audit = get_audit(session, audit_id)
    site = audit_site(audit)
    if site is None or site_location(session, audit) is not None:
        return None
    first = rules.site_from_photos(photos(session, audit)[0])
    if first is None:
        return None
    return set_site_location(session, site.id, first[0], first[1], source="photo")


def team(session: Session, audit: Audit) -> list[tuple[rules.TeamMember, bool]]:
    row = session.scalar(select(AuditCheckIn).where(AuditCheckIn.audit_id == audit.id))
    ticked = set(row.ticked) if row is not None else set()
    remote_only = bool(audit.sites) and all(s.remote for s in audit.sites)
    return [
        (
            rules.TeamMember(str(m.auditor_id), m.auditor.name_zh, m.role.value, remote_only),
            str(m.auditor_id) in ticked,
        )
        for m in audit.team
    ]


def state(session: Session, audit_id: uuid.UUID) -> CheckInState:
    audit = get_audit(session, audit_id)
    found, names = photos(session, audit)
    meet = meetings(session, audit)
    loc = site_location(session, audit)
    site = (loc.latitude, loc.longitude) if loc is not None else None
    members = team(session, audit)
    findings = rules.check_photos(found, meet, site)
    if found:  # the checklist is about who is on the photos
        findings += rules.team_findings([m for m, _ in members], [m.ref for m, t in members if t])
    return CheckInState(found, names, meet, site, loc.source if loc else None, members, findings)
