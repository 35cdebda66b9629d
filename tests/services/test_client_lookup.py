"""The client look-ups screens use instead of building queries themselves (issue 18 point 2)."""

from __future__ import annotations

import uuid

from auditdesk.services.clients import (
    OrganisationData,
    create_organisation,
    find_organisation_id,
    names_zh,
)


def test_a_client_is_found_by_its_name_or_its_credit_code(session):
    org = create_organisation(
        session, OrganisationData("深圳华强电子有限公司", credit_code="914403001922038216")
    )
    create_organisation(session, OrganisationData("北京燕京啤酒有限公司"))
    assert find_organisation_id(session, " 深圳华强电子有限公司 ") == org.id
    # typed in lower case with spaces, as a user copies it from a licence
    assert find_organisation_id(session, "9144 0300 1922 0382 16") == org.id
    assert find_organisation_id(session, "深圳华强") is None
    assert find_organisation_id(session, "") is None


def test_names_are_given_for_exactly_the_clients_asked_for(session):
    a = create_organisation(session, OrganisationData("深圳华强电子有限公司"))
    b = create_organisation(session, OrganisationData("北京燕京啤酒有限公司"))
    create_organisation(session, OrganisationData("上海第三有限公司"))
    assert names_zh(session, {a.id, b.id}) == {
        a.id: "深圳华强电子有限公司",
        b.id: "北京燕京啤酒有限公司",
    }
    assert names_zh(session, {uuid.uuid4()}) == {}
    assert names_zh(session, set()) == {}
