"""Several people on the central database at once: no update is lost silently, and the change
log stays one unbroken chain however many write at the same moment."""

from __future__ import annotations

import threading

import pytest

from auditdesk.model import Organisation, Role
from auditdesk.services.clients import OrganisationData, create_organisation, update_organisation
from auditdesk.services.errors import Conflict
from auditdesk.services.users import create_user
from auditdesk.storage.changelog import verify_chain


@pytest.fixture
def org_id(database):
    with database.session() as s:
        create_user(s, "wang", "wang-password-1", Role.ADMIN)
        create_user(s, "li", "li-password-1", Role.ADMIN)
        return create_organisation(s, OrganisationData(name_zh="深圳市华强电子有限公司")).id


def test_second_of_two_concurrent_saves_gets_a_conflict_naming_the_first(database, org_id):
    with pytest.raises(Conflict) as info:
        with database.session(user="li") as li:
            seen = li.get(Organisation, org_id)  # li opens the client (version 1) ...
            assert seen.version == 1
            with database.session(user="wang") as wang:  # ... wang saves it first and commits
                update_organisation(wang, org_id, {"address": "南山区科技园"})
            update_organisation(li, org_id, {"address": "福田区华强北路1号"})  # li saves version 1
    conflict = info.value
    assert conflict.details["changed_by"] == "wang"
    assert "changed by wang meanwhile" in str(conflict)
    assert conflict.details["entity"] == "organisation" and conflict.details["record_id"] == str(
        org_id
    )
    with database.session() as s:
        assert s.get(Organisation, org_id).address == "南山区科技园"  # wang's save stands
        assert verify_chain(s) == []


def test_many_writers_at_once_keep_one_chain(database):
    with database.session() as s:
        for n in range(6):
            create_user(s, f"user{n}", f"password-{n}-long", Role.ADMIN)
    errors: list[BaseException] = []
    start_together = threading.Barrier(6, timeout=60)

    def writer(n: int) -> None:
        try:
            for i in range(5):
                with database.session(user=f"user{n}") as s:
                    s.connection()  # every transaction is open ...
                    start_together.wait()  # ... before any of them writes
                    create_organisation(s, OrganisationData(name_zh=f"测试公司{n}-{i}有限公司"))
        except BaseException as exc:  # noqa: BLE001 — collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    with database.session() as s:
        assert verify_chain(s) == []
        assert s.query(Organisation).count() == 30
