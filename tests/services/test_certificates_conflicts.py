"""Two people record events on the same certificate: the second, made from the version its
dialog showed, is a ``Conflict`` naming the first — a scope typed over an old scope never
replaces the newer one silently (issue 14 point 7). SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import Certificate, CertificateEventKind, CertificateStatus, Role
from auditdesk.services import certificate_events
from auditdesk.services.errors import Conflict
from tests.samples import make_sample
from tests.services.nc_world import add_user

REDUCE, EXTEND = CertificateEventKind.REDUCE_SCOPE, CertificateEventKind.EXTEND_SCOPE


@pytest.fixture
def cert_id(database):
    with database.session() as s:
        data = make_sample(s)
        add_user(s, "wang", Role.ADMIN).display_name = "王建国"
        add_user(s, "li", Role.ADMIN).display_name = "李娜"
        return data["certs"][0].id


def version_of(database, cert_id):
    with database.session() as s:
        return s.get(Certificate, cert_id).version


def test_a_scope_change_from_an_old_version_is_refused(database, cert_id):
    today = dt.date.today()
    seen = version_of(database, cert_id)
    with database.session("wang") as s:
        certificate_events.record_event(s, cert_id, REDUCE, today, "客户申请", "电子元器件")
    with pytest.raises(Conflict) as caught, database.session("li") as s:
        certificate_events.record_event(
            s, cert_id, EXTEND, today, "增加", "电子元器件和线缆", expected_version=seen
        )
    assert caught.value.details["changed_by"] == "wang"
    with database.session() as s:
        cert = s.get(Certificate, cert_id)
        assert cert.scope_zh == "电子元器件" and len(cert.events) == 2


def test_a_suspension_from_the_current_version_is_recorded(database, cert_id):
    with database.session("li") as s:
        certificate_events.record_event(
            s,
            cert_id,
            CertificateEventKind.SUSPEND,
            dt.date.today(),
            "监督逾期",
            expected_version=version_of(database, cert_id),
        )
    with database.session() as s:
        assert s.get(Certificate, cert_id).status == CertificateStatus.SUSPENDED
