"""Evidence against the plan (issue 17.7): the check an auditor runs before leaving the site.

For one audit, in words (``consistency`` group of the catalogue):
- every evidence item is recorded at one of the audit's sites, within the audit's dates, at a
  time when the plan's agenda has a team member at that site (10 minutes' leeway either side);
- two consecutive items at different on-site sites are far enough apart for the travel time
  [setting ``plan_travel_minutes`` / ``plan_travel_pairs``] unless someone else was planned
  at the second site;
- each evidence photo has an EXIF capture time within 30 minutes of its evidence item;
- each NC cites evidence of this audit, at the audit's sites, and does not name a site of
  the register that is not one of the audit's.

Times are compared in China Standard Time (UTC+8), the time the plan is written in.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import Attachment, AuditSite, EvidenceItem, Nonconformity, Site
from auditdesk.services import plan_agenda
from auditdesk.services.audits import find_audit
from auditdesk.services.plan_words import fill

CST = dt.timezone(dt.timedelta(hours=8))
LEEWAY = dt.timedelta(minutes=10)
PHOTO_TOLERANCE = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Finding:
    code: str
    values: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return fill("consistency", self.code, lang, **self.values)


@dataclass(frozen=True)
class ConsistencyReport:
    audit: str
    evidence_checked: int
    photos_checked: int
    ncs_checked: int
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


def _local(t: dt.datetime) -> dt.datetime:
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(CST)


def _hm(t: dt.datetime) -> str:
    return _local(t).strftime("%Y-%m-%d %H:%M")


def check_audit(session: Session, audit_ref: uuid.UUID | str) -> ConsistencyReport:
    audit = find_audit(session, str(audit_ref))
    links = session.execute(
        select(AuditSite, Site)
        .join(Site, AuditSite.site_id == Site.id)
        .where(AuditSite.audit_id == audit.id)
    ).all()
    audit_sites = {s.id: s for _a, s in links}
    remote_sites = {s.id for a, s in links if a.remote}
    rows = plan_agenda.agenda_of(session, audit)
    names = {m.id: m.name_zh for m in plan_agenda.members_of(session, audit)}
    sessions = plan_agenda.sessions_of(rows, names, audit.number)
    travel = plan_agenda.travel_times(session)
    items = list(
        session.scalars(
            select(EvidenceItem)
            .where(EvidenceItem.audit_id == audit.id, EvidenceItem.archived.is_(False))
            .order_by(EvidenceItem.observed_at, EvidenceItem.seq)
        )
    )
    seq = {e.id: e.seq or i + 1 for i, e in enumerate(items)}
    findings: list[Finding] = []
    dates = (
        f"{audit.start_date.isoformat()} – {(audit.end_date or audit.start_date).isoformat()}"
        if audit.start_date
        else ""
    )

    def planned(site: str, when: dt.datetime) -> set[str]:
        local = _local(when).replace(tzinfo=None)
        return {
            s.person
            for s in sessions
            if s.site == site and s.start_dt() - LEEWAY <= local <= s.end_dt() + LEEWAY
        }

    previous: tuple[EvidenceItem, set[str]] | None = None
    for e in items:
        site = audit_sites.get(e.site_id) if e.site_id else None
        where = site.name if site else ""
        values = {"seq": seq[e.id], "time": _hm(e.observed_at), "site": where}
        if e.site_id is None:
            findings.append(Finding("no_site", values))
        elif site is None:
            other = session.get(Site, e.site_id)
            values["site"] = other.name if other else str(e.site_id)
            findings.append(Finding("site_not_in_audit", values))
        day = _local(e.observed_at).date()
        if audit.start_date and not (
            audit.start_date <= day <= (audit.end_date or audit.start_date)
        ):
            findings.append(Finding("outside_dates", {**values, "dates": dates}))
            continue
        if site is None:
            continue
        people = planned(site.name, e.observed_at)
        if not people and sessions:
            findings.append(Finding("not_in_plan", values))
        if previous is not None:
            prev, prev_people = previous
            prev_site = audit_sites.get(prev.site_id) if prev.site_id else None
            if (
                prev_site is not None
                and prev_site.id != site.id
                and not e.remote
                and not prev.remote
                and site.id not in remote_sites
                and prev_site.id not in remote_sites
            ):
                gap = int((e.observed_at - prev.observed_at).total_seconds() // 60)
                needed = travel.between(prev_site.name, site.name)
                if gap < needed and (not sessions or (people and people <= prev_people)):
                    findings.append(
                        Finding(
                            "travel_impossible",
                            {
                                **values,
                                "other": seq[prev.id],
                                "other_time": _hm(prev.observed_at),
                                "other_site": prev_site.name,
                                "gap": gap,
                                "needed": needed,
                            },
                        )
                    )
        previous = (e, people)
    # Photos
    photos = session.scalars(
        select(Attachment).where(
            Attachment.evidence_id.in_([e.id for e in items]),
            Attachment.is_photo.is_(True),
            Attachment.archived.is_(False),
        )
    ).all()
    by_id = {e.id: e for e in items}
    for p in photos:
        item = by_id[p.evidence_id] if p.evidence_id in by_id else None
        if item is None:
            continue
        values = {"seq": seq[item.id], "file": p.filename, "time": _hm(item.observed_at)}
        if p.captured_at is None:
            findings.append(Finding("photo_no_time", values))
            continue
        captured = p.captured_at if p.captured_at.tzinfo else p.captured_at.replace(tzinfo=dt.UTC)
        observed = (
            item.observed_at if item.observed_at.tzinfo else item.observed_at.replace(tzinfo=dt.UTC)
        )
        gap = abs(int((captured - observed).total_seconds() // 60))
        if gap > PHOTO_TOLERANCE.total_seconds() // 60:
            findings.append(
                Finding("photo_time", {**values, "photo_time": _hm(captured), "gap": gap})
            )
    # NCs
    ncs = session.scalars(
        select(Nonconformity).where(
            Nonconformity.audit_id == audit.id, Nonconformity.archived.is_(False)
        )
    ).all()
    others = [
        s.name
        for s in session.scalars(
            select(Site).where(Site.id.not_in(list(audit_sites) or [uuid.uuid4()]))
        )
        if len(s.name) >= 3 and not any(s.name in x.name for x in audit_sites.values())
    ]
    for nc in ncs:
        own = [e for e in nc.evidence if e.audit_id == audit.id]
        if not own:
            findings.append(Finding("nc_no_evidence", {"nc": nc.number}))
        for e in own:
            if e.site_id not in audit_sites:
                findings.append(Finding("nc_site", {"nc": nc.number, "seq": seq.get(e.id, "?")}))
        text = " ".join((nc.evidence_text, nc.reason, nc.requirement))
        for name in sorted(set(others)):
            if name in text:
                findings.append(Finding("nc_foreign_site", {"nc": nc.number, "site": name}))
    return ConsistencyReport(audit.number, len(items), len(photos), len(ncs), tuple(findings))
