"""Optimistic locking on both backends: a save based on an old version of a record is refused
with the name of whoever saved it meanwhile, never applied silently."""

from __future__ import annotations

import pytest

from auditdesk.model import Organisation, Role
from auditdesk.services.clients import OrganisationData, create_organisation, update_organisation
from auditdesk.services.errors import Conflict
from auditdesk.services.users import create_user
from auditdesk.storage.concurrency import expect_version


@pytest.fixture
def org_id(database):
    with database.session() as s:
        create_user(s, "wang", "wang-password-1", Role.ADMIN)
        create_user(s, "li", "li-password-1", Role.ADMIN)
        return create_organisation(s, OrganisationData(name_zh="北京燕京啤酒有限公司")).id


def _version(database, org_id):
    with database.session() as s:
        return s.get(Organisation, org_id).version


def test_a_dialog_left_open_cannot_overwrite_a_newer_save(database, org_id):
    seen = _version(database, org_id)  # li opens the client in a dialog
    with database.session(user="wang") as s:  # wang saves it meanwhile
        update_organisation(s, org_id, {"city": "北京"})
    with pytest.raises(Conflict) as info, database.session(user="li") as s:
        expect_version(s, Organisation, org_id, seen)
        update_organisation(s, org_id, {"city": "天津"})
    assert info.value.details["changed_by"] == "wang"
    assert info.value.details["version"] == seen + 1
    assert "changed by wang meanwhile" in str(info.value)
    with database.session() as s:
        assert s.get(Organisation, org_id).city == "北京"


def test_a_save_based_on_the_current_version_goes_through(database, org_id):
    seen = _version(database, org_id)
    with database.session(user="li") as s:
        expect_version(s, Organisation, org_id, seen)
        update_organisation(s, org_id, {"city": "天津"})
    assert _version(database, org_id) == seen + 1


def test_a_record_deleted_meanwhile_is_reported_as_deleted(database, org_id):
    with database.session(user="wang") as s:
        site_free = s.get(Organisation, org_id)
        s.delete(site_free)
    from sqlalchemy.orm.exc import StaleDataError

    from auditdesk.storage.concurrency import conflict_from

    with database.session(user="li") as s:
        s.info["versions_in_flush"] = [("organisation", org_id, 1)]
        err = conflict_from(
            StaleDataError("DELETE statement on table 'organisation' expected to delete 1 row(s)"),
            s,
            database.engine,
        )
    assert isinstance(err, Conflict) and "deleted by wang meanwhile" in str(err)
