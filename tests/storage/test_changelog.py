"""Change log: every create/update/delete recorded with who, when, field, old → new, in a
SHA-256 hash chain that is append-only and that shows any later edit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from auditdesk.model import ChangeLogEntry, Organisation, Role
from auditdesk.services.clients import OrganisationData, create_organisation, update_organisation
from auditdesk.services.users import create_user
from auditdesk.storage.changelog import GENESIS_HASH, chain_head, history, verify_chain


def _log(session, entity_id):
    return history(session, "organisation", str(entity_id))


def test_create_update_delete_are_logged_with_user_field_old_and_new(database):
    with database.session() as s:
        create_user(s, "wang", "secret-123", Role.ADMIN)
    with database.session(user="wang") as s:
        org = create_organisation(s, OrganisationData(name_zh="深圳市测试有限公司"))
    with database.session(user="wang") as s:
        update_organisation(s, org.id, {"name_zh": "深圳市测试股份有限公司"})
    with database.session(user="wang") as s:
        s.delete(s.get(Organisation, org.id))
    with database.session() as s:
        rows = _log(s, org.id)
    assert [(r.action, r.field) for r in rows] == [
        ("create", ""),
        ("update", "name_zh"),
        ("delete", ""),
    ]
    assert all(r.user == "wang" for r in rows)
    assert '"name_zh":"深圳市测试有限公司"' in rows[0].new
    assert (rows[1].old, rows[1].new) == ('"深圳市测试有限公司"', '"深圳市测试股份有限公司"')
    assert '"深圳市测试股份有限公司"' in rows[2].old and rows[2].new is None
    assert all(r.at.tzinfo is not None for r in rows)


def test_bookkeeping_columns_are_not_logged_as_changes(session):
    org = create_organisation(session, OrganisationData(name_zh="甲"))
    update_organisation(session, org.id, {"address": "深圳"})
    fields = [r.field for r in _log(session, org.id) if r.action == "update"]
    assert fields == ["address"]


def test_entries_form_a_hash_chain_from_genesis(session):
    create_organisation(session, OrganisationData(name_zh="甲"))
    rows = list(session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.seq)))
    assert rows[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    assert chain_head(session) == rows[-1].hash
    assert verify_chain(session) == []


def test_a_rolled_back_action_leaves_no_entries(database):
    with database.session() as s:
        before = s.scalar(select(func.count()).select_from(ChangeLogEntry))
        head = chain_head(s)
    with pytest.raises(RuntimeError), database.session() as s:
        create_organisation(s, OrganisationData(name_zh="乙"))
        raise RuntimeError("user cancelled")
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLogEntry)) == before
        assert chain_head(s) == head
        create_organisation(s, OrganisationData(name_zh="丙"))
    with database.session() as s:
        assert verify_chain(s) == []


def test_bulk_flush_of_many_records_chains_correctly(session):
    for i in range(300):
        session.add(Organisation(name_zh=f"公司{i}"))
    session.flush()
    assert verify_chain(session) == []
    assert (
        session.scalar(select(func.count()).where(ChangeLogEntry.entity == "organisation")) == 300
    )


def test_log_refuses_update_and_delete(database):
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲"))
    with pytest.raises(DatabaseError, match="append-only"), database.session() as s:
        s.execute(text("UPDATE change_log SET new = 'x'"))
    with pytest.raises(DatabaseError, match="append-only"), database.session() as s:
        s.execute(text("DELETE FROM change_log"))


def _as_attacker(database, *statements):
    """Run SQL outside AuditDesk after dropping the append-only guard, as an attacker would."""
    from auditdesk.storage.database import Database

    drop = (
        ["DROP TRIGGER change_log_no_update", "DROP TRIGGER change_log_no_delete"]
        if database.engine.dialect.name == "sqlite"
        else ["DROP TRIGGER change_log_append_only ON change_log"]
    )
    url = database.url
    with database.engine.begin() as conn:
        for sql in [*drop, *statements]:
            conn.execute(text(sql))
    database.close()
    return Database.open(url, migrate=False)


def test_a_changed_byte_is_found_at_its_row(database):
    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="深圳市测试有限公司"))
        update_organisation(s, org.id, {"address": "深圳市南山区"})
        seq = s.scalar(select(ChangeLogEntry.seq).where(ChangeLogEntry.field == "address"))
    db = _as_attacker(database, f"UPDATE change_log SET new = '\"深圳市福田区\"' WHERE seq = {seq}")
    with db.session() as s:
        problems = verify_chain(s)
    db.close()
    assert [(p.seq, p.code, p.field) for p in problems] == [(seq, "hash_mismatch", "address")]


def test_a_removed_row_breaks_the_link(database):
    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="甲"))
        update_organisation(s, org.id, {"address": "一"})
        update_organisation(s, org.id, {"address": "二"})
        seq = s.scalar(
            select(func.min(ChangeLogEntry.seq)).where(ChangeLogEntry.field == "address")
        )
    db = _as_attacker(database, f"DELETE FROM change_log WHERE seq = {seq}")
    with db.session() as s:
        codes = {(p.seq, p.code) for p in verify_chain(s)}
    db.close()
    assert codes == {(seq + 1, "seq_gap"), (seq + 1, "broken_link")}


def test_password_changes_are_logged_without_the_hash(database):
    from auditdesk.services.users import reset_password

    with database.session() as s:
        user = create_user(s, "wang", "secret-123", Role.ADMIN)
        reset_password(s, "wang", "secret-456")
    with database.session() as s:
        rows = history(s, "app_user", str(user.id))
    assert "scrypt$" not in "".join((r.old or "") + (r.new or "") for r in rows)
    assert [r.field for r in rows if r.action == "update"] == ["password_hash"]


def test_orm_bulk_update_is_logged_too(session):
    from sqlalchemy import update

    create_organisation(session, OrganisationData(name_zh="甲", province="广东省"))
    create_organisation(session, OrganisationData(name_zh="乙", province="广东省"))
    session.execute(
        update(Organisation).where(Organisation.province == "广东省").values(city="深圳市")
    )
    row = session.scalars(
        select(ChangeLogEntry)
        .where(ChangeLogEntry.entity_id == "*")
        .order_by(ChangeLogEntry.seq.desc())
    ).first()
    assert (row.entity, row.entity_id, row.field, row.action) == (
        "organisation",
        "*",
        "*",
        "update",
    )
    assert '"rows":2' in row.new and "深圳市" in row.new
    # then the table's states as the statement left them, so check can compare the table
    states = session.scalars(
        select(ChangeLogEntry).where(
            ChangeLogEntry.seq > row.seq, ChangeLogEntry.state.is_not(None)
        )
    ).all()
    assert len(states) == 2 and all(r.action == "bulk_state" for r in states)
    assert all("深圳市" in r.new for r in states)
    assert verify_chain(session) == []


def test_autosaves_of_a_long_text_log_the_edit_not_the_whole_text_twice(database):
    """200 saves of a 39 200-character text added ~47 MB to the log; now each adds what
    changed (plus two hashes), and check still replays the text exactly."""
    from auditdesk.storage.changelog import apply_logged_change

    text_ = "现场审核记录：仓库温湿度记录完整" * 2450
    assert len(text_) == 39200
    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="长文本有限公司", notes=text_))
    with database.session() as s:
        start = s.scalar(select(func.sum(func.length(ChangeLogEntry.new))))
    for i in range(200):
        text_ = text_[:20000] + f"第{i}次补充。" + text_[20000:]
        with database.session() as s:
            update_organisation(s, org.id, {"notes": text_})
    with database.session() as s:
        rows = [r for r in _log(s, org.id) if r.field == "notes"]
        grown = s.scalar(
            select(
                func.sum(func.length(ChangeLogEntry.new) + func.length(ChangeLogEntry.old))
            ).where(ChangeLogEntry.field == "notes")
        )
        assert len(rows) == 200
        assert grown < 200 * 400, f"the log grew by {grown} characters for 200 small edits"
        # the history still gives the exact text: replay from the create snapshot
        import json

        value = json.loads(_log(s, org.id)[0].new)["notes"]
        for r in rows:
            value = apply_logged_change(value, json.loads(r.new))
        assert value == text_
        assert verify_chain(s) == []
    assert start
    if database.path is not None:  # and check compares the table with the replayed log
        from auditdesk.storage.integrity import check_database

        assert check_database(database.url).ok


def test_a_20_mib_paste_is_refused_with_a_clear_error_and_nothing_saved(database):
    from auditdesk.storage.errors import TextTooLarge

    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="大粘贴有限公司"))
    with pytest.raises(TextTooLarge) as info, database.session() as s:
        update_organisation(s, org.id, {"notes": "粘" * (20 * 1024 * 1024)})
    assert "notes" in str(info.value) and "at most" in str(info.value)
    with database.session() as s:
        assert s.get(Organisation, org.id).notes == ""
