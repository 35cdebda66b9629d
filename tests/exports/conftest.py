"""A realistic audit for the documents: 42 evidence items, 5 NCs, 6 photos, built with the services."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import select

from auditdesk.model import (
    AuditMode,
    Auditor,
    AuditorGrade,
    AuditStatus,
    AuditType,
    CBSetting,
    CheckInMoment,
    Clause,
    EvidenceType,
    Judgement,
    NCGrade,
    Standard,
    TeamRole,
)

CLAUSES = [
    "4.1",
    "4.2",
    "4.3",
    "5.1",
    "5.2",
    "5.3",
    "6.1",
    "6.2",
    "7.1.5",
    "7.2",
    "7.5",
    "8.2",
    "8.4",
    "8.5.1",
    "8.6",
    "8.7",
    "9.1.2",
    "9.2",
    "9.3",
    "10.2",
]
EVIDENCE_TEXT = [
    "查阅《质量手册》A/2 版及过程清单，组织识别了 12 个过程并明确了过程负责人。",
    "抽查 2025 年 3 份销售合同评审记录（HT-2025-031/047/052），评审内容完整。",
    "与生产部经理面谈，了解注塑车间的首件检验和巡检安排。",
    "现场观察注塑车间 3 号机，作业指导书 WI-ZS-03 在岗位可获得。",
    "抽查计量器具台账，游标卡尺 JL-012 校准有效期至 2026-05-30。",
    "查看内部审核方案和 2025 年内审报告，覆盖全部条款和部门。",
    "查看 2025 年管理评审记录，输入涵盖 9.3.2 的全部内容。",
    "Reviewed supplier evaluation for 2025: 18 approved suppliers, 2 on probation.",
]


@dataclass
class DemoAudit:
    audit_id: uuid.UUID
    number: str
    nc_numbers: list[str]
    photo_count: int
    evidence_count: int


def make_jpeg(path: Path, label: str, size: tuple[int, int] = (1600, 1200), hue: int = 0) -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (60 + hue % 150, 110, 160 - hue % 100))
    draw = ImageDraw.Draw(img)
    for i in range(0, size[0], 80):
        draw.line([(i, 0), (size[0] - i, size[1])], fill=(220, 220, 220), width=3)
    draw.rectangle([40, 40, size[0] - 40, 200], fill=(255, 255, 255))
    draw.text((60, 90), label, fill=(0, 0, 0))
    img.save(path, "JPEG", quality=85)
    return path


def build_demo_audit(
    session, workdir: Path, *, evidence_count: int = 42, photos: int = 6
) -> DemoAudit:
    from auditdesk.services import evidence as ev
    from auditdesk.services import nonconformities as ncs
    from auditdesk.services.audits import AuditData, create_audit
    from auditdesk.services.certificates import CertificateData, create_certificate
    from auditdesk.services.clients import add_site

    session.add_all(
        [
            CBSetting(key="cb_name_zh", value="华信质量认证有限公司"),
            CBSetting(key="cb_name_en", value="Huaxin Quality Certification Co., Ltd."),
            CBSetting(key="cb_address", value="北京市海淀区学院路 30 号"),
            CBSetting(key="cb_accreditation", value="CNAS C999-M"),
        ]
    )
    org = _org(session)
    central = add_site(
        session,
        org.id,
        "总部及注塑车间",
        "江苏省苏州市吴中区木渎镇金枫路 88 号",
        is_central=True,
        personnel=150,
    )
    branch = add_site(
        session, org.id, "装配分厂", "江苏省苏州市相城区黄埭镇春兴路 6 号", personnel=30
    )
    std = session.scalar(select(Standard).where(Standard.key == "ISO9001:2015"))
    cert = create_certificate(
        session,
        CertificateData(
            number="CN-QMS-2025-0088",
            organisation_id=org.id,
            standard_key="ISO9001:2015",
            issue_date=dt.date(2025, 3, 15),
            scope_zh="注塑件（汽车内饰件、家电外壳）的生产",
            scope_en="Production of injection-moulded parts (car interior trims, appliance housings)",
            team_leader_name="张伟",
        ),
    )
    auditors = [
        Auditor(name_zh=n, name_en=e, ccaa_no=c, grade=g, schemes=["QMS"])
        for n, e, c, g in (
            ("张伟", "Zhang Wei", "2023-N1QMS-1234567", AuditorGrade.LEAD_AUDITOR),
            ("刘芳", "Liu Fang", "2022-N1QMS-7654321", AuditorGrade.AUDITOR),
            ("陈刚", "Chen Gang", "", AuditorGrade.TECH_EXPERT),
        )
    ]
    session.add_all(auditors)
    session.flush()
    audit = create_audit(
        session,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=AuditType.SURVEILLANCE_1,
            start_date=dt.date(2026, 3, 2),
            end_date=dt.date(2026, 3, 3),
            mode=AuditMode.ON_SITE,
            planned_days=3.0,
            md5_days=3.0,
            objectives="确认管理体系持续符合 GB/T 19001-2016 并有效运行，评价是否保持认证注册。",
            scope="注塑件（汽车内饰件、家电外壳）的生产",
            status=AuditStatus.IN_PROGRESS,
            team=[
                (auditors[0].id, TeamRole.TEAM_LEADER),
                (auditors[1].id, TeamRole.AUDITOR),
                (auditors[2].id, TeamRole.TECH_EXPERT),
            ],
            site_ids=[central.id, branch.id],
            number="2026-0031",
        ),
    )
    for s in audit.sites:
        s.visit_date = dt.date(2026, 3, 2) if s.site_id == central.id else dt.date(2026, 3, 3)
    audit.team[0].days, audit.team[1].days = 1.5, 1.5
    audit.actual_days = 3.0
    audit.conclusion = "管理体系总体符合标准要求并有效运行，内部审核和管理评审按计划实施。"
    audit.recommendation = "maintain"
    audit.marks_control = "抽查宣传册和网站，认证标志使用符合规定。"
    audit.plan_deviations = (
        "装配分厂审核由计划的 3 月 2 日下午调整至 3 月 3 日上午（客户生产安排），不影响审核目的。"
    )
    clauses = {
        c.number: c for c in session.scalars(select(Clause).where(Clause.standard_id == std.id))
    }
    items = []
    start = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
    types = list(EvidenceType)
    for i in range(evidence_count):
        number = CLAUSES[i % len(CLAUSES)]
        items.append(
            ev.add_evidence(
                session,
                audit.id,
                ev.EvidenceData(
                    evidence_type=types[i % len(types)],
                    clause_ids=[clauses[number].id],
                    site_id=central.id if i % 3 else branch.id,
                    department=["生产部", "品质部", "采购部", "行政部"][i % 4],
                    observed_at=start + dt.timedelta(minutes=17 * i),
                    description=EVIDENCE_TEXT[i % len(EVIDENCE_TEXT)],
                    references=f"REC-{1000 + i}",
                    interviewee_role="部门经理" if i % 7 == 0 else "",
                ),
            )
        )
    nc_clauses = ["7.1.5", "8.4", "8.5.1", "9.2", "7.2"]
    for number in CLAUSES:
        ev.set_judgement(
            session,
            audit.id,
            clauses[number].id,
            Judgement.NONCONFORMITY if number in nc_clauses else Judgement.CONFORM,
        )
    nc_numbers = []
    for k, number in enumerate(nc_clauses):
        linked = [it.id for it in items if clauses[number] in it.clauses][:2] or [items[0].id]
        nc = ncs.raise_nc(
            session,
            ncs.NCDraft(
                audit_id=audit.id,
                clause_id=clauses[number].id,
                grade=NCGrade.MAJOR if k == 0 else NCGrade.MINOR,
                requirement=f"GB/T 19001-2016 {number} 条款要求组织对相关过程实施控制并保留成文信息。",
                evidence_text=f"现场抽查发现：记录 REC-{2000 + k} 未按规定保存，相关人员不清楚要求（第 {k + 1} 项）。",
                reason="不符合标准条款要求。",
                evidence_ids=linked,
            ),
            on=dt.date(2026, 3, 3),
        )
        ncs.issue_nc(session, nc.id, on=dt.date(2026, 3, 3))
        nc_numbers.append(nc.number)
    workdir.mkdir(parents=True, exist_ok=True)
    for k in range(photos):
        path = make_jpeg(
            workdir / f"photo{k}.jpg",
            f"photo {k}",
            hue=k * 40,
            size=(1600, 1200) if k % 3 else (1200, 1600),
        )
        if k == 0:
            ev.add_check_in_photo(
                session, audit.id, path, CheckInMoment.OPENING, place="公司会议室"
            )
        else:
            att = ev.attach_file(
                session,
                items[(k * 5) % len(items)].id,
                path,
                caption=f"现场照片：注塑车间 {k} 号机",
            )
            att.include_in_report = True
    session.flush()
    return DemoAudit(audit.id, audit.number, nc_numbers, photos, evidence_count)


def _org(session):
    from auditdesk.services.clients import OrganisationData, create_organisation

    return create_organisation(
        session,
        OrganisationData(
            name_zh="苏州精达塑胶制品有限公司",
            name_en="Suzhou Jingda Plastic Products Co., Ltd.",
            credit_code="91320506MA1N2Q3R4N",
            address="江苏省苏州市吴中区木渎镇金枫路 88 号",
            province="江苏省",
            city="苏州市",
            representative="王建国",
            contact_name="李敏",
            contact_phone="0512-66001234",
            effective_personnel=180,
        ),
    )


@dataclass
class DemoTemplate:
    path: Path
    demo: DemoAudit


@pytest.fixture(scope="session")
def demo_audit_template(sqlite_template, tmp_path_factory) -> DemoTemplate:
    """The demo audit built once per run (about 1 s of CPU each time) into a copy of the
    migrated template, committed and closed with its attachment store, for tests to copy."""
    from tests.conftest import copy_of_template

    path = tmp_path_factory.mktemp("demo_template") / "demo.sqlite3"
    db = copy_of_template(sqlite_template, f"sqlite:///{path}")
    try:
        with db.session() as s:
            demo = build_demo_audit(s, path.parent / "photos")
    finally:
        db.close()
    assert not path.with_name(path.name + "-wal").exists()
    return DemoTemplate(path, demo)


@pytest.fixture
def database_template(request, sqlite_template) -> Path:
    """A test that asks for ``demo_audit`` gets ``database`` as a copy of the built demo (the
    fixture below then only names it); any other test gets the new, empty database."""
    if "demo_audit" in request.fixturenames:
        return request.getfixturevalue("demo_audit_template").path
    return sqlite_template


@pytest.fixture
def demo_audit(request, session, backend, tmp_path) -> DemoAudit:
    """The demo audit in ``database``: there already on SQLite (a copy of
    ``demo_audit_template``, see ``database_template``), built in the session otherwise."""
    from auditdesk.model import Audit

    if backend != "sqlite":
        return build_demo_audit(session, tmp_path / "photos")
    demo = request.getfixturevalue("demo_audit_template").demo
    assert session.get(Audit, demo.audit_id) is not None, "database is not the demo's copy"
    return replace(demo, nc_numbers=list(demo.nc_numbers))  # the template's stays as built


# --- real readers -------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler) is not installed"
)


def issue_demo_report(
    database, tmp_path: Path, name: str = "copy.pdf", evidence_count: int = 6, photos: int = 2
) -> tuple[DemoAudit, Path]:
    """A demo audit issued in Chinese by a signed-in lead (李主任) and its issued PDF exported
    to ``tmp_path / name``: what ``auditdesk verify`` and the GUI's verify are given."""
    from auditdesk.exports import api
    from auditdesk.model import Role
    from auditdesk.services.users import create_user

    with database.session() as s:
        demo = build_demo_audit(
            s, tmp_path / "photos", evidence_count=evidence_count, photos=photos
        )
        create_user(s, "lead", "lead-password-1", Role.LEAD, display_name="李主任")
    with database.session(user="lead") as s:
        api.issue_report(s, demo.number, override_reason="演示：出具", langs=("zh",))
        out = tmp_path / name
        with out.open("wb") as fh:
            api.export_report(s, demo.number, "pdf", "zh", fh)
    return demo, out


def fontconfig_env(tmp: Path) -> dict[str, str]:
    """Let LibreOffice find the shipped CJK font even where no Chinese font is installed."""
    from auditdesk.paths import resource

    conf = tmp / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
        f"<dir>{resource('fonts')}</dir><cachedir>{tmp / 'fc-cache'}</cachedir>"
        "</fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def soffice_convert(source: Path, outdir: Path, target: str = "pdf") -> Path:
    """Convert with LibreOffice headless in a throw-away profile; fail with LibreOffice's output."""
    profile = Path(f"/tmp/lo-{uuid.uuid4().hex}")
    try:
        result = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            env=fontconfig_env(outdir),
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / (source.stem + "." + target.split(":")[0])
    assert result.returncode == 0 and out.is_file(), (
        f"LibreOffice failed: {result.stdout} {result.stderr}"
    )
    return out


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
