"""The CB-sized reference dataset: ``auditdesk bench generate --db PATH --scale N [--seed S]``.

Scale 1 is a large Chinese CB: 10 000 organisations, 15 000 certificates, 60 000 audits,
1 000 000 evidence items, 100 000 NCs in every state, 50 000 attachment records. Everything
is deterministic for (seed, reference date): ids, texts, dates, photos.

How it is fast enough (minutes, not hours, on 2 cores):
- the schema, standards and system user come from the real ``open_database`` (migrations);
- then rows go in with raw ``sqlite3`` ``executemany`` in chunks of 20 000 (one transaction
  per chunk), with journalling, fsync and foreign-key checks off *during generation only*
  (the file is restored to WAL afterwards, and ``auditdesk check`` verifies the keys);
- evidence texts come from a pool of composed descriptions; the search index is filled
  afterwards from the stored rows with the search module's own tokeniser, each pooled
  description tokenised once (``search_fill``);
- attachment records share 500 real small files in the store (it is content-addressed, so
  that is what 50 000 attachments of repeated scans look like); the report audit has 40 real
  photos of its own.

Not through the ORM, so not through the change log: one ``import`` entry is appended to the
hash chain (``changelog.chain_rows``) recording what was generated, so the chain stays
verifiable and says honestly that these rows were bulk-loaded.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from auditdesk.bench import files, search_fill
from auditdesk.bench.text import (
    BRANDS,
    CITY_WORDS,
    DEPARTMENTS,
    INDUSTRIES,
    INTERVIEWEE_ROLES,
    EvidenceTexts,
    nc_text,
    person,
    references,
)
from auditdesk.bench.writer import BulkWriter
from auditdesk.rules import credit_code
from auditdesk.rules.dates import add_months, default_expiry

DEFAULT_SEED = 20261121
BASE = {
    "organisations": 10_000,
    "certificates": 15_000,
    "audits": 60_000,
    "evidence": 1_000_000,
    "nonconformities": 100_000,
    "attachments": 50_000,
    "auditors": 300,
    "files": 500,
}
MINIMUM = {
    "organisations": 4,
    "certificates": 6,
    "audits": 24,
    "evidence": 400,
    "nonconformities": 20,
    "attachments": 50,
    "auditors": 12,
    "files": 8,
}
REPORT_EVIDENCE = 300
REPORT_PHOTOS = 40  # 38 evidence photos + opening and closing check-in photos
SCHEMES = (
    ("QMS", "ISO9001:2015", "Q"),
    ("EMS", "ISO14001:2015", "E"),
    ("OHSMS", "ISO45001:2018", "S"),
    ("ISMS", "ISO27001:2022", "I"),
)
NC_STATES = (
    ("closed", 52),
    ("verified", 10),
    ("response_accepted", 8),
    ("response_received", 8),
    ("response_rejected", 4),
    ("issued", 14),
    ("draft", 4),
)
NC_STEPS = {  # state -> transitions (action, from, to) leading there
    "draft": [("raise", None, "draft")],
    "issued": [("raise", None, "draft"), ("issue", "draft", "issued")],
    "response_received": [
        ("raise", None, "draft"),
        ("issue", "draft", "issued"),
        ("record_response", "issued", "response_received"),
    ],
    "response_rejected": [
        ("raise", None, "draft"),
        ("issue", "draft", "issued"),
        ("record_response", "issued", "response_received"),
        ("reject_response", "response_received", "response_rejected"),
    ],
    "response_accepted": [
        ("raise", None, "draft"),
        ("issue", "draft", "issued"),
        ("record_response", "issued", "response_received"),
        ("accept_response", "response_received", "response_accepted"),
    ],
}
NC_STEPS["verified"] = [*NC_STEPS["response_accepted"], ("verify", "response_accepted", "verified")]
NC_STEPS["closed"] = [*NC_STEPS["verified"], ("close", "verified", "closed")]


@dataclass
class GenerationSummary:
    db: str
    seed: int
    scale: float
    today: str
    counts: dict[str, int] = field(default_factory=dict)
    report_audit: str = ""
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


def targets(scale: float) -> dict[str, int]:
    return {k: max(MINIMUM[k], round(v * scale)) for k, v in BASE.items()}


def metadata_path(db: Path) -> Path:
    """The side file that tells the harness what was generated (seed, date, report audit)."""
    return db.with_name(db.name + ".bench.json")


class _Ids:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed ^ 0x5EED)

    def new(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex


@dataclass
class _Audit:
    id: str
    org: int
    cert: int
    audit_type: str
    status: str
    start: dt.date
    days: int
    window_start: dt.date | None = None
    window_latest: dt.date | None = None
    number: str = ""


class Generator:
    def __init__(
        self,
        db: Path,
        scale: float,
        seed: int,
        today: dt.date,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.db, self.scale, self.seed, self.today = db, scale, seed, today
        self.n = targets(scale)
        self.rng = random.Random(seed)
        self.ids = _Ids(seed)
        self.log = log or (lambda _m: None)
        self.summary = GenerationSummary(str(db), seed, scale, today.isoformat())
        self.years = tuple(range(today.year - 4, today.year + 1))

    # ------------------------------------------------------------------ setup
    def _create_schema(self) -> None:
        from auditdesk.services.setup import open_database

        if self.db.exists():
            raise FileExistsError(f"{self.db} exists; the reference dataset goes into a new file")
        database = open_database("sqlite:///" + str(self.db.resolve()), create=True)
        database.close()

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.db, isolation_level=None)
        con.execute("PRAGMA journal_mode = OFF")  # generation only; WAL is restored at the end
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute("PRAGMA cache_size = -262144")  # 256 MB
        con.execute("PRAGMA temp_store = MEMORY")
        return con

    def run(self) -> GenerationSummary:
        from auditdesk.services.demo import load_corpus

        started, cpu_started = time.perf_counter(), time.process_time()
        self._create_schema()
        self.corpus = load_corpus()
        con = self._connect()
        self.w = BulkWriter(con, dt.datetime.combine(self.today, dt.time(0, 0), tzinfo=dt.UTC))
        self.standards = {k: v for k, v in con.execute("SELECT key, id FROM standard")}
        self.clauses: dict[str, list[tuple[str, str]]] = {}
        for key, cid, number in con.execute(
            "SELECT s.key, c.id, c.number FROM clause c JOIN standard s ON s.id = c.standard_id "
            "WHERE c.number NOT LIKE 'A.%' ORDER BY s.key, c.sort_order"
        ):
            self.clauses.setdefault(key, []).append((cid, number))
        self.clause_by_number = {
            (k, num): cid for k, lst in self.clauses.items() for cid, num in lst
        }
        steps = [
            ("organisations", self._organisations),
            ("auditors", self._auditors),
            ("certificates", self._certificates),
            ("audits", self._audits),
            ("files", self._files),
            ("evidence", self._evidence),
            ("nonconformities", self._ncs),
            ("report_audit", self._report_audit_extras),
            ("search_index", self._search_index),
        ]
        for name, fn in steps:
            t0 = time.perf_counter()
            fn()
            self.w.flush()
            self.summary.steps[name] = round(time.perf_counter() - t0, 2)
            self.log(f"{name}: {self.summary.steps[name]:.1f} s")
        t0 = time.perf_counter()
        self.summary.counts = self.w.counts()
        search_fill.optimize(con)
        con.execute("ANALYZE")
        con.execute("PRAGMA journal_mode = WAL")
        con.close()
        self.summary.steps["optimize"] = round(time.perf_counter() - t0, 2)
        self.log(f"search index optimize + ANALYZE: {self.summary.steps['optimize']:.1f} s")
        self._change_log_entry()
        self.summary.seconds = round(time.perf_counter() - started, 1)
        self.summary.cpu_seconds = round(time.process_time() - cpu_started, 1)
        metadata_path(self.db).write_text(
            json.dumps(asdict(self.summary), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        return self.summary

    # ------------------------------------------------------------------ registers
    def _organisations(self) -> None:
        rng, w = self.rng, self.w
        corpus_orgs = self.corpus["organisations"]
        provinces = [(o["province"], o["city"]) for o in corpus_orgs]
        from auditdesk.services.demo import _REGION

        self.orgs: list[
            tuple[str, str, str, tuple[str, ...]]
        ] = []  # id, central site id, name, schemes
        codes: set[str] = set()
        for i in range(self.n["organisations"]):
            province, city = rng.choice(provinces)
            brand, brand_en = rng.choice(BRANDS)
            ind_zh, ind_en, tech, activity = rng.choice(INDUSTRIES)
            place = rng.choice(CITY_WORDS)
            suffix = rng.choice(("有限公司", "有限公司", "股份有限公司", "科技有限公司"))
            name_zh = f"{place}{brand}{ind_zh}{suffix}"
            code = credit_code.generate(rng, _REGION.get(province, "110108"))
            while code in codes:
                code = credit_code.generate(rng, _REGION.get(province, "110108"))
            codes.add(code)
            people = rng.choice((12, 25, 40, 58, 86, 120, 142, 260, 480, 1200))
            oid = self.ids.new()
            address = (
                f"{province}{city}{rng.choice(('高新区', '经济开发区', '工业园区', '新区'))}"
                f"{rng.choice(('创业', '科技', '工业', '兴业', '长江', '黄河'))}路{rng.randint(1, 999)}号"
            )
            w.add(
                "organisation",
                id=oid,
                name_zh=name_zh,
                name_en=f"{place} {brand_en} {ind_en} Co., Ltd.",
                credit_code=code,
                address=address,
                province=province,
                city=city,
                representative=person(rng),
                contact_name=person(rng),
                contact_phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                industry=activity,
                effective_personnel=people,
                technical_codes=tech,
                consultant=rng.choice(("", "", f"{place}众诚企业管理咨询有限公司")),
                archived=i % 97 == 0,
            )
            sites = [self.ids.new() for _ in range(rng.choice((1, 1, 1, 2, 3)))]
            for k, sid in enumerate(sites):
                w.add(
                    "site",
                    id=sid,
                    organisation_id=oid,
                    name="总部及生产厂区" if k == 0 else f"第{k + 1}厂区",
                    address=address if k == 0 else f"{province}{city}{rng.randint(1, 99)}号",
                    is_central=k == 0,
                    personnel=people if k == 0 else rng.randint(5, 80),
                )
            w.add(
                "personnel_record",
                id=self.ids.new(),
                organisation_id=oid,
                effective_from=add_months(self.today, -rng.randint(1, 40)),
                count=people,
            )
            if rng.random() < 0.4:
                w.add(
                    "licence",
                    id=self.ids.new(),
                    organisation_id=oid,
                    kind="排污许可证",
                    number=f"{code}001Q",
                    issuer=f"{city}生态环境局",
                    expiry=add_months(self.today, rng.randint(-6, 48)),
                )
            # QMS first for most clients: the order in which a client adds management systems.
            others = [s[0] for s in rng.sample(SCHEMES[1:], 3)]
            schemes = ("QMS", *others[:2]) if rng.random() < 0.85 else (others[0], "QMS", others[1])
            self.orgs.append((oid, sites[0], name_zh, schemes))

    def _auditors(self) -> None:
        rng, w = self.rng, self.w
        corpus = self.corpus["auditors"]
        self.auditors: dict[str, list[str]] = {s[0]: [] for s in SCHEMES}
        self.leads: dict[str, list[str]] = {s[0]: [] for s in SCHEMES}
        for i in range(self.n["auditors"]):
            base = corpus[i % len(corpus)]
            name = base["name_zh"] if i < len(corpus) else person(rng)
            grade = "lead_auditor" if i % 3 == 0 else ("auditor" if i % 7 else "provisional")
            schemes = sorted({s[0] for s in rng.sample(SCHEMES, rng.randint(1, 3))} | {"QMS"})
            aid = self.ids.new()
            w.add(
                "auditor",
                id=aid,
                name_zh=name,
                name_en=base["name_en"] if i < len(corpus) else "",
                ccaa_no=f"{rng.randint(2008, 2024)}-N1{schemes[0]}-{rng.randint(1000000, 9999999)}",
                grade=grade,
                registration_expiry=add_months(self.today, rng.randint(-2, 36)),
                schemes=schemes,
                technical_codes=",".join(rng.sample([t[2][:5] for t in INDUSTRIES], 3)),
                phone=f"139{rng.randrange(10**8):08d}",
                email=f"auditor{i}@huaxin-cert.example",
            )
            for s in schemes:
                (self.leads if grade == "lead_auditor" else self.auditors)[s].append(aid)

    # ------------------------------------------------------------------ certificates and audits
    def _certificates(self) -> None:
        """Certificates at every point of the cycle, and the audits that brought them there."""
        rng, w = self.rng, self.w
        n_orgs, n_certs = len(self.orgs), self.n["certificates"]
        owners = list(range(n_orgs)) + [rng.randrange(n_orgs) for _ in range(n_certs - n_orgs)]
        per_org: dict[int, int] = {}
        self.certs: list[tuple[str, int, str]] = []  # id, org index, scheme
        self.audit_plan: list[_Audit] = []
        for seq, org_i in enumerate(owners, 1):
            k = per_org.get(org_i, 0)
            per_org[org_i] = k + 1
            scheme = self.orgs[org_i][3][k % 3]
            std_key, letter = next((s[1], s[2]) for s in SCHEMES if s[0] == scheme)
            roll = rng.random()
            if roll < 0.80:
                status, months_ago = "valid", rng.randint(0, 35)
            elif roll < 0.85:
                status, months_ago = "suspended", rng.randint(13, 20)
            elif roll < 0.89:
                status, months_ago = "withdrawn", rng.randint(19, 30)
            elif roll < 0.92:
                status, months_ago = "cancelled", rng.randint(6, 30)
            else:
                status, months_ago = "expired", rng.randint(37, 44)
            recert = status == "valid" and rng.random() < 0.25
            first = add_months(self.today, -months_ago - (36 if recert else 0)) - dt.timedelta(
                days=rng.randint(0, 27)
            )
            cycle = add_months(first, 36) if recert else first
            cid = self.ids.new()
            ind = rng.choice(INDUSTRIES)
            w.add(
                "certificate",
                id=cid,
                number=f"041{first.year % 100:02d}{letter}{seq:06d}R{1 if recert else 0}M",
                organisation_id=self.orgs[org_i][0],
                standard_id=self.standards[std_key],
                scope_zh=f"{ind[3]}所涉及的相关管理活动",
                scope_en=f"Management activities related to {ind[1].lower()}",
                issue_date=cycle,
                decision_date=cycle - dt.timedelta(days=3),
                expiry_date=default_expiry(cycle),
                cycle_start=cycle,
                status=status,
                status_date=None if status == "valid" else self.today,
                technical_codes=ind[2],
                complexity=rng.choice(("high", "medium", "low")) if scheme != "QMS" else "medium",
                team_leader_name=person(rng),
                revision=1 if recert else 0,
                archived=status == "cancelled" and rng.random() < 0.3,
            )
            ci = len(self.certs)
            self.certs.append((cid, org_i, scheme))
            w.add(
                "certificate_event",
                id=self.ids.new(),
                certificate_id=cid,
                kind="issue",
                event_date=first,
                by_user="system",
            )
            if recert:
                w.add(
                    "certificate_event",
                    id=self.ids.new(),
                    certificate_id=cid,
                    kind="recertify",
                    event_date=cycle,
                    revision=1,
                    by_user="system",
                )
            s1_latest = add_months(cycle, 12)
            if status in ("suspended", "withdrawn"):
                w.add(
                    "certificate_event",
                    id=self.ids.new(),
                    certificate_id=cid,
                    kind="suspend",
                    event_date=s1_latest + dt.timedelta(days=5),
                    reason="第一次监督审核超期未实施",
                    by_user="admin",
                )
            if status == "withdrawn":
                w.add(
                    "certificate_event",
                    id=self.ids.new(),
                    certificate_id=cid,
                    kind="withdraw",
                    event_date=add_months(s1_latest, 6),
                    reason="暂停期满仍未接受监督审核，撤销证书",
                    by_user="admin",
                )
            if status == "cancelled":
                w.add(
                    "certificate_event",
                    id=self.ids.new(),
                    certificate_id=cid,
                    kind="cancel",
                    event_date=self.today - dt.timedelta(days=rng.randint(5, 150)),
                    reason="获证组织申请注销证书",
                    by_user="admin",
                )
            self._plan_cycle(ci, org_i, first, cycle, recert, status)

    def _plan_cycle(
        self, ci: int, org_i: int, first: dt.date, cycle: dt.date, recert: bool, status: str
    ) -> None:
        rng, plan = self.rng, self.audit_plan

        def add(kind: str, start: dt.date, st: str = "completed", **kw: Any) -> None:
            if start > self.today and st != "planned":
                st = "planned"
            if (
                st == "completed"
                and rng.random() < 0.6
                and start < self.today - dt.timedelta(days=20)
            ):
                st = "report_issued"
            plan.append(
                _Audit(self.ids.new(), org_i, ci, kind, st, start, rng.choice((1, 2, 2, 3)), **kw)
            )

        stage2 = first - dt.timedelta(days=rng.randint(25, 40))
        add("stage1", stage2 - dt.timedelta(days=rng.randint(20, 50)))
        add("stage2", stage2)
        cycles = [(first, False), (cycle, True)] if recert else [(cycle, True)]
        for start, current in cycles:
            s1 = add_months(start, 11) - dt.timedelta(days=rng.randint(5, 40))
            s2 = add_months(start, 22) - dt.timedelta(days=rng.randint(5, 40))
            rc = add_months(start, 33) - dt.timedelta(days=rng.randint(5, 40))
            for kind, day, latest in (
                ("surveillance_1", s1, add_months(start, 12)),
                ("surveillance_2", s2, add_months(start, 23)),
                ("recertification", rc, default_expiry(start)),
            ):
                if not current and kind == "recertification":
                    add(kind, add_months(start, 35))
                    continue
                if status in ("suspended", "withdrawn") and kind == "surveillance_1":
                    break  # the missed surveillance is why it was suspended
                if day <= self.today:
                    if day > self.today - dt.timedelta(days=3):
                        add(kind, day, "in_progress")
                    elif rng.random() < 0.01:
                        add(kind, day, "terminated")
                    else:
                        add(kind, day)
                    continue
                if current and status == "valid":
                    add(
                        kind,
                        max(day, self.today + dt.timedelta(days=rng.randint(3, 90))),
                        "planned",
                        window_start=add_months(latest, -3),
                        window_latest=latest,
                    )
                break

    def _audits(self) -> None:
        """Trim or pad the planned audits to the target, number them per year, write them."""
        rng, w, plan = self.rng, self.w, self.audit_plan
        target = self.n["audits"]
        if len(plan) > target:  # transferred-in certificates have no initial audits of ours
            stages = [i for i, a in enumerate(plan) if a.audit_type in ("stage1", "stage2")]
            others = [i for i, a in enumerate(plan) if a.audit_type not in ("stage1", "stage2")]
            rng.shuffle(stages)
            rng.shuffle(others)
            drop = set((stages + others)[: len(plan) - target])
            self.audit_plan = plan = [a for i, a in enumerate(plan) if i not in drop]
        while len(plan) < target:
            ci = rng.randrange(len(self.certs))
            day = self.today - dt.timedelta(days=rng.randint(20, 1400))
            plan.append(
                _Audit(
                    self.ids.new(),
                    self.certs[ci][1],
                    ci,
                    rng.choice(("special", "short_notice", "transfer")),
                    "completed",
                    day,
                    1,
                )
            )
        plan.sort(key=lambda a: (a.start, a.id))
        per_year: dict[int, int] = {}
        for a in plan:
            per_year[a.start.year] = per_year.get(a.start.year, 0) + 1
            a.number = f"{a.start.year}-{per_year[a.start.year]:04d}"
        modes = ("FS01",) * 8 + ("FS02", "FS03")
        for a in plan:
            cid, org_i, scheme = self.certs[a.cert]
            end = a.start + dt.timedelta(days=a.days - 1)
            done = a.status in ("completed", "report_issued")
            w.add(
                "audit",
                id=a.id,
                number=a.number,
                organisation_id=self.orgs[org_i][0],
                audit_type=a.audit_type,
                status=a.status,
                mode=rng.choice(modes),
                window_start=a.window_start,
                window_latest=a.window_latest,
                start_date=a.start,
                end_date=end,
                planned_days=float(a.days),
                md5_days=float(a.days),
                actual_days=float(a.days) if done else None,
                objectives="确认管理体系持续符合认证标准要求并有效运行，评价其实现预期结果的能力。",
                conclusion="管理体系总体符合标准要求，运行有效；内部审核和管理评审按策划实施。"
                if done
                else "",
                recommendation={"recertification": "recertify", "stage2": "grant"}.get(
                    a.audit_type, "maintain"
                )
                if done
                else "",
                locked=a.status == "report_issued",
                report_revision=1 if a.status == "report_issued" else 0,
            )
            w.raw(
                "audit_certificate",
                "INSERT INTO audit_certificate (audit_id, certificate_id) VALUES (?, ?)",
                (a.id, cid),
            )
            lead = rng.choice(self.leads[scheme] or self.leads["QMS"])
            w.add(
                "audit_team_member",
                id=self.ids.new(),
                audit_id=a.id,
                auditor_id=lead,
                role="team_leader",
                days=float(a.days),
            )
            if self.auditors[scheme] and a.days > 1:
                w.add(
                    "audit_team_member",
                    id=self.ids.new(),
                    audit_id=a.id,
                    auditor_id=rng.choice(self.auditors[scheme]),
                    role="auditor",
                    days=float(a.days),
                )
            w.add(
                "audit_site",
                id=self.ids.new(),
                audit_id=a.id,
                site_id=self.orgs[org_i][1],
                visit_date=a.start,
            )
            if a.status == "terminated":
                w.add(
                    "audit_termination",
                    id=self.ids.new(),
                    audit_id=a.id,
                    reason_codes=["top_management_absent"],
                    note="最高管理者缺席且拒绝参加首次会议",
                    terminated_on=a.start,
                    agreed_by=[{"role": "team_leader", "name": "", "at": a.start.isoformat()}],
                )
        # The report audit: the latest completed QMS surveillance (300 evidence items, 40 photos).
        candidates = [
            a
            for a in plan
            if a.status == "completed"
            and a.audit_type == "surveillance_1"
            and self.certs[a.cert][2] == "QMS"
        ] or [a for a in plan if a.status == "completed"]
        self.report_audit = candidates[-1]
        self.summary.report_audit = self.report_audit.number

    def _files(self) -> None:
        self.file_pool = files.make_file_pool(
            self.db, self.n["files"], random.Random(self.seed + 1)
        )
        # Phone-photo size at real scales; small ones keep smoke tests quick.
        size = (1600, 1200) if self.scale >= 0.1 else (400, 300)
        self.photo_pool = files.make_report_photos(
            self.db, REPORT_PHOTOS, random.Random(self.seed + 2), self.report_audit.start, size
        )

    # ------------------------------------------------------------------ evidence, attachments, search index
    def _evidence(self) -> None:
        rng = self.rng
        eligible = [
            a
            for a in self.audit_plan
            if a.status in ("completed", "report_issued", "in_progress")
            and a is not self.report_audit
        ]
        rest = self.n["evidence"] - REPORT_EVIDENCE
        weights = [rng.random() + 0.3 for _ in eligible]
        total = sum(weights)
        counts = [int(x / total * rest) for x in weights]
        for i in range(rest - sum(counts)):
            counts[i % len(counts)] += 1
        self.texts = EvidenceTexts(
            self.corpus,
            random.Random(self.seed + 3),
            max(2000, min(60_000, rest // 20)),
            self.years,
        )
        n_attach = self.n["attachments"] - REPORT_PHOTOS
        attach_every = max(1, rest // max(1, n_attach))
        self.attach_left = n_attach
        self.first_evidence: dict[str, list[str]] = {}
        work = [(self.report_audit, REPORT_EVIDENCE), *zip(eligible, counts, strict=True)]
        for audit, count in work:
            self._evidence_of(audit, count, attach_every)
        # Attachments not yet placed (rounding) go on the last evidence items.
        while self.attach_left > 0 and self.first_evidence:
            aid, evs = next(iter(self.first_evidence.items()))
            self._attachment(aid, evs[-1], rng)

    def _evidence_of(self, audit: _Audit, count: int, attach_every: int) -> None:
        rng, w = self.rng, self.w
        scheme = self.certs[audit.cert][2]
        std_key = next(s[1] for s in SCHEMES if s[0] == scheme)
        start = dt.datetime.combine(audit.start, dt.time(1, 0), tzinfo=dt.UTC)
        report = audit is self.report_audit
        ids = []
        for seq in range(1, count + 1):
            _i, desc, snip = self.texts.pick(std_key, rng)
            eid = self.ids.new()
            refs = references(snip, rng, audit.start.year)
            dept = rng.choice(DEPARTMENTS)
            role = rng.choice(INTERVIEWEE_ROLES) if snip["type"] == "interview" else ""
            w.add(
                "evidence_item",
                id=eid,
                audit_id=audit.id,
                evidence_type=snip["type"],
                site_id=self.orgs[audit.org][1],
                department=dept,
                remote=False,
                observed_at=start + dt.timedelta(minutes=11 * seq),
                description=desc,
                references=refs,
                interviewee_role=role,
                seq=seq,
            )
            clause = (
                self.clause_by_number.get((std_key, snip["clause"]))
                or rng.choice(self.clauses[std_key])[0]
            )
            w.raw(
                "evidence_clause",
                "INSERT OR IGNORE INTO evidence_clause (evidence_id, clause_id) VALUES (?, ?)",
                (eid, clause),
            )
            ids.append(eid)
            if report and seq <= REPORT_PHOTOS - 2:
                self._report_photo(audit, eid, seq)
            elif not report and self.attach_left > 0 and rng.randrange(attach_every) == 0:
                self._attachment(audit.id, eid, rng)
        if ids:
            self.first_evidence[audit.id] = ids[:3]

    def _attachment(self, audit_id: str, evidence_id: str, rng: random.Random) -> None:
        f = rng.choice(self.file_pool)
        self.w.add(
            "attachment",
            id=self.ids.new(),
            evidence_id=evidence_id,
            sha256=f.sha256,
            filename=f.filename,
            media_type=f.media_type,
            size=f.size,
            is_photo=f.is_photo,
            caption="",
            include_in_report=False,
        )
        self.attach_left -= 1

    def _report_photo(self, audit: _Audit, evidence_id: str, seq: int) -> None:
        f = self.photo_pool[seq - 1]
        self.w.add(
            "attachment",
            id=self.ids.new(),
            evidence_id=evidence_id,
            sha256=f.sha256,
            filename=f.filename,
            media_type=f.media_type,
            size=f.size,
            is_photo=True,
            captured_at=f.captured_at,
            caption=f"现场照片 {seq}",
            include_in_report=True,
        )

    # ------------------------------------------------------------------ nonconformities
    def _ncs(self) -> None:
        rng, w = self.rng, self.w
        audits = [
            a for a in self.audit_plan if a.id in self.first_evidence and a is not self.report_audit
        ]
        examples: dict[str, list[dict[str, Any]]] = {}
        for ex in self.corpus["nonconformities"]:
            examples.setdefault(ex["standard"], []).append(ex)
        states = [s for s, weight in NC_STATES for _ in range(weight)]
        chosen = [
            (self.report_audit, s)
            for s in ("closed", "verified", "response_accepted", "response_received", "issued")
        ]
        chosen += [
            (rng.choice(audits), rng.choice(states))
            for _ in range(self.n["nonconformities"] - len(chosen))
        ]
        per_audit: dict[str, int] = {}
        for audit, state in chosen:
            if audit.status == "in_progress":
                state = "draft"
            elif state == "draft":
                state = "issued"
            if (
                state not in ("closed", "draft")
                and audit.start < self.today - dt.timedelta(days=150)
                and rng.random() < 0.9
            ):
                state = "closed"  # old findings are mostly closed; the open ones are recent
            k = per_audit[audit.id] = per_audit.get(audit.id, 0) + 1
            std_key = next(s[1] for s in SCHEMES if s[0] == self.certs[audit.cert][2])
            ex = rng.choice(examples.get(std_key) or examples["ISO9001:2015"])
            t = nc_text(ex, rng, self.years)
            issued = audit.start + dt.timedelta(days=audit.days - 1)
            major = ex["grade"] == "major"
            answered = state not in ("draft", "issued")
            verified = state in ("verified", "closed")
            values: dict[str, Any] = dict(
                id=self.ids.new(),
                audit_id=audit.id,
                clause_id=self.clause_by_number.get((std_key, ex["clause"])),
                number=f"NC-{audit.number}-{k:02d}",
                grade=ex["grade"],
                state=state,
                requirement=t["requirement"],
                evidence_text=t["evidence_text"],
                reason=t["reason"],
                raised_by="system",
                issued_on=issued if state != "draft" else None,
                response_due=issued + dt.timedelta(days=30) if state != "draft" else None,
                verification_due=issued + dt.timedelta(days=60 if major else 90)
                if state != "draft"
                else None,
            )
            if answered:
                values.update(
                    correction=t["correction"],
                    root_cause=t["root_cause"],
                    corrective_action=t["corrective_action"],
                    owners=f"质量部 {person(rng)}",
                    planned_date=issued + dt.timedelta(days=25),
                    done_date=issued + dt.timedelta(days=20),
                    response_received_on=issued + dt.timedelta(days=rng.randint(5, 40)),
                )
            if state == "response_rejected":
                values["review_reason"] = "原因分析停留在“人员疏忽”，未分析制度和流程层面的原因。"
            if verified:
                values.update(
                    verification_method="document_review",
                    verified_by="system",
                    verified_on=issued + dt.timedelta(days=rng.randint(30, 80)),
                    effectiveness="已查看修订后的文件和培训记录，抽查3份近期记录，措施已落实且有效。",
                )
            if state == "closed":
                values["closed_on"] = values["verified_on"] + dt.timedelta(days=1)
            w.add("nonconformity", **values)
            at = dt.datetime.combine(issued, dt.time(8, 0), tzinfo=dt.UTC)
            for step, (action, frm, to) in enumerate(NC_STEPS[state]):
                w.add(
                    "nc_transition",
                    id=self.ids.new(),
                    nonconformity_id=values["id"],
                    action=action,
                    from_state=frm,
                    to_state=to,
                    by_user="system",
                    at=at + dt.timedelta(days=7 * step),
                )
            w.raw(
                "nc_evidence",
                "INSERT OR IGNORE INTO nc_evidence (nonconformity_id, evidence_id) VALUES (?, ?)",
                (values["id"], self.first_evidence[audit.id][0]),
            )

    def _report_audit_extras(self) -> None:
        """Check-in photos and a judgement per clause for the report audit."""
        a = self.report_audit
        for moment, f in zip(
            ("opening", "closing"), self.photo_pool[REPORT_PHOTOS - 2 : REPORT_PHOTOS], strict=True
        ):
            self.w.add(
                "attachment",
                id=self.ids.new(),
                audit_id=a.id,
                sha256=f.sha256,
                filename=f.filename,
                media_type=f.media_type,
                size=f.size,
                is_photo=True,
                captured_at=f.captured_at,
                caption=f"{'首次' if moment == 'opening' else '末次'}会议",
                check_in=moment,
                place="总部及生产厂区",
                include_in_report=True,
            )
        for cid, _number in self.clauses["ISO9001:2015"]:
            self.w.add(
                "clause_judgement",
                id=self.ids.new(),
                audit_id=a.id,
                clause_id=cid,
                judgement="conform",
            )

    def _search_index(self) -> None:
        """The search module's index rows for every evidence item and NC (see search_fill)."""
        self.w.flush()
        search_fill.fill(self.w.con, self.log)

    # ------------------------------------------------------------------ change log
    def _change_log_entry(self) -> None:
        """One ``import`` entry on the hash chain saying what was bulk-loaded, by which generator."""
        from sqlalchemy import insert

        from auditdesk.model import ChangeLogEntry
        from auditdesk.model.base import utcnow
        from auditdesk.storage.changelog import canonical_json, chain_rows, read_head
        from auditdesk.storage.database import make_engine

        engine = make_engine("sqlite:///" + str(self.db.resolve()))
        try:
            with engine.begin() as conn:
                seq, prev = read_head(conn)
                row = {
                    "at": utcnow(),
                    "user": "system",
                    "entity": "bench_dataset",
                    "entity_id": str(uuid.UUID(int=self.seed % (1 << 128))),
                    "action": "import",
                    "field": "",
                    "old": None,
                    "new": canonical_json(
                        {
                            "generator": "auditdesk.bench.generator",
                            "seed": self.seed,
                            "scale": self.scale,
                            "today": self.today.isoformat(),
                            "counts": self.summary.counts,
                        }
                    ),
                }
                conn.execute(insert(ChangeLogEntry.__table__), chain_rows([row], seq, prev))
                # The records were written around the log: one baseline row each, so
                # ``auditdesk check`` can compare every table with its history.
                from auditdesk.storage.changelog import append_baseline

                append_baseline(conn, "system")
        finally:
            engine.dispose()


def generate(
    db: Path | str,
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    log: Callable[[str], None] | None = None,
) -> GenerationSummary:
    """Write the reference dataset into the new SQLite file ``db``."""
    return Generator(Path(db), scale, seed, today or dt.date.today(), log).run()
