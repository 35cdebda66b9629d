"""The frozen context of a certificate document (ISO/IEC 17021-1 8.2.2): read once from the
database, plain values only. ``build_certificate_context(session, "Q26-0001", "zh")``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from auditdesk.exports.common import CBIdentity, cb_identity
from auditdesk.model import CertificateEventKind
from auditdesk.services.certificates import find_certificate


@dataclass(frozen=True)
class CertificateSite:
    name: str
    address: str
    scope: str  # the activities certified at this site
    central: bool
    temporary: bool


@dataclass(frozen=True)
class CertificateContext:
    lang: str
    cb: CBIdentity
    number: str
    revision: int
    status: str  # cert_status code
    status_date: dt.date | None
    client_zh: str
    client_en: str
    credit_code: str
    client_address: str
    sites: tuple[CertificateSite, ...]
    scope_zh: str
    scope_en: str
    standard_code: str  # "ISO 9001:2015"
    national_code: str  # "GB/T 19001-2016"
    standard_title_zh: str
    standard_title_en: str
    edition: str
    technical_codes: str
    initial_date: dt.date
    issue_date: dt.date
    decision_date: dt.date | None
    expiry_date: dt.date
    cycle_start: dt.date
    accredited: bool
    accreditation_marks: tuple[str, ...]  # codes, e.g. ("CNAS",)
    transferred_from: str


def build_certificate_context(session: Session, ref: str, lang: str = "zh") -> CertificateContext:
    """The certificate ``ref`` (number or UUID) as the document prints it."""
    from auditdesk.services.cnca_reporting import accreditation_marks

    cert = find_certificate(session, ref)
    org = cert.organisation
    std = cert.standard
    issues = [
        e.event_date
        for e in cert.events
        if e.kind in (CertificateEventKind.ISSUE, CertificateEventKind.TRANSFER)
    ]
    cycle_start = cert.cycle_start or cert.issue_date
    initial = min([*issues, cycle_start, cert.issue_date])
    sites = tuple(
        CertificateSite(
            s.name,
            s.address,
            s.activities.strip(),
            s.is_central,
            s.is_temporary,
        )
        for s in sorted(org.sites, key=lambda s: (not s.is_central, s.name))
        if not s.archived
    )
    marks = tuple(m for m in accreditation_marks(session, cert) if m and m != "NONE")
    return CertificateContext(
        lang=lang,
        cb=cb_identity(session),
        number=cert.number,
        revision=cert.revision,
        status=cert.status.value,
        status_date=cert.status_date,
        client_zh=org.name_zh,
        client_en=org.name_en,
        credit_code=org.credit_code or "",
        client_address=org.address,
        sites=sites,
        scope_zh=cert.scope_zh,
        scope_en=cert.scope_en,
        standard_code=std.code,
        national_code=std.national_code,
        standard_title_zh=std.title_zh,
        standard_title_en=std.title_en,
        edition=std.edition,
        technical_codes=cert.technical_codes or org.technical_codes,
        initial_date=initial,
        issue_date=cert.issue_date,
        decision_date=cert.decision_date,
        expiry_date=cert.expiry_date,
        cycle_start=cycle_start,
        accredited=cert.accredited,
        accreditation_marks=marks if cert.accredited else (),
        transferred_from=cert.transferred_from,
    )
