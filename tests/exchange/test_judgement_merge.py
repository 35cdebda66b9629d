"""Issue 14: one clause of one audit judged on two laptops is one judgement — a conflict on
the field(s) that differ, one value where they agree — in any merge order, with a third
replica too (``services.evidence.judgement_id``: the record's id is its natural key)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from auditdesk.exchange.causal import store as causal_store
from auditdesk.exchange.conflicts import decoded, list_conflicts
from auditdesk.exchange.package import export_package, import_package
from auditdesk.model import ClauseJudgement, Judgement
from auditdesk.services.evidence import set_judgement
from auditdesk.services.setup import open_database
from tests.exchange.package_helpers import _clause, build_office

pytestmark = pytest.mark.slow  # real round trips


@pytest.fixture
def net(database, tmp_path):
    db, audit_id, _ = build_office(database)
    laptops = {}
    count = iter(range(1000))

    def laptop(name):
        laptops[name] = open_database(f"sqlite:///{tmp_path / name / 'l.sqlite3'}", create=True)
        return laptops[name]

    def send(src, dst):
        path = tmp_path / f"p{next(count)}.adpkg"
        with src.session() as s:
            export_package(s, [audit_id], path)
        with dst.session() as s:
            return import_package(s, path)

    yield db, audit_id, laptop, send
    for each in laptops.values():
        each.close()


def _judge(db, audit_id, judgement, note):
    with db.session() as s:
        set_judgement(s, audit_id, _clause(s, "8.5.4").id, judgement, note=note)


def _judgements(db):
    with db.session() as s:
        return [(j.id, j.judgement, j.note) for j in s.scalars(select(ClauseJudgement))]


def _conflicts(db):
    with db.session() as s:
        return sorted(
            (c.entity, c.field, frozenset({decoded(c.local_value), decoded(c.incoming_value)}))
            for c in list_conflicts(s)
        )


def _state(db):
    with db.session() as s:
        replica = causal_store.load(s)
    return {k: (r.siblings, r.seen) for k, r in replica.registers.items()}


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_one_clause_judged_on_two_laptops_is_one_judgement_with_a_conflict(net, order):
    db, audit_id, laptop, send = net
    a, b = laptop("a"), laptop("b")
    send(db, a)
    send(db, b)
    _judge(a, audit_id, Judgement.NONCONFORMITY, "温湿度记录缺2天")
    _judge(b, audit_id, Judgement.OBSERVATION, "温湿度记录缺2天")
    first, second = (a, b) if order == "ab" else (b, a)
    assert send(first, db).conflicts == 0
    assert send(second, db).conflicts == 1
    (judgement,) = _judgements(db)
    assert judgement[2] == "温湿度记录缺2天"  # the note agrees: one value, no conflict
    assert judgement[1] == (Judgement.NONCONFORMITY if order == "ab" else Judgement.OBSERVATION)
    assert _conflicts(db) == [
        ("clause_judgement", "judgement", frozenset({"nonconformity", "observation"}))
    ]
    # A third replica, filled now, gets the one judgement and the conflict; everyone converges.
    c = laptop("c")
    send(db, c)
    send(db, a)
    send(db, b)
    for each in (a, b, c):
        assert [j[0] for j in _judgements(each)] == [judgement[0]]
        assert _conflicts(each) == _conflicts(db)
    assert _state(a) == _state(b) == _state(c) == _state(db)


def test_the_same_judgement_on_three_replicas_is_one_value_and_no_conflict(net):
    db, audit_id, laptop, send = net
    a, b = laptop("a"), laptop("b")
    send(db, a)
    send(db, b)
    for each in (a, b, db):  # the office judges it too, meanwhile
        _judge(each, audit_id, Judgement.CONFORM, "")
    assert send(b, db).conflicts == 0
    assert send(a, db).conflicts == 0
    ((_, value, note),) = _judgements(db)
    assert (value, note) == (Judgement.CONFORM, "")
    assert _conflicts(db) == []
    send(db, a)
    send(db, b)
    assert _state(a) == _state(b) == _state(db)
    assert _conflicts(a) == _conflicts(b) == []
