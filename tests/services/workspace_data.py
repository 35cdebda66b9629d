"""Building a client with sites, certificates and an audit for the evidence/workspace tests."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from auditdesk.model import AuditMode, AuditStatus, AuditType
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, add_site, create_organisation


@dataclass
class AuditFacts:
    audit_id: uuid.UUID
    organisation_id: uuid.UUID
    certificate_ids: list[uuid.UUID]
    site_ids: list[uuid.UUID]


def make_audit(
    session,
    *,
    standards=("ISO9001:2015",),
    audit_type=AuditType.SURVEILLANCE_1,
    mode=AuditMode.ON_SITE,
    start=dt.date(2027, 3, 1),
    tag="A",
    organisation_id=None,
    certificate_ids=None,
    window_latest=dt.date(2027, 3, 15),
) -> AuditFacts:
    if organisation_id is None:
        org = create_organisation(session, OrganisationData(name_zh=f"苏州精密机械有限公司{tag}"))
        organisation_id = org.id
        sites = [
            add_site(session, org.id, "总部工厂", is_central=True).id,
            add_site(session, org.id, "二厂").id,
        ]
    else:
        from auditdesk.model import Organisation

        sites = [s.id for s in session.get(Organisation, organisation_id).sites]
    if certificate_ids is None:
        certificate_ids = [
            create_certificate(
                session,
                CertificateData(
                    number=f"CERT-{tag}-{i}",
                    organisation_id=organisation_id,
                    standard_key=key,
                    issue_date=dt.date(2026, 3, 16),
                ),
            ).id
            for i, key in enumerate(standards)
        ]
    audit = create_audit(
        session,
        AuditData(
            certificate_ids=list(certificate_ids),
            audit_type=audit_type,
            mode=mode,
            start_date=start,
            end_date=start + dt.timedelta(days=1),
            window_latest=window_latest,
            status=AuditStatus.IN_PROGRESS,
            site_ids=sites,
        ),
    )
    return AuditFacts(audit.id, organisation_id, list(certificate_ids), sites)


def clause_id(session, audit_id, number, standard_key="ISO9001:2015"):
    from sqlalchemy import select

    from auditdesk.model import Clause, Standard

    return session.scalar(
        select(Clause.id)
        .join(Standard)
        .where(Standard.key == standard_key, Clause.number == number)
    )


def jpeg_bytes(
    when: str | None = "2027:03:01 09:05:00",
    offset: str | None = "+08:00",
    size=(32, 24),
    color=(200, 30, 30),
) -> bytes:
    """A small real JPEG, with EXIF DateTimeOriginal when ``when`` is given."""
    import io

    from PIL import Image

    img = Image.new("RGB", size, color)
    exif = Image.Exif()
    if when:
        ifd = exif.get_ifd(0x8769)
        ifd[36867] = when
        if offset:
            ifd[36881] = offset
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes() if when else b"")
    return buf.getvalue()
