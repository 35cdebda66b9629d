"""``auditdesk check`` against an attacker with the database file: every direct edit of a
record, a cut or rewritten log, a dropped table is reported with the record in words.

Each case edits a real database with sqlite3 as an attacker would (no AuditDesk code on the
write side except where the attack uses the project's own ``row_hash``), then runs the real
check. Case counts are reported by the helper's note (tamper cases detected / tried)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from auditdesk.model import Role
from auditdesk.services.users import create_user
from auditdesk.storage.changelog import canonical_row, row_hash
from auditdesk.storage.integrity import check_database, write_witness


@pytest.fixture
def world(database, tmp_path):
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=4, photos=1)
        create_user(s, "lead", "lead-password-1", Role.LEAD)
    path = database.path
    database.close()
    return path, demo


def _sql(path, *statements):
    con = sqlite3.connect(path)
    for st in statements:
        if isinstance(st, tuple):
            con.execute(*st)
        else:
            con.execute(st)
    con.commit()
    con.close()


def _one(path, query, *args):
    con = sqlite3.connect(path)
    try:
        return con.execute(query, args).fetchone()
    finally:
        con.close()


def _found(url):
    report = check_database(url)
    return report, [(p.check, p.code, p.where) for p in report.problems]


def test_the_untouched_world_is_clean(world, db_url):
    report, found = _found(db_url)
    assert found == []
    assert report.records_checked > 50


def test_a_direct_update_of_an_evidence_text_is_named(world, db_url):
    path, _ = world
    eid, seq = _one(path, "SELECT id, seq FROM evidence_item ORDER BY seq LIMIT 1")
    _sql(path, ("UPDATE evidence_item SET description = 'nothing was found' WHERE id = ?", (eid,)))
    report, found = _found(db_url)
    assert [(c, k) for c, k, _w in found] == [("record", "changed_outside_auditdesk")]
    problem = report.problems[0]
    assert problem.where.startswith("evidence_item ") and problem.where.endswith(
        "field description"
    )
    assert "'nothing was found'" in problem.detail


def test_a_direct_update_of_an_nc_state_is_named_by_its_number(world, db_url):
    path, demo = world
    number = demo.nc_numbers[0]
    _sql(path, ("UPDATE nonconformity SET state = 'closed' WHERE number = ?", (number,)))
    report, found = _found(db_url)
    assert [w for _c, _k, w in found] == [
        next(w for _c, _k, w in found if w.startswith(f"nonconformity {number} "))
    ]
    assert found[0][2].endswith("field state") and "'closed'" in report.problems[0].detail


def test_a_changed_role_and_a_changed_password_hash_are_named(world, db_url):
    path, _ = world
    other = _one(path, "SELECT password_hash FROM app_user WHERE username = 'system'")[0]
    _sql(
        path,
        "UPDATE app_user SET role = 'admin' WHERE username = 'lead'",
        ("UPDATE app_user SET password_hash = ? WHERE username = 'lead'", (other or "x",)),
    )
    _report, found = _found(db_url)
    wheres = sorted(w for _c, _k, w in found)
    assert len(wheres) == 1 and wheres[0].startswith("app_user lead ")
    assert wheres[0].endswith("field role")
    # the role put back: the password hash alone is still caught (named, value not shown)
    _sql(path, "UPDATE app_user SET role = 'lead' WHERE username = 'lead'")
    report, found = _found(db_url)
    assert [w.split(" field ")[-1] for _c, _k, w in found] == ["password_hash"]
    assert "scrypt" not in report.problems[0].detail


def test_a_changed_attachment_hash_and_a_swapped_file_are_reported(world, db_url):
    path, _ = world
    att_id, sha = _one(path, "SELECT id, sha256 FROM attachment LIMIT 1")
    _sql(path, ("UPDATE attachment SET sha256 = ? WHERE id = ?", ("ab" * 32, att_id)))
    _report, found = _found(db_url)
    kinds = {(c, k) for c, k, _w in found}
    assert ("record", "changed_outside_auditdesk") in kinds
    assert any(w.endswith("field sha256") for _c, _k, w in found)
    # put the hash back and swap the photo's bytes instead
    _sql(path, ("UPDATE attachment SET sha256 = ? WHERE id = ?", (sha, att_id)))
    from auditdesk.storage.attachments import AttachmentStore

    photo = AttachmentStore.beside(path).path_of(sha)
    photo.chmod(0o644)
    photo.write_bytes(b"\xff\xd8 another photo")
    _report, found = _found(db_url)
    assert [(c, k) for c, k, _w in found] == [("attachment", "hash_mismatch")]


def test_a_record_deleted_or_inserted_outside_auditdesk_is_named(world, db_url):
    path, demo = world
    number = demo.nc_numbers[-1]
    nc_id = _one(path, "SELECT id FROM nonconformity WHERE number = ?", number)[0]
    _sql(
        path,
        "PRAGMA foreign_keys = OFF",
        ("DELETE FROM nc_evidence WHERE nonconformity_id = ?", (nc_id,)),
        ("DELETE FROM nc_transition WHERE nonconformity_id = ?", (nc_id,)),
        ("DELETE FROM nonconformity WHERE id = ?", (nc_id,)),
    )
    _report, found = _found(db_url)
    assert any(
        k == "missing_record" and w.startswith(f"nonconformity {number} ") for _c, k, w in found
    )


def test_a_cut_log_tail_is_caught_by_the_records_and_by_the_witness(world, db_url, tmp_path):
    path, _ = world
    witness = tmp_path / "elsewhere" / "witness.json"
    witness.parent.mkdir()
    write_witness(db_url, witness)
    last = _one(path, "SELECT max(seq) FROM change_log")[0]
    _sql(
        path,
        "DROP TRIGGER change_log_no_delete",
        ("DELETE FROM change_log WHERE seq > ?", (last - 5,)),
        # and put the guard back, as a careful attacker would
        "CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log "
        "BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END",
    )
    report, found = _found(db_url)
    assert found, "cutting the last 5 rows went unnoticed"
    assert all(c == "record" for c, _k, _w in found)
    against = check_database(db_url, against=witness)
    assert ("witness", "history_cut") in {(p.check, p.code) for p in against.problems}


def _rewrite_chain_from(path, seq_from):
    """The ~15-line attack: recompute every hash from ``seq_from`` with the project's own
    row_hash, so the chain verifies again."""
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER change_log_no_update")
    prev = con.execute("SELECT prev_hash FROM change_log WHERE seq = ?", (seq_from,)).fetchone()[0]
    cols = "seq, at, user, entity, entity_id, action, field, old, new, state"
    rows = con.execute(f"SELECT {cols} FROM change_log WHERE seq >= ? ORDER BY seq", (seq_from,))
    import datetime as dt

    for seq, at, user, entity, eid, action, field, old, new, state in rows.fetchall():
        when = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC)
        digest = row_hash(
            prev, canonical_row(seq, when, user, entity, eid, action, field, old, new, state)
        )
        con.execute(
            "UPDATE change_log SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq)
        )
        prev = digest
    con.execute(
        "CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log "
        "BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END"
    )
    con.commit()
    con.close()


def test_a_record_and_its_log_edited_with_the_chain_recomputed_is_caught_by_the_witness(
    world, db_url, tmp_path
):
    path, demo = world
    witness = tmp_path / "witness.json"
    write_witness(db_url, witness)
    number = demo.nc_numbers[0]
    nc_id = _one(path, "SELECT id FROM nonconformity WHERE number = ?", number)[0]
    # the attacker edits the record, computes its new state with the project's own code,
    # and writes both into the log rows of that record, then recomputes the chain
    _sql(path, ("UPDATE nonconformity SET state = 'closed' WHERE id = ?", (nc_id,)))
    from sqlalchemy import create_engine

    from auditdesk.storage.changelog import read_states

    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        import uuid

        [(rid, _data, new_state)] = list(read_states(conn, "nonconformity", [uuid.UUID(nc_id)]))
    engine.dispose()
    seq = _one(
        path,
        "SELECT max(seq) FROM change_log WHERE entity = 'nonconformity' AND entity_id = ?",
        rid,
    )[0]
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER change_log_no_update")
    con.execute("UPDATE change_log SET state = ? WHERE seq = ?", (new_state, seq))
    con.execute(
        "CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log "
        "BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END"
    )
    con.commit()
    con.close()
    _rewrite_chain_from(path, seq)

    report, found = _found(db_url)
    assert found == [], "inside the file the forgery is consistent; only the witness can tell"
    against = check_database(db_url, against=witness)
    assert [(p.check, p.code) for p in against.problems] == [("witness", "history_rewritten")]


def test_a_missing_table_is_named(world, db_url):
    path, _ = world
    _sql(path, "PRAGMA foreign_keys = OFF", "DROP TABLE nc_evidence")
    report, found = _found(db_url)
    assert ("schema", "missing_table", "table nc_evidence") in found


def test_the_cli_prints_the_record_and_exits_1_and_keeps_a_witness(world, tmp_path, capsys):
    from auditdesk.cli import main

    path, _ = world
    witness = tmp_path / "w.json"
    assert main(["check", "--db", str(path), "--write-witness", str(witness)]) == 0
    assert json.loads(witness.read_text())["seq"] > 0
    assert "witness written" in capsys.readouterr().out
    _sql(path, "UPDATE app_user SET role = 'admin' WHERE username = 'lead'")
    assert main(["check", "--db", str(path), "--against", str(witness)]) == 1
    out = capsys.readouterr().out
    assert "app_user lead" in out and "field role" in out
    (tmp_path / "bad.json").write_text("{}")
    assert main(["check", "--db", str(path), "--against", str(tmp_path / "bad.json")]) == 1
    captured = capsys.readouterr()
    assert "not an AuditDesk witness" in captured.out + captured.err
