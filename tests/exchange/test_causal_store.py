"""The causal state in the database: a replica id per database, local writes recorded, the
state loaded back equal, and two databases merging through packages (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from auditdesk.exchange.causal import (
    FieldKey,
    LinkKey,
    MalformedState,
    RecordArchived,
    Refusal,
    make_package,
    merge,
    store,
)
from auditdesk.services.setup import open_database

NOTES = FieldKey("evidence_item", "ev1", "notes")
VERDICT = FieldKey("clause_judgement", "j71", "verdict")
LINK = LinkKey("evidence_clause", "ev1", "ISO9001:7.1")
T = "2026-12-03T08:00:00Z"


def test_a_database_keeps_its_replica_id_and_local_writes(database):
    with database.session() as s:
        first = store.replica_id(s)
    with database.session() as s:
        assert store.replica_id(s) == first
        with store.editing(s) as replica:
            replica.set(NOTES, "见附件 3 — calibration", "wang", T)
            replica.link(LINK, "wang", T)
            replica.archive("nonconformity", "nc1", "wang", T)
    with database.session() as s:
        replica = store.load(s)
    assert replica.id == first and replica.counter == 3
    assert replica.value(NOTES) == "见附件 3 — calibration" and replica.linked(LINK)
    assert replica.archived("nonconformity", "nc1")
    assert replica.siblings(NOTES)[0].author == "wang"


def test_a_failed_edit_saves_nothing(database):
    with database.session() as s:
        with store.editing(s) as replica:
            replica.archive("evidence_item", "ev1", "wang", T)
    with database.session() as s:
        with pytest.raises(RecordArchived), store.editing(s) as replica:
            replica.set(NOTES, "not allowed", "wang", T)
    with database.session() as s:
        assert store.load(s).counter == 1


def test_two_databases_merge_and_the_state_round_trips(database, tmp_path):
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop.sqlite3'}", create=True)
    try:
        with database.session() as s, store.editing(s) as office:
            office.set(VERDICT, "conforming", "wang", T)
            office.link(LINK, "wang", T)
            to_laptop = make_package(office, store.replica_id_of(laptop))
        with laptop.session() as s, store.editing(s) as lap:
            merge(lap, to_laptop)
            lap.set(VERDICT, "minor NC", "li", T)
            lap.unlink(LINK, "li", T)
            back = make_package(lap, to_laptop.sender)
        with database.session() as s, store.editing(s) as office:
            office.set(VERDICT, "major NC", "wang", T)  # concurrent: a conflict
            merge(office, back, lambda c, r: Refusal("locked") if c.key == LINK else None)
        with database.session() as s:
            office = store.load(s)
        assert sorted(e.value for e in office.siblings(VERDICT)) == ["major NC", "minor NC"]
        assert len(office.conflicts()) == 1
        assert office.linked(LINK) and LINK in office.held  # refused, held, visible
        assert office.acked[back.sender] == back.context
        assert office.imported[back.sender] == {back.sequence}
        with database.session() as s:
            again = store.load(s)
            store.save(s, again)
        with database.session() as s:
            assert store.load(s) == office
    finally:
        laptop.close()


def test_saving_another_replicas_state_is_refused(database, tmp_path):
    other = open_database(f"sqlite:///{tmp_path / 'other.sqlite3'}", create=True)
    try:
        with other.session() as s:
            foreign = store.load(s)
        with database.session() as s:
            with pytest.raises(MalformedState):
                store.save(s, foreign)
    finally:
        other.close()
