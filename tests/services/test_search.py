"""Full-text search over evidence and NC text: Chinese 1- and 2-character queries, Latin words."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from auditdesk.model import NCGrade, Nonconformity
from auditdesk.services import evidence as ev
from auditdesk.services.search import fts_query, rebuild_search_index, search, tokenise
from tests.services.workspace_data import make_audit


@pytest.fixture
def items(session):
    facts = make_audit(session)
    a = ev.add_evidence(
        session,
        facts.audit_id,
        ev.EvidenceData(description="抽查2026年内部审核报告3份，审核员独立"),
    )
    b = ev.add_evidence(
        session, facts.audit_id, ev.EvidenceData(description="现场查看危险废物暂存间，联单齐全")
    )
    c = ev.add_evidence(
        session,
        facts.audit_id,
        ev.EvidenceData(
            description="Calibration certificates for CMM-07 checked", references="REC-2027-114"
        ),
    )
    return facts, a, b, c


def ids(hits):
    return {h.ref_id for h in hits}


def test_tokens_are_cjk_bigrams_single_characters_and_words():
    grams, chars = tokenise("内审OK 记录")
    assert grams.split() == ["内审", "ok", "记录"]
    assert chars.split() == ["内", "审", "记", "录"]
    assert fts_query("  ") is None


def test_two_character_chinese_query(session, items):
    _f, a, b, _c = items
    assert ids(search(session, "审核")) == {a.id}
    assert ids(search(session, "联单")) == {b.id}


def test_one_character_chinese_query(session, items):
    _f, a, b, _c = items
    assert ids(search(session, "废")) == {b.id}
    assert ids(search(session, "审")) == {a.id}


def test_longer_chinese_query_is_a_phrase_not_scattered_bigrams(session, items):
    _f, a, _b, _c = items
    assert ids(search(session, "内部审核报告")) == {a.id}
    assert ids(search(session, "审核报废")) == set()


def test_latin_words_match_by_prefix_case_insensitively(session, items):
    _f, _a, _b, c = items
    assert ids(search(session, "calib")) == {c.id}
    assert ids(search(session, "rec-2027")) == {c.id}
    assert ids(search(session, "CMM 审核")) == set()


def test_edits_and_archiving_keep_the_index_in_step(session, items):
    _f, a, _b, _c = items
    ev.update_evidence(session, a.id, {"description": "管理评审输入齐全"})
    assert ids(search(session, "审核")) == set()
    assert ids(search(session, "评审")) == {a.id}
    ev.archive_evidence(session, a.id)
    assert search(session, "评审") == []
    assert ids(search(session, "评审", include_archived=True)) == {a.id}


def test_nonconformities_are_searched_too_and_can_be_scoped_to_an_audit(session, items):
    facts, _a, _b, _c = items
    other = make_audit(session, tag="B")
    nc = Nonconformity(
        audit_id=facts.audit_id,
        number="NC-2027-0001-01",
        grade=NCGrade.MINOR,
        requirement="GB/T 19001-2016 7.1.5",
        evidence_text="三坐标测量机校准证书已过期",
    )
    session.add(nc)
    session.flush()
    hits = search(session, "校准")
    assert {(h.kind, h.ref_id) for h in hits} == {("nc", nc.id)}
    assert search(session, "校准", audit_id=other.audit_id) == []
    assert "校准" in hits[0].snippet


def test_rebuild_restores_a_lost_index(session, items):
    session.execute(text("DELETE FROM search_index"))
    assert search(session, "联单") == []
    assert rebuild_search_index(session) == 3
    assert len(search(session, "联单")) == 1


def test_reopening_rebuilds_an_index_that_missed_rows(database, db_url):
    from auditdesk.services.setup import open_database

    with database.session() as s:
        facts = make_audit(s)
        ev.add_evidence(s, facts.audit_id, ev.EvidenceData(description="排污许可证在有效期内"))
    with database.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM search_index")
    again = open_database(db_url)
    try:
        with again.session() as s:
            assert len(search(s, "排污")) == 1
    finally:
        again.close()


def test_an_index_of_an_earlier_layout_is_rebuilt(database, db_url):
    if database.engine.dialect.name != "sqlite":
        pytest.skip("the FTS5 layout is SQLite's")
    from auditdesk.services.setup import open_database

    with database.session() as s:
        facts = make_audit(s)
        ev.add_evidence(s, facts.audit_id, ev.EvidenceData(description="应急演练记录"))
    with database.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE search_index")
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, ref_id UNINDEXED, "
            "audit_id UNINDEXED, grams, chars)"
        )
    again = open_database(db_url)
    try:
        with again.session() as s:
            assert len(search(s, "演练", audit_id=facts.audit_id)) == 1
    finally:
        again.close()


def _plans_of_index_writes(database, action):
    """EXPLAIN QUERY PLAN of every statement touching the search tables while ``action`` runs."""
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        if "search_index" in statement and not statement.lstrip().upper().startswith("EXPLAIN"):
            seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    plans: list[tuple[str, list[str]]] = []
    with database.engine.connect() as conn:
        for statement, parameters in seen:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            plans.append((statement, [r[-1] for r in rows]))
    return plans


def _full_scans(plans):
    """Plan lines that read a whole search table: a b-tree SCAN, or an FTS5 virtual-table scan
    with no constraint (``INDEX 0:``; a rowid lookup is ``INDEX 0:=``, a MATCH ``…:M…``)."""
    bad = []
    for statement, lines in plans:
        for line in lines:
            if "search_index" not in line or not line.startswith("SCAN"):
                continue
            if "VIRTUAL TABLE INDEX" in line and not line.endswith(":"):
                continue
            bad.append((statement, line))
    return bad


def test_a_save_reads_the_index_by_rowid_not_by_a_scan(database, db_url):
    if database.engine.dialect.name != "sqlite":
        pytest.skip("FTS5 query plans are SQLite's; PostgreSQL deletes by its ref_id b-tree")
    with database.session() as s:
        facts = make_audit(s)
        item = ev.add_evidence(s, facts.audit_id, ev.EvidenceData(description="内部审核报告"))

    def edit_and_archive():
        with database.session() as s:
            ev.update_evidence(s, item.id, {"description": "管理评审输入齐全"})
        with database.session() as s:
            ev.add_evidence(s, facts.audit_id, ev.EvidenceData(description="危险废物联单"))

    plans = _plans_of_index_writes(database, edit_and_archive)
    deletes = [p for p in plans if p[0].lstrip().upper().startswith("DELETE")]
    assert deletes, "the edit wrote no index row"
    assert _full_scans(plans) == []
    with database.session() as s:
        assert ids(search(s, "评审")) == {item.id}
        assert ids(search(s, "审核")) == set()


def test_the_old_delete_by_ref_id_is_seen_as_a_scan(database):
    """The detector of the test above can fail: the statement saves used before 0040 is a scan."""
    if database.engine.dialect.name != "sqlite":
        pytest.skip("FTS5 query plans are SQLite's")
    with database.engine.connect() as conn:
        sql = "DELETE FROM search_index WHERE ref_id = ?"
        lines = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, ("x",))]
    assert _full_scans([(sql, lines)]) != []


def test_deleting_a_record_drops_its_index_row_and_mapping(session, items):
    _f, a, _b, _c = items
    session.delete(session.get(type(a), a.id))
    session.flush()
    assert search(session, "审核") == []
    if session.get_bind().dialect.name == "sqlite":
        refs = session.execute(text("SELECT ref_id FROM search_index_ref")).scalars().all()
        assert a.id.hex not in refs and len(refs) == 2


def test_an_index_without_its_mapping_is_mapped_again_on_open(database, db_url):
    """The upgrade path: an index filled by a bulk tool (or before 0040) gets its mapping."""
    if database.engine.dialect.name != "sqlite":
        pytest.skip("the mapping table is SQLite's")
    from auditdesk.services.setup import open_database

    with database.session() as s:
        facts = make_audit(s)
        item = ev.add_evidence(s, facts.audit_id, ev.EvidenceData(description="应急演练记录"))
    with database.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM search_index_ref")
    database.close()
    again = open_database(db_url)
    try:
        with again.session() as s:
            ev.update_evidence(s, item.id, {"description": "排污许可证"})
        with again.session() as s:
            assert search(s, "演练") == []  # the old row was found by its mapping and removed
            assert ids(search(s, "排污")) == {item.id}
            n = s.execute(text("SELECT count(*) FROM search_index")).scalar()
            assert n == 1
    finally:
        again.close()


def test_migration_0040_maps_an_existing_index(tmp_path):
    """A database made before 0040 (index made by the app, no mapping) is upgraded in place."""
    import sqlite3

    from alembic import command

    from auditdesk.storage.database import make_engine
    from auditdesk.storage.migrations import alembic_config

    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, ref_id UNINDEXED, "
            "audit_id UNINDEXED, scope, grams, chars, tokenize = 'unicode61 remove_diacritics 0')"
        )
        conn.exec_driver_sql(
            "INSERT INTO search_index(kind, ref_id, audit_id, scope, grams, chars) "
            "VALUES ('evidence', 'abc', '', '', '审核', '审 核')"
        )
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0040")
    engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT ref_id, doc FROM search_index_ref").fetchall() == [("abc", 1)]
    con.close()
