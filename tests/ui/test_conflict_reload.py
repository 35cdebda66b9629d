"""The "changed by X meanwhile" dialog: reload or merge after a refused save, on real data."""

from __future__ import annotations

import pytest

from auditdesk.model import Organisation, Role
from auditdesk.services.clients import OrganisationData, create_organisation, update_organisation
from auditdesk.services.errors import Conflict
from auditdesk.services.users import create_user
from auditdesk.storage.concurrency import expect_version
from auditdesk.ui.conflict_reload import MERGE, RELOAD, conflict_text, merge_edits, resolve_conflict

FIELDS = ("city", "address", "contact_name")


def _load(database, org_id):
    with database.session() as s:
        org = s.get(Organisation, org_id)
        return {k: getattr(org, k) for k in FIELDS}, org.version


def _save(database, user, org_id, values, version):
    with database.session(user=user) as s:
        expect_version(s, Organisation, org_id, version)
        update_organisation(s, org_id, values)


@pytest.fixture
def refused(database, qapp):
    """wang saved the city while li had the client open; li's save of address+city is refused."""
    with database.session() as s:
        create_user(s, "wang", "wang-password-1", Role.ADMIN)
        create_user(s, "li", "li-password-1", Role.ADMIN)
        org_id = create_organisation(
            s, OrganisationData(name_zh="深圳市华强电子有限公司", city="深圳")
        ).id
    base, seen = _load(database, org_id)
    _save(database, "wang", org_id, {"city": "深圳市", "contact_name": "王经理"}, seen)
    mine = dict(base, address="华强北路1号", city="深圳市福田区")
    with pytest.raises(Conflict) as info:
        _save(database, "li", org_id, mine, seen)
    return org_id, base, mine, info.value


def test_the_dialog_names_who_changed_the_record(refused):
    *_, exc = refused
    assert "wang changed this record while you were editing it" in conflict_text(exc)


def test_reload_shows_their_version(database, refused):
    org_id, base, mine, exc = refused
    out = resolve_conflict(
        exc, base=base, mine=mine, reload=lambda: _load(database, org_id), ask=lambda e, p: RELOAD
    )
    assert out.values == {"city": "深圳市", "address": "", "contact_name": "王经理"}


def test_merge_keeps_both_sides_and_lists_fields_both_changed_then_saves(database, refused):
    org_id, base, mine, exc = refused
    out = resolve_conflict(
        exc, base=base, mine=mine, reload=lambda: _load(database, org_id), ask=lambda e, p: MERGE
    )
    assert out.values == {
        "city": "深圳市福田区",
        "address": "华强北路1号",
        "contact_name": "王经理",
    }
    assert out.both_changed == ["city"]
    _save(database, "li", org_id, out.values, out.version)  # against the reloaded version: accepted
    assert _load(database, org_id)[0] == out.values


def test_merge_of_untouched_fields_takes_theirs():
    merged, both = merge_edits({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3})
    assert merged == {"a": 2, "b": 3} and both == []
