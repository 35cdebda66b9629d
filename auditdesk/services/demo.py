"""The demo database: a realistic CB register built from the seed documents.

``build_demo(session)`` fills an empty database with the organisations, auditors, evidence
snippets and nonconformities of ``resources/demo/corpus.json`` (paraphrased from the Chinese
seed documents) and lays out certificates at every point of the 3-year cycle *relative to
today*: fresh certificates, surveillances due and overdue, suspended, withdrawn, cancelled
and expired certificates, a recertified one in its second cycle. Audits carry teams,
evidence with generated photos, judgements, check-in photos and NCs in every state.

Everything goes through the services, as a user's actions would, so the demo exercises the
same validation, numbering, deadlines and change log as real work. The layout is
deterministic for a given ``seed`` and ``today``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Audit,
    AuditMode,
    Auditor,
    AuditorGrade,
    AuditStatus,
    AuditType,
    CBSetting,
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    CheckInMoment,
    Clause,
    EvidenceItem,
    EvidenceType,
    Judgement,
    NCGrade,
    Nonconformity,
    Organisation,
    Role,
    Standard,
    TeamRole,
    User,
    VerificationMethod,
)
from auditdesk.paths import resource
from auditdesk.rules import credit_code
from auditdesk.rules.dates import add_months, default_expiry
from auditdesk.services import evidence as evidence_service
from auditdesk.services import nonconformities as nc_service
from auditdesk.services.audits import AuditData, create_audit, next_audit_number
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, add_licence, create_organisation
from auditdesk.services.demo_photos import make_photo
from auditdesk.services.users import create_user

DEMO_SEED = 20261121
_CST = dt.timezone(dt.timedelta(hours=8))  # the demo's wall-clock time: China Standard Time
DEMO_PASSWORD = "auditdesk-demo"
DEMO_USERS = (
    ("admin", Role.ADMIN, "系统管理员"),
    ("lead", Role.LEAD, "王建国"),
    ("auditor", Role.AUDITOR, "李明"),
)
CB_SETTINGS = {
    "cb_name_zh": "华信质量认证中心（演示）",
    "cb_name_en": "Huaxin Quality Certification Centre (demo)",
    "cb_address": "北京市海淀区学院路 30 号 邮编 100083",
    "cb_phone": "010-8888 6666",
    "cb_accreditation": "CNAS C999-M (演示)",
    "cnca_approval_no": "CNCA-R-2002-123",  # demo: plan numbers R012301…
}
_SCHEME_STANDARD = {
    "QMS": "ISO9001:2015",
    "EMS": "ISO14001:2015",
    "OHSMS": "ISO45001:2018",
    "ISMS": "ISO27001:2022",
}
_SCHEME_LETTER = {"QMS": "Q", "EMS": "E", "OHSMS": "S", "ISMS": "I"}
# Six-digit administrative region codes (GB/T 2260) for credit codes, by province.
_REGION = {
    "北京市": "110108",
    "天津市": "120116",
    "河北省": "130602",
    "山西省": "140105",
    "内蒙古自治区": "150102",
    "辽宁省": "210211",
    "黑龙江省": "230103",
    "上海市": "310115",
    "江苏省": "320506",
    "浙江省": "330106",
    "安徽省": "340104",
    "福建省": "350203",
    "江西省": "360111",
    "山东省": "370212",
    "河南省": "410105",
    "湖北省": "420106",
    "湖南省": "430104",
    "广东省": "440305",
    "广西壮族自治区": "450103",
    "海南省": "460106",
    "重庆市": "500112",
    "四川省": "510107",
    "贵州省": "520102",
    "云南省": "530102",
    "陕西省": "610113",
    "甘肃省": "620102",
    "宁夏回族自治区": "640104",
}


@dataclass(frozen=True)
class Scenario:
    """Where a certificate stands today: issued ``months_ago``, with these audits done."""

    name: str
    months_ago: int
    done: tuple[AuditType, ...] = ()
    status: CertificateStatus = CertificateStatus.VALID
    planned_next: bool = True  # a planned audit for the next programme entry


SCENARIOS = (
    Scenario("fresh", 2),
    Scenario("s1_window_open", 10),
    Scenario("s1_done", 15, (AuditType.SURVEILLANCE_1,)),
    Scenario("s2_window_open", 22, (AuditType.SURVEILLANCE_1,)),
    Scenario("s2_done", 27, (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2)),
    Scenario("recert_window_open", 32, (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2)),
    Scenario("s1_overdue", 13, (), planned_next=False),
    Scenario("suspended", 15, (), CertificateStatus.SUSPENDED, planned_next=False),
    # Suspended eight months ago: past the 6-month maximum, withdrawal is now required.
    Scenario("suspension_expired", 20, (), CertificateStatus.SUSPENDED, planned_next=False),
    Scenario("withdrawn", 22, (), CertificateStatus.WITHDRAWN, planned_next=False),
    Scenario(
        "cancelled",
        20,
        (AuditType.SURVEILLANCE_1,),
        CertificateStatus.CANCELLED,
        planned_next=False,
    ),
    Scenario(
        "expired",
        38,
        (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2),
        CertificateStatus.EXPIRED,
        planned_next=False,
    ),
    Scenario(
        "recertified",
        42,
        (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2, AuditType.RECERTIFICATION),
    ),
    Scenario("s1_done_recent", 12, (AuditType.SURVEILLANCE_1,)),
)


@dataclass
class DemoSummary:
    organisations: int = 0
    certificates: int = 0
    audits: int = 0
    evidence: int = 0
    photos: int = 0
    nonconformities: int = 0
    flagship_audit: str = ""
    workspace_audit: str = ""
    by_scenario: dict[str, int] = field(default_factory=dict)


# Demo site coordinates: the provincial capital (WGS-84), so the check-in photos' GPS and the
# site's stored location agree (DOMAIN.md §11: > 5 km is an anomaly). Demo data, not geocoding.
_PROVINCE_CENTRE = {
    "北京市": (39.9042, 116.4074),
    "天津市": (39.0842, 117.2010),
    "上海市": (31.2304, 121.4737),
    "重庆市": (29.5630, 106.5516),
    "河北省": (38.0428, 114.5149),
    "山西省": (37.8706, 112.5489),
    "内蒙古自治区": (40.8424, 111.7490),
    "辽宁省": (41.8057, 123.4315),
    "黑龙江省": (45.8038, 126.5350),
    "江苏省": (32.0603, 118.7969),
    "浙江省": (30.2741, 120.1551),
    "安徽省": (31.8206, 117.2272),
    "福建省": (26.0745, 119.2965),
    "江西省": (28.6820, 115.8579),
    "山东省": (36.6512, 117.1201),
    "河南省": (34.7466, 113.6254),
    "湖北省": (30.5928, 114.3055),
    "湖南省": (28.2282, 112.9388),
    "广东省": (23.1291, 113.2644),
    "广西壮族自治区": (22.8170, 108.3665),
    "海南省": (20.0440, 110.1999),
    "四川省": (30.5728, 104.0668),
    "贵州省": (26.6470, 106.6302),
    "云南省": (24.8801, 102.8329),
    "陕西省": (34.3416, 108.9398),
    "甘肃省": (36.0611, 103.8343),
    "宁夏回族自治区": (38.4872, 106.2309),
}


def _photo_gps(org: Organisation) -> tuple[float, float] | None:
    """Where the team stood: ~200 m from the site's stored point."""
    centre = _PROVINCE_CENTRE.get(org.province)
    return None if centre is None else (centre[0] + 0.0015, centre[1] + 0.001)


def _demo_check_in_data(session: Session, audit: Audit, org: Organisation) -> None:
    """The site's coordinates and the leader's ticks, as the team would record them."""
    from auditdesk.services import check_in

    centre = _PROVINCE_CENTRE.get(org.province)
    site = check_in.audit_site(audit)
    if centre is not None and site is not None and check_in.site_location(session, audit) is None:
        check_in.set_site_location(session, site.id, *centre)
    for member in audit.team:
        check_in.set_ticked(session, audit.id, member.auditor_id, True)


def _demo_id_card(i: int) -> str:
    """A valid-looking 身份证号码 (GB 11643 check digit) for demo auditor ``i``; no rng draw,
    so the rest of the demo stays as it was."""
    from auditdesk.rules.id_documents import id_card_check

    born = dt.date(1968, 3, 1) + dt.timedelta(days=397 * i)
    first17 = f"110108{born:%Y%m%d}{100 + i:03d}"
    return first17 + id_card_check(first17)


def load_corpus() -> dict[str, Any]:
    with resource("demo", "corpus.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


class _Builder:
    def __init__(self, session: Session, today: dt.date, seed: int) -> None:
        self.s = session
        self.today = today
        self.rng = random.Random(seed)
        self.corpus = load_corpus()
        self.summary = DemoSummary()
        self.standards = {std.key: std for std in session.scalars(select(Standard))}
        self.clauses: dict[tuple[str, str], Clause] = {}
        for clause, key in session.execute(select(Clause, Standard.key).join(Standard)):
            self.clauses[(key, clause.number)] = clause
        self.auditors: list[Auditor] = []
        self.busy: dict[uuid.UUID, list[tuple[dt.date, dt.date]]] = {}  # audits per auditor
        self.cert_seq = 0
        self.photo_dir = Path(tempfile.mkdtemp(prefix="auditdesk-demo-"))

    # ------------------------------------------------------------------ registers
    def settings(self) -> None:
        for key, value in CB_SETTINGS.items():
            self.s.add(CBSetting(key=key, value=value))

    def auditors_and_users(self) -> None:
        for i, a in enumerate(self.corpus["auditors"]):
            expiry = add_months(
                self.today, 2 if i == 7 else 14 + 3 * i
            )  # one registration expires soon
            auditor = Auditor(
                name_zh=a["name_zh"],
                name_en=a["name_en"],
                ccaa_no=a["registration_no"],
                grade=AuditorGrade(a["grade"]),
                registration_expiry=expiry,
                schemes=list(a["schemes"]),
                technical_codes=",".join(a.get("technical_areas", [])),
                phone=f"139{self.rng.randrange(10**8):08d}",
                email=f"{a['name_en'].split()[0].lower()}@huaxin-cert.example",
                id_doc_type="id_card",
                id_doc_no=_demo_id_card(i),
            )
            self.s.add(auditor)
            self.auditors.append(auditor)
        self.s.flush()
        leads = [a for a in self.auditors if a.grade is AuditorGrade.LEAD_AUDITOR]
        existing = set(self.s.scalars(select(User.username)))
        for username, role, display in DEMO_USERS:
            if username in existing:
                # The first start already made this account (the person's own password): keep it.
                continue
            linked = next((a for a in self.auditors if a.name_zh == display), None)
            if linked is None and role is Role.AUDITOR:
                linked = next(a for a in self.auditors if a.grade is AuditorGrade.AUDITOR)
            if linked is None and role is Role.LEAD:
                linked = leads[0]
            create_user(
                self.s,
                username,
                DEMO_PASSWORD,
                role,
                display_name=linked.name_zh if linked else display,
                auditor_id=linked.id if linked else None,
            )

    def organisation(self, o: dict[str, Any]) -> Organisation:
        code = credit_code.generate(self.rng, _REGION.get(o["province"], "110108"))
        org = create_organisation(
            self.s,
            OrganisationData(
                name_zh=o["name_zh"],
                name_en=o["name_en"],
                credit_code=code,
                address=o["address"],
                province=o["province"],
                city=o.get("city", ""),
                industry=o.get("industry_zh", ""),
                effective_personnel=int(o["effective_personnel"]),
                technical_codes=o.get("technical_area", ""),
                consultant=o.get("consultant") or "",
                representative=self.rng.choice(["张", "李", "王", "刘", "陈", "杨", "赵", "黄"])
                + self.rng.choice(["建华", "国强", "海燕", "志明", "永刚", "丽华", "德胜", "秀英"]),
                contact_name=self.rng.choice(["周", "吴", "徐", "孙", "马", "朱"])
                + self.rng.choice(["敏", "静", "伟", "强", "磊", "洁"]),
                contact_phone=f"1{self.rng.choice('3589')}{self.rng.randrange(10**9):09d}",
                sites=[
                    {
                        "name": site["name"],
                        "address": site.get("address", ""),
                        "is_central": i == 0,
                        "personnel": int(o["effective_personnel"]) if i == 0 else 0,
                    }
                    for i, site in enumerate(o.get("sites", []))
                ],
            ),
        )
        for lic in o.get("licences", []):
            add_licence(
                self.s,
                org.id,
                lic["kind"],
                lic["number"].replace("{credit_code}", code),
                lic.get("issuer", ""),
                add_months(self.today, self.rng.randint(3, 48)),
            )
        self.summary.organisations += 1
        return org

    # ------------------------------------------------------------------ certificates and audits
    def _free(self, a: Auditor, start: dt.date, end: dt.date) -> bool:
        return all(e < start or s > end for s, e in self.busy.get(a.id, []))

    def team_free(self, scheme: str, start: dt.date, end: dt.date) -> bool:
        leads = [
            a for a in self.auditors if a.grade is AuditorGrade.LEAD_AUDITOR and scheme in a.schemes
        ] or [a for a in self.auditors if a.grade is AuditorGrade.LEAD_AUDITOR]
        members = [
            a for a in self.auditors if a.grade is AuditorGrade.AUDITOR and scheme in a.schemes
        ]
        return any(self._free(a, start, end) for a in leads) and (
            not members or any(self._free(a, start, end) for a in members)
        )

    def team_for(
        self, scheme: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[tuple[uuid.UUID, TeamRole]]:
        """A leader and an auditor for ``scheme`` who are not on another audit on those days
        (nobody in two places at once); anyone qualified when all are busy."""

        def free(a: Auditor) -> bool:
            if start is None:
                return True
            last = end or start
            return all(e < start or s > last for s, e in self.busy.get(a.id, []))

        def pick(pool: list[Auditor]) -> Auditor:
            return self.rng.choice([a for a in pool if free(a)] or pool)

        leads = [
            a for a in self.auditors if a.grade is AuditorGrade.LEAD_AUDITOR and scheme in a.schemes
        ]
        members = [
            a for a in self.auditors if a.grade is AuditorGrade.AUDITOR and scheme in a.schemes
        ]
        leads = leads or [a for a in self.auditors if a.grade is AuditorGrade.LEAD_AUDITOR]
        chosen = [pick(leads)]
        team = [(chosen[0].id, TeamRole.TEAM_LEADER)]
        if members:
            chosen.append(pick(members))
            team.append((chosen[1].id, TeamRole.AUDITOR))
        if start is not None:
            for a in chosen:
                self.busy.setdefault(a.id, []).append((start, end or start))
        return team

    def audit(
        self,
        cert: Certificate,
        scheme: str,
        audit_type: AuditType,
        start: dt.date,
        days: int,
        status: AuditStatus,
        org: Organisation,
        **kw: Any,
    ) -> Audit:
        # Move the audit by up to a week when nobody qualified is free on its days (nobody in
        # two places at once), staying inside the programme window when there is one.
        low, high = kw.get("window_start"), kw.get("window_latest")
        for shift in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7):
            moved = start + dt.timedelta(days=shift)
            moved_end = moved + dt.timedelta(days=max(0, days - 1))
            if (low and moved < low) or (high and moved_end > high):
                continue
            if self.team_free(scheme, moved, moved_end):
                start = moved
                break
        end = start + dt.timedelta(days=max(0, days - 1))
        # A one-day audit stays at the central site: two sites in one day leave no travel time.
        site_ids = [s.id for s in org.sites[: 2 if days >= 2 else 1]]
        audit = create_audit(
            self.s,
            AuditData(
                certificate_ids=[cert.id],
                audit_type=audit_type,
                start_date=start,
                end_date=end,
                mode=kw.pop("mode", AuditMode.ON_SITE),
                planned_days=float(days),
                status=status,
                team=self.team_for(scheme, start, end),
                site_ids=site_ids,
                objectives="确认管理体系持续符合认证标准要求并有效运行，评价其实现预期结果的能力。",
                scope=cert.scope_zh,
                **kw,
            ),
        )
        auditing = [m for m in audit.team if m.role in (TeamRole.TEAM_LEADER, TeamRole.AUDITOR)]
        for m in auditing:  # the plan's days shared by the members who audit
            m.days = float(days) / len(auditing)
        if status is AuditStatus.COMPLETED:
            audit.actual_days = float(days)
            audit.conclusion = "管理体系总体符合标准要求，运行有效；内部审核和管理评审按策划实施。"
            audit.recommendation = {
                AuditType.RECERTIFICATION: "recertify",
                AuditType.STAGE2: "grant",
            }.get(audit_type, "maintain")
        self.summary.audits += 1
        return audit

    def certificate(
        self, org: Organisation, o: dict[str, Any], scheme: str, scenario: Scenario
    ) -> Certificate:
        self.cert_seq += 1
        cycle_issue = add_months(self.today, -scenario.months_ago)
        first_issue = cycle_issue
        if AuditType.RECERTIFICATION in scenario.done:
            cycle_issue = add_months(first_issue, 36)  # the second cycle started at recertification
        number = f"041{first_issue.year % 100:02d}{_SCHEME_LETTER[scheme]}{self.cert_seq:05d}R{1 if cycle_issue != first_issue else 0}M"
        std_key = _SCHEME_STANDARD[scheme]
        complexity = (
            self.rng.choice(["high", "medium", "low"]) if scheme in ("EMS", "OHSMS") else "medium"
        )
        scope = f"{o.get('industry_zh', '')}所涉及的相关管理活动"
        cert = create_certificate(
            self.s,
            CertificateData(
                number=number,
                organisation_id=org.id,
                standard_key=std_key,
                issue_date=first_issue,
                decision_date=first_issue - dt.timedelta(days=3),
                scope_zh=scope,
                scope_en=f"Management activities related to {o.get('industry_en', '').lower()}",
                technical_codes=o.get("technical_area", ""),
                complexity=complexity,
            ),
        )
        # Initial certification: stage 1 and stage 2 before the decision.
        # Certificates of one scenario share their issue date; their initial audits are spread
        # over a few weeks so that four lead auditors can do them (nobody in two places).
        stage2 = first_issue - dt.timedelta(days=30 + (self.cert_seq * 3) % 17)
        self.audit(
            cert,
            scheme,
            AuditType.STAGE1,
            stage2 - dt.timedelta(days=35 + self.cert_seq % 7),
            1,
            AuditStatus.COMPLETED,
            org,
        )
        self.audit(cert, scheme, AuditType.STAGE2, stage2, 2, AuditStatus.COMPLETED, org)
        if cycle_issue != first_issue:
            cert.cycle_start = cycle_issue
            cert.issue_date = cycle_issue
            cert.expiry_date = default_expiry(cycle_issue)
            cert.revision = 1
            self.s.add(
                CertificateEvent(
                    certificate_id=cert.id,
                    kind=CertificateEventKind.RECERTIFY,
                    event_date=cycle_issue,
                    revision=1,
                    by_user="system",
                )
            )
        # Audits done in the first cycle (for a recertified certificate) and in the current one.
        base = first_issue
        for audit_type in scenario.done:
            if audit_type is AuditType.SURVEILLANCE_1:
                when = add_months(base, 11) - dt.timedelta(days=self.rng.randint(5, 40))
            elif audit_type is AuditType.SURVEILLANCE_2:
                when = add_months(base, 22) - dt.timedelta(days=self.rng.randint(5, 40))
            else:
                when = add_months(base, 34)
            if when < self.today:
                self.audit(cert, scheme, audit_type, when, 2, AuditStatus.COMPLETED, org)
        if cycle_issue != first_issue:
            when = add_months(cycle_issue, 5)
            if when < self.today:
                self.audit(
                    cert, scheme, AuditType.SURVEILLANCE_1, when, 2, AuditStatus.COMPLETED, org
                )
        self.status_events(cert, scenario, cycle_issue)
        if scenario.planned_next:
            self.plan_next(cert, scheme, org, scenario, cycle_issue)
        self.summary.certificates += 1
        self.summary.by_scenario[scenario.name] = self.summary.by_scenario.get(scenario.name, 0) + 1
        return cert

    def status_events(self, cert: Certificate, scenario: Scenario, cycle_issue: dt.date) -> None:
        s1_latest = add_months(cycle_issue, 12)
        events: list[tuple[CertificateEventKind, dt.date, str]] = []
        if scenario.status in (CertificateStatus.SUSPENDED, CertificateStatus.WITHDRAWN):
            events.append(
                (
                    CertificateEventKind.SUSPEND,
                    s1_latest + dt.timedelta(days=5),
                    "第一次监督审核超期未实施（CNCA-QMS-01:2025 §5.8.2）",
                )
            )
        if scenario.status is CertificateStatus.WITHDRAWN:
            events.append(
                (
                    CertificateEventKind.WITHDRAW,
                    add_months(s1_latest, 6) + dt.timedelta(days=10),
                    "暂停期满仍未接受监督审核，撤销证书并上报",
                )
            )
        if scenario.status is CertificateStatus.CANCELLED:
            events.append(
                (
                    CertificateEventKind.CANCEL,
                    self.today - dt.timedelta(days=40),
                    "获证组织因生产线整体搬迁停产，申请注销证书",
                )
            )
        for kind, day, reason in events:
            self.s.add(
                CertificateEvent(
                    certificate_id=cert.id,
                    kind=kind,
                    event_date=day,
                    reason=reason,
                    by_user="admin",
                )
            )
            cert.status_date, cert.status_reason = day, reason
        cert.status = scenario.status
        if scenario.status is CertificateStatus.EXPIRED:
            cert.status_date = cert.expiry_date + dt.timedelta(days=1)

    def plan_next(
        self,
        cert: Certificate,
        scheme: str,
        org: Organisation,
        scenario: Scenario,
        cycle_issue: dt.date,
    ) -> None:
        done = set(scenario.done)
        if cycle_issue != add_months(self.today, -scenario.months_ago):
            done = {AuditType.SURVEILLANCE_1} if add_months(cycle_issue, 5) < self.today else set()
        if AuditType.SURVEILLANCE_1 not in done:
            audit_type, latest = AuditType.SURVEILLANCE_1, add_months(cycle_issue, 12)
        elif AuditType.SURVEILLANCE_2 not in done:
            audit_type, latest = AuditType.SURVEILLANCE_2, add_months(cycle_issue, 23)
        else:
            audit_type, latest = AuditType.RECERTIFICATION, cert.expiry_date
        start = max(self.today + dt.timedelta(days=self.rng.randint(7, 80)), add_months(latest, -3))
        if start > latest:
            start = latest - dt.timedelta(days=7)
        self.audit(
            cert,
            scheme,
            audit_type,
            start,
            2,
            AuditStatus.PLANNED,
            org,
            window_start=add_months(latest, -3),
            window_latest=latest,
        )

    # ------------------------------------------------------------------ evidence and NCs
    def plan_times(self, audit: Audit, wanted: list[tuple[str, str]]) -> list[dt.datetime]:
        """A time for each (site name, clause group) inside the plan's agenda: the slot of the
        member who audits that group at that site (else any slot at that site), items of one
        slot 20 minutes apart — so the evidence follows the plan (issue 17.7)."""
        from auditdesk.services import plan_agenda

        self.s.flush()
        rows = [
            r
            for r in plan_agenda.agenda_of(self.s, audit)
            if r.day is not None and r.item not in ("opening", "closing", "team_review")
        ]
        used: dict[int, int] = {}
        out = []
        for site, group in wanted:
            candidates = [i for i, r in enumerate(rows) if r.site == site and r.item == group]
            candidates = candidates or [i for i, r in enumerate(rows) if r.site == site]
            candidates = candidates or list(range(len(rows)))
            if not candidates:
                day = audit.start_date or self.today
                out.append(dt.datetime.combine(day, dt.time(9, 30), tzinfo=_CST).astimezone(dt.UTC))
                continue
            i = min(candidates, key=lambda k: used.get(k, 0))
            r = rows[i]
            day = r.day or audit.start_date or self.today
            start = dt.datetime.combine(day, dt.time.fromisoformat(r.start), tzinfo=_CST)
            end = dt.datetime.combine(day, dt.time.fromisoformat(r.end), tzinfo=_CST)
            k = used.get(i, 0)
            used[i] = k + 1
            when = start + dt.timedelta(minutes=10 + 20 * k)
            if when > end - dt.timedelta(minutes=10):
                span = max(1, int((end - start).total_seconds() // 60) - 20)
                when = start + dt.timedelta(minutes=10 + (20 * k) % span)
            out.append(when.astimezone(dt.UTC))
        return out

    def clause(self, std_key: str, number: str) -> Clause | None:
        while number:
            found = self.clauses.get((std_key, number))
            if found is not None:
                return found
            number = number.rpartition(".")[0]
        return None

    def evidence(self, audit: Audit, std_key: str, count: int, photos: int) -> list[uuid.UUID]:
        snippets = [e for e in self.corpus["evidence_snippets"] if e["standard"] == std_key]
        self.rng.shuffle(snippets)
        org_sites = [s.site for s in audit.sites]
        times = self.plan_times(
            audit,
            [
                (
                    org_sites[i % len(org_sites)].name if org_sites else "",
                    snippets[i % len(snippets)]["clause"].split(".")[0],
                )
                for i in range(count)
            ],
        )
        ids = []
        for i in range(count):
            snip = snippets[i % len(snippets)]
            clause = self.clause(std_key, snip["clause"])
            item = evidence_service.add_evidence(
                self.s,
                audit.id,
                evidence_service.EvidenceData(
                    evidence_type=EvidenceType(snip["type"]),
                    clause_ids=[clause.id] if clause else [],
                    site_id=org_sites[i % len(org_sites)].id if org_sites else None,
                    department=self.rng.choice(
                        [
                            "质量部",
                            "生产部",
                            "采购部",
                            "行政人事部",
                            "技术部",
                            "仓储物流部",
                            "安环部",
                        ]
                    ),
                    observed_at=times[i],
                    description=snip["zh"] + ("" if i < len(snippets) else "（抽样第二批）"),
                    references="；".join(snip.get("references", [])),
                    interviewee_role=snip.get("interviewee_role", "")
                    if snip["type"] == "interview"
                    else "",
                ),
            )
            ids.append(item.id)
            self.summary.evidence += 1
            if i < photos:
                taken = (times[i] + dt.timedelta(minutes=2)).astimezone(_CST)
                caption = (clause.title_zh if clause else "现场") + " 现场照片"
                data = make_photo(
                    caption,
                    self.rng.choice(["workshop", "warehouse", "outdoor"]),
                    taken.replace(tzinfo=None),
                    self.rng,
                )
                att = evidence_service.attach_bytes(
                    self.s, item.id, data, f"IMG_{audit.number}_{i + 1:02d}.jpg"
                )
                att.caption = caption
                att.include_in_report = True
                self.summary.photos += 1
        return ids

    def check_in(self, audit: Audit, org: Organisation) -> None:
        for moment, hour, label in (
            (CheckInMoment.OPENING, 8, "首次会议"),
            (CheckInMoment.CLOSING, 16, "末次会议"),
        ):
            day = (
                audit.start_date
                if moment is CheckInMoment.OPENING
                else (audit.end_date or audit.start_date)
            )
            assert day is not None
            taken = dt.datetime.combine(day, dt.time(hour, 40))
            path = self.photo_dir / f"{audit.number}-{moment.value}.jpg"
            path.write_bytes(
                make_photo(
                    f"{label} 审核组全体成员", "meeting", taken, self.rng, gps=_photo_gps(org)
                )
            )
            att = evidence_service.add_check_in_photo(
                self.s,
                audit.id,
                path,
                moment,
                place=org.address,
                taken_at=taken.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))),
            )
            # The report prints the moment in its own language ("Opening meeting — …"); the
            # caption is what the auditor adds, so no client name in Chinese leaks into an
            # English report.
            att.caption = "审核组全体成员"
            att.include_in_report = True
            self.summary.photos += 1
        _demo_check_in_data(self.s, audit, org)

    def judge_all(self, audit: Audit, std_key: str, nc_clauses: set[str]) -> None:
        std = self.standards[std_key]
        for (key, number), clause in self.clauses.items():
            if key != std_key or clause.standard_id != std.id or number.startswith("A."):
                continue
            judgement = Judgement.NONCONFORMITY if number in nc_clauses else Judgement.CONFORM
            evidence_service.set_judgement(self.s, audit.id, clause.id, judgement)

    def nc(
        self,
        audit: Audit,
        std_key: str,
        example: dict[str, Any],
        evidence_ids: list[uuid.UUID],
        target: str,
        raised_on: dt.date,
    ) -> None:
        clause = self.clause(std_key, example["clause"])
        # The objective evidence of the NC is itself an evidence item on the NC's clause, as an
        # auditor records it before raising the NC.
        first = self.s.get(EvidenceItem, evidence_ids[0]) if evidence_ids else None
        seen = evidence_service.add_evidence(
            self.s,
            audit.id,
            evidence_service.EvidenceData(
                evidence_type=EvidenceType.RECORD,
                clause_ids=[clause.id] if clause else [],
                site_id=first.site_id if first else None,
                department=first.department if first else "",
                observed_at=(first.observed_at if first else dt.datetime.now(dt.UTC))
                + dt.timedelta(minutes=5),
                description=example["evidence_zh"],
                references="",
            ),
        )
        self.summary.evidence += 1
        nc = nc_service.raise_nc(
            self.s,
            nc_service.NCDraft(
                audit_id=audit.id,
                clause_id=clause.id if clause else None,
                grade=NCGrade(example["grade"]),
                requirement=example["requirement_zh"],
                evidence_text=example["evidence_zh"],
                reason=example["reason_zh"],
                evidence_ids=[seen.id],
            ),
            on=raised_on,
        )
        self.summary.nonconformities += 1
        if target == "draft":
            return
        nc_service.issue_nc(self.s, nc.id, on=raised_on)
        if target == "issued":
            return
        resp = example.get("response") or {}
        response = nc_service.NCResponse(
            correction=resp.get("correction_zh", "已对发现的问题进行纠正。"),
            root_cause=resp.get("root_cause_zh", "相关岗位人员对要求理解不到位。"),
            corrective_action=resp.get(
                "corrective_action_zh", "修订程序文件并组织培训，举一反三排查同类问题。"
            ),
            owners=self.rng.choice(["质量部 张敏", "生产部 刘强", "体系办 陈静"]),
            planned_date=raised_on + dt.timedelta(days=25),
            received_on=raised_on + dt.timedelta(days=12),
            done_date=raised_on + dt.timedelta(days=20),
        )
        nc_service.record_response(self.s, nc.id, response)
        if target == "response_received":
            return
        if target == "response_rejected":
            nc_service.reject_response(
                self.s,
                nc.id,
                "原因分析停留在“人员疏忽”，未分析制度和流程层面的原因，请重新分析并补充纠正措施。",
            )
            return
        nc_service.accept_response(self.s, nc.id, "纠正、原因分析和纠正措施合理可行。")
        if target == "response_accepted":
            return
        nc_service.verify_nc(
            self.s,
            nc.id,
            nc_service.Verification(
                method=VerificationMethod.DOCUMENT_REVIEW,
                effectiveness="已查看修订后的文件和培训记录，抽查3份近期记录，措施已落实且有效。",
                verified_on=raised_on + dt.timedelta(days=35),
            ),
        )
        if target == "verified":
            return
        nc_service.close_nc(self.s, nc.id, on=raised_on + dt.timedelta(days=36))

    def flagship(self, audit: Audit, org: Organisation, targets: tuple[str, ...]) -> None:
        """The flagship audit's own evidence and NCs (``resources/demo/flagship.json``): a
        software company's processes at its two sites, times from the plan, photos whose EXIF
        times match their evidence, NCs at the audit's own sites."""
        from auditdesk.services import planning

        with resource("demo", "flagship.json").open(encoding="utf-8") as fh:
            data: dict[str, Any] = json.load(fh)
        self.s.add(CBSetting(key="plan_travel_pairs", value=data["travel_minutes"]))
        std_key = "ISO9001:2015"
        sites = [a.site for a in audit.sites]
        by_name = {s.name: s for s in sites}
        ordered = [s for s in org.sites if s.name in by_name]
        # Audit days: the MD5 figure, split between the auditing members (experts not counted).
        proposal = planning.propose(
            self.s,
            [c.id for c in audit.certificates],
            audit.audit_type,
            audit.start_date or self.today,
            audit.end_date or self.today,
        )
        days = proposal.proposed_days or audit.planned_days or 2.0
        audit.md5_days = proposal.proposed_days
        audit.planned_days = days
        auditing = [m for m in audit.team if m.role in (TeamRole.TEAM_LEADER, TeamRole.AUDITOR)]
        for m in audit.team:
            m.days = round(days / len(auditing) * 4) / 4 if m in auditing else None
        audit.planned_days = sum(m.days or 0 for m in auditing) or days
        audit.plan_number = "R012301" + audit.number.replace("-", "")
        audit.plan_issued_on = (audit.start_date or self.today) - dt.timedelta(days=14)
        audit.plan_approved_by = "王建国"
        audit.audit_language = "zh"
        audit.accompanying_persons = "向导：质量部 周敏（北京总部）、测试部 孙磊（济南研发中心）"
        audit.client_confirmed_by = org.contact_name or org.representative
        audit.client_confirmed_on = (audit.start_date or self.today) - dt.timedelta(days=10)
        # The team must cover the client's 专业代码 (33.02.01, software): a technical expert
        # who is free on those days joins (accompanies, not counted in audit days).
        if audit.start_date is not None:
            end = audit.end_date or audit.start_date
            code = (org.technical_codes or "").split(",")[0].strip()
            present = {m.auditor_id for m in audit.team}
            expert = next(
                (
                    a
                    for a in self.auditors
                    if a.id not in present
                    and code
                    and any(
                        code == c or code.startswith(c + ".") for c in a.technical_codes.split(",")
                    )
                    and self._free(a, audit.start_date, end)
                ),
                None,
            )
            if expert is not None:
                from auditdesk.model import AuditTeamMember

                audit.team.append(
                    AuditTeamMember(
                        audit_id=audit.id, auditor_id=expert.id, role=TeamRole.TECH_EXPERT
                    )
                )
                self.busy.setdefault(expert.id, []).append((audit.start_date, end))
                self.s.flush()
        entries = data["evidence"]
        wanted = [(ordered[e["site"]].name, e["clause"].split(".")[0]) for e in entries]
        times = self.plan_times(audit, wanted)
        ids: list[uuid.UUID] = []
        for n, (e, when) in enumerate(zip(entries, times, strict=True)):
            clause = self.clause(std_key, e["clause"])
            item = evidence_service.add_evidence(
                self.s,
                audit.id,
                evidence_service.EvidenceData(
                    evidence_type=EvidenceType(e["type"]),
                    clause_ids=[clause.id] if clause else [],
                    site_id=ordered[e["site"]].id,
                    department="济南研发中心" if e["site"] == 1 else "质量部",
                    observed_at=when,
                    description=e["zh"],
                    references="；".join(e.get("references", [])),
                    interviewee_role=e.get("role", ""),
                ),
            )
            ids.append(item.id)
            self.summary.evidence += 1
            if e.get("photo"):
                taken = (when + dt.timedelta(minutes=2)).astimezone(_CST)
                caption = (clause.title_zh if clause else "现场") + " 现场照片"
                photo = make_photo(caption, e["photo"], taken.replace(tzinfo=None), self.rng)
                att = evidence_service.attach_bytes(
                    self.s, item.id, photo, f"IMG_{audit.number}_{n + 1:02d}.jpg"
                )
                att.caption, att.place = caption, ordered[e["site"]].name
                att.include_in_report = True
                self.summary.photos += 1
        self.check_in(audit, org)
        self.judge_all(audit, std_key, {n["clause"] for n in data["nonconformities"]})
        raised = audit.end_date or self.today
        for example, target in zip(data["nonconformities"], targets, strict=True):
            group = example["clause"].split(".")[0]
            site = ordered[example["site"]].name
            same = [
                i
                for i, e in enumerate(entries)
                if e["site"] == example["site"] and e["clause"].split(".")[0] == group
            ] or [i for i, e in enumerate(entries) if e["site"] == example["site"]]
            chosen = ids[same[0]] if same else ids[0]
            assert site  # the NC's evidence is at one of the audit's sites
            self.nc(audit, std_key, example, [chosen], target, raised)

    def lead_audits_with_ncs(self) -> None:
        """The demo ``lead`` user leads the audits that raised NCs, so their review queue is
        full — swapping places with the leader they replace on the lead's other audits of the
        same days, so that nobody is in two places at once."""
        lead = self.s.scalar(select(User).where(User.username == "lead"))
        if lead is None or lead.auditor_id is None:
            return
        me = lead.auditor_id
        audits = self.s.scalars(
            select(Audit).where(Audit.id.in_(select(Nonconformity.audit_id)))
        ).all()
        from auditdesk.model import AuditCheckIn, AuditTeamMember

        def move_tick(audit_id: uuid.UUID, old: uuid.UUID, new: uuid.UUID) -> None:
            row = self.s.scalar(select(AuditCheckIn).where(AuditCheckIn.audit_id == audit_id))
            if row is not None and str(old) in row.ticked:  # the tick moves along
                row.ticked = sorted({*row.ticked, str(new)} - {str(old)})

        def overlapping(auditor: uuid.UUID, audit: Audit) -> list[AuditTeamMember]:
            if audit.start_date is None:
                return []
            end = audit.end_date or audit.start_date
            return [
                m
                for m, other in self.s.execute(
                    select(AuditTeamMember, Audit)
                    .join(Audit, AuditTeamMember.audit_id == Audit.id)
                    .where(
                        AuditTeamMember.auditor_id == auditor,
                        Audit.id != audit.id,
                        Audit.start_date <= end,
                        Audit.end_date >= audit.start_date,
                    )
                ).all()
            ]

        led: set[uuid.UUID] = set()
        order = sorted(audits, key=lambda a: (-len(a.nonconformities), a.start_date or self.today))
        for audit in order:
            leader = next((m for m in audit.team if m.role is TeamRole.TEAM_LEADER), None)
            if leader is None or any(m.auditor_id == me for m in audit.team):
                continue
            old = leader.auditor_id
            mine = overlapping(me, audit)
            if any(m.audit_id in led for m in mine):
                continue  # the lead already leads an NC audit on those days
            # The replaced leader must be free on each of those audits' days.
            if any(
                {o.audit_id for o in overlapping(old, m.audit)} - {audit.id} for m in mine
            ) or any(o.auditor_id == old for m in mine for o in m.audit.team):
                continue
            for m in mine:  # the replaced leader takes the lead's place there
                m.auditor_id = old
                move_tick(m.audit_id, me, old)
            leader.auditor_id = me
            move_tick(audit.id, old, me)
            led.add(audit.id)
            self.s.flush()
        self.s.flush()

    def ncs_for(self, std_key: str, audit: Audit | None = None) -> list[dict[str, Any]]:
        found = [n for n in self.corpus["nonconformities"] if n["standard"] == std_key]
        found = found or [
            n for n in self.corpus["nonconformities"] if n["standard"] == "ISO9001:2015"
        ]
        if audit is None:
            return found
        # An NC names only the audit's own sites (issue 17.7): leave out examples that name
        # another client's site.
        own = {a.site.name for a in audit.sites}
        foreign = {
            site["name"]
            for o in self.corpus["organisations"]
            for site in o.get("sites", [])
            if len(site["name"]) >= 3 and not any(site["name"] in x for x in own)
        }
        fits = [
            n for n in found if not any(f in n["evidence_zh"] + n["reason_zh"] for f in foreign)
        ]
        return fits or found


def build_demo(
    session: Session, today: dt.date | None = None, seed: int = DEMO_SEED
) -> DemoSummary:
    """Fill an empty database with the demo CB register (see the module docstring)."""
    if session.scalar(select(Organisation.id).limit(1)) is not None:
        from auditdesk.services.errors import ValidationFailed

        raise ValidationFailed(
            "the database already holds organisations; demo data goes into an empty one",
            {"database": "not_empty"},
        )
    b = _Builder(session, today or dt.date.today(), seed)
    b.settings()
    b.auditors_and_users()
    scenario_index = 0
    flagship: tuple[Audit, Organisation] | None = None
    workspace: tuple[Audit, Organisation, str] | None = None
    evidence_audits: list[tuple[Audit, str]] = []
    for o in b.corpus["organisations"]:
        org = b.organisation(o)
        for scheme in o["schemes"]:
            scenario = SCENARIOS[scenario_index % len(SCENARIOS)]
            scenario_index += 1
            cert = b.certificate(org, o, scheme, scenario)
            session.flush()
            done = sorted(
                (
                    a
                    for a in cert.audits
                    if a.status is AuditStatus.COMPLETED
                    and a.audit_type
                    in (
                        AuditType.SURVEILLANCE_1,
                        AuditType.SURVEILLANCE_2,
                        AuditType.RECERTIFICATION,
                    )
                ),
                key=lambda a: a.start_date or b.today,
            )
            std_key = _SCHEME_STANDARD[scheme]
            if (
                done
                and flagship is None
                and scheme == "QMS"
                and len(o["schemes"]) >= 2
                and len(done) >= 2
            ):
                flagship = (done[-1], org)
            elif done and len(evidence_audits) < 24:
                evidence_audits.append((done[-1], std_key))
            planned = [a for a in cert.audits if a.status is AuditStatus.PLANNED]
            if (
                workspace is None
                and planned
                and scheme == "QMS"
                and planned[0].audit_type is AuditType.SURVEILLANCE_1
            ):
                workspace = (planned[0], org, std_key)
    session.flush()
    examples = b.ncs_for("ISO9001:2015")
    # The flagship: a completed QMS surveillance with 45 evidence items, photos and NCs in five states.
    if flagship is not None:
        audit, org = flagship
        b.flagship(
            audit, org, ("closed", "verified", "response_accepted", "response_received", "issued")
        )
        b.summary.flagship_audit = audit.number
    # Earlier completed audits: a dozen evidence items each, NCs in the remaining states.
    targets = [
        "closed",
        "closed",
        "verified",
        "response_rejected",
        "issued",
        "response_received",
        "closed",
    ]
    for i, (audit, std_key) in enumerate(evidence_audits):
        ids = b.evidence(audit, std_key, 8 + (i % 5), 1 if i % 3 == 0 else 0)
        if i < len(targets) * 2 and i % 2 == 0:
            ex = b.ncs_for(std_key, audit)
            b.nc(
                audit,
                std_key,
                ex[i % len(ex)],
                ids,
                targets[(i // 2) % len(targets)],
                audit.end_date or b.today,
            )
    # The audit an auditor opens today: in progress, partly recorded, with a draft NC.
    if workspace is not None:
        audit, org, std_key = workspace
        audit.status = AuditStatus.IN_PROGRESS
        audit.number = next_audit_number(session, b.today.year)
        audit.start_date = b.today
        audit.end_date = b.today + dt.timedelta(days=1)
        session.flush()
        ids = b.evidence(audit, std_key, 10, 1)
        opening = dt.datetime.combine(b.today, dt.time(8, 40))
        path = b.photo_dir / f"{audit.number}-opening.jpg"
        path.write_bytes(
            make_photo("首次会议 审核组全体成员", "meeting", opening, b.rng, gps=_photo_gps(org))
        )
        evidence_service.add_check_in_photo(
            session,
            audit.id,
            path,
            CheckInMoment.OPENING,
            place=org.address,
            taken_at=opening.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))),
        )
        _demo_check_in_data(session, audit, org)
        b.nc(audit, std_key, examples[5 % len(examples)], ids, "draft", b.today)
        b.summary.workspace_audit = audit.number
    session.flush()
    b.lead_audits_with_ncs()
    return b.summary
