"""The issue-14 scenarios on the causal core: an office and laptops, more than one round trip.

Each test asserts that no value is lost and that the replicas converge. The names are the
measured failures of the snapshot merge (``exchange_base``) that the core replaces."""

from __future__ import annotations

import pytest

from auditdesk.exchange.causal import (
    ARCHIVED,
    ArchiveConflict,
    Base,
    Change,
    FieldConflict,
    FieldKey,
    LinkKey,
    MalformedState,
    MissingPackage,
    NothingHeld,
    OwnPackage,
    RecordArchived,
    Refusal,
    Replica,
    Unresolved,
    make_package,
    merge,
    state_key,
)
from auditdesk.exchange.causal.wire import package_from_plain, package_to_plain

T = "2026-12-03T08:00:00Z"
NOTES = FieldKey("evidence_item", "ev1", "notes")
SUMMARY = FieldKey("evidence_item", "ev1", "summary")
VERDICT = FieldKey("clause_judgement", "j71", "verdict")
NC_STATUS = FieldKey("nonconformity", "nc1", "status")
NC_CLOSED_ON = FieldKey("nonconformity", "nc1", "closed_on")
EV_CLAUSE = LinkKey("evidence_clause", "ev1", "ISO9001:7.1")
NC_EV = LinkKey("nc_evidence", "nc1", "ev1")
AUDIT_CERT = LinkKey("audit_certificate", "a76", "cert9")


def send(sender: Replica, receiver: Replica, base: Base = Base.ACKNOWLEDGED):
    """One package from ``sender`` imported by ``receiver``."""
    return merge(receiver, make_package(sender, receiver.id, base))


def converge(*replicas: Replica) -> None:
    for _ in range(2):
        for a in replicas:
            for b in replicas:
                if a is not b:
                    send(a, b)
    first, *rest = replicas
    for other in rest:
        assert other.registers == first.registers
        assert other.context == first.context


@pytest.fixture
def office() -> Replica:
    office = Replica("office")
    office.set(NOTES, "calibration records seen", "wang", T)
    office.set(VERDICT, "conforming", "wang", T)
    office.link(EV_CLAUSE, "wang", T)
    office.link(NC_EV, "wang", T)
    office.link(AUDIT_CERT, "wang", T)
    return office


def test_second_export_to_another_laptop_keeps_links_everywhere(office):
    a, b = Replica("laptop-a"), Replica("laptop-b")
    send(office, a)
    send(office, b)  # the second export of the same audit
    for laptop in (a, b):
        assert laptop.linked(EV_CLAUSE) and laptop.linked(NC_EV) and laptop.linked(AUDIT_CERT)
        assert laptop.value(NOTES) == "calibration records seen"
    b.set(SUMMARY, "sampled 5 of 40", "li", T)
    send(b, office)
    assert office.linked(EV_CLAUSE) and office.linked(NC_EV) and office.linked(AUDIT_CERT)
    assert office.value(SUMMARY) == "sampled 5 of 40"
    converge(office, a, b)
    assert a.linked(AUDIT_CERT) and a.value(SUMMARY) == "sampled 5 of 40"


def test_second_round_trip_after_resolution_does_not_revert_it(office):
    a = Replica("laptop-a")
    send(office, a)
    a.set(NOTES, "laptop text", "li", T)
    office.set(NOTES, "office text", "wang", T)
    first_package = make_package(a, "office")
    result = merge(office, first_package)
    assert [c.key for c in result.conflicts if isinstance(c, FieldConflict)] == [NOTES]
    office.resolve(NOTES, "office text / laptop text", "lead", T)
    office.set(SUMMARY, "plain office edit", "wang", T)
    send(office, a)
    a.set(VERDICT, "minor NC", "li", T)  # the second trip changes something else
    send(a, office)
    merge(office, first_package)  # and the old package again, re-imported by mistake
    assert office.value(NOTES) == "office text / laptop text"
    assert office.siblings(NOTES)[0].resolution and office.siblings(NOTES)[0].author == "lead"
    assert office.value(SUMMARY) == "plain office edit"
    assert office.value(VERDICT) == "minor NC"
    assert office.conflicts() == []
    converge(office, a)
    assert a.value(NOTES) == "office text / laptop text"


def test_a_lost_middle_package_is_named_and_never_silently_lost(office):
    a = Replica("laptop-a")
    send(office, a)
    a.set(NOTES, "first", "li", T)
    p1 = make_package(a, "office", Base.SENT)
    a.set(NC_STATUS, "closed", "li", T)
    a.set(NC_CLOSED_ON, "2026-12-02", "li", T)
    make_package(a, "office", Base.SENT)  # package 2: never delivered
    a.set(SUMMARY, "third", "li", T)
    p3 = make_package(a, "office", Base.SENT)
    merge(office, p1)
    before = (dict(office.registers), office.context)
    with pytest.raises(MissingPackage) as refused:
        merge(office, p3)
    assert (refused.value.sender, refused.value.sequence) == ("laptop-a", p1.sequence + 1)
    assert (
        str(refused.value)
        == f"package {p1.sequence + 1} from laptop-a is missing — import it first"
    )
    assert (dict(office.registers), office.context) == before  # nothing half merged
    # A package on the acknowledged base carries everything since, so it merges completely.
    send(a, office)
    assert office.value(NC_STATUS) == "closed"
    assert office.value(NC_CLOSED_ON) == "2026-12-02"
    assert office.value(SUMMARY) == "third"


def test_a_package_that_is_complete_merges_although_its_predecessor_is_missing(office):
    a, b = Replica("laptop-a"), Replica("laptop-b")
    send(office, a)
    a.set(NOTES, "via b", "li", T)
    make_package(a, "office", Base.SENT)  # lost
    send(a, b)
    send(b, office)  # the office got laptop A's writes by way of laptop B
    a.set(SUMMARY, "later", "li", T)
    merge(office, make_package(a, "office", Base.SENT))
    assert office.value(NOTES) == "via b" and office.value(SUMMARY) == "later"


def test_an_older_package_after_a_newer_one_changes_nothing(office):
    a = Replica("laptop-a")
    send(office, a)
    a.set(NOTES, "older", "li", T)
    old = make_package(a, "office")
    a.set(NOTES, "newer", "li", T)
    new = make_package(a, "office")
    merge(office, new)
    merge(office, old)
    assert office.value(NOTES) == "newer" and office.conflicts() == []


def test_archive_against_a_concurrent_edit_is_a_conflict(office):
    a = Replica("laptop-a")
    send(office, a)
    office.archive("evidence_item", "ev1", "wang", T)
    a.set(NOTES, "edited on site", "li", T)
    with pytest.raises(RecordArchived):
        office.set(NOTES, "no edits while archived", "wang", T)
    converge(office, a)
    for replica in (office, a):
        (conflict,) = replica.conflicts()
        assert isinstance(conflict, ArchiveConflict)
        assert [e.value for _k, e in conflict.edits] == ["edited on site"]
    office.resolve_archive("evidence_item", "ev1", True, "lead", T)
    converge(office, a)
    assert a.conflicts() == [] and a.archived("evidence_item", "ev1")
    assert a.value(NOTES) == "edited on site"  # kept, under the archive


def test_archive_after_seeing_the_edit_is_no_conflict(office):
    a = Replica("laptop-a")
    send(office, a)
    a.set(NOTES, "edited on site", "li", T)
    send(a, office)
    office.archive("evidence_item", "ev1", "wang", T)
    converge(office, a)
    assert a.conflicts() == [] and a.archived("evidence_item", "ev1")


def test_three_judgements_of_one_clause_are_one_conflict_a_lead_resolves(office):
    a, b = Replica("laptop-a"), Replica("laptop-b")
    send(office, a)
    send(office, b)
    office.set(VERDICT, "conforming", "wang", "2026-12-03T09:00:00Z")
    a.set(VERDICT, "minor NC", "li", "2026-12-03T09:01:00Z")
    b.set(VERDICT, "major NC", "zhao", "2026-12-03T09:02:00Z")
    converge(office, a, b)
    for replica in (office, a, b):
        (conflict,) = replica.conflicts()
        assert isinstance(conflict, FieldConflict) and conflict.key == VERDICT
        assert [(e.value, e.author, e.dot.replica) for e in conflict.siblings] == [
            ("minor NC", "li", "laptop-a"),
            ("major NC", "zhao", "laptop-b"),
            ("conforming", "wang", "office"),
        ]
    with pytest.raises(Unresolved):
        office.value(VERDICT)
    office.resolve(VERDICT, "minor NC", "lead", T)
    converge(office, a, b)
    assert [r.value(VERDICT) for r in (office, a, b)] == ["minor NC"] * 3
    assert b.conflicts() == []


def test_a_cleared_judgement_and_removed_links_travel(office):
    a, b = Replica("laptop-a"), Replica("laptop-b")
    send(office, a)
    send(office, b)
    a.clear(VERDICT, "li", T)
    a.unlink(EV_CLAUSE, "li", T)
    a.unlink(NC_EV, "li", T)
    b.link(NC_EV, "zhao", T)  # an add laptop A never saw: it wins over A's removal
    converge(office, a, b)
    for replica in (office, a, b):
        assert replica.value(VERDICT) is None
        assert not replica.linked(EV_CLAUSE)
        assert replica.linked(NC_EV)
        assert replica.linked(AUDIT_CERT)


def test_a_refused_change_is_held_visible_passed_on_and_decided():
    def locked(change: Change, replica: Replica) -> Refusal | None:
        if change.key.entity == "clause_judgement" and change.entry.author == "li":
            return Refusal("locked")
        return None

    office, a, b = Replica("office"), Replica("laptop-a"), Replica("laptop-b")
    office.set(VERDICT, "conforming", "wang", T)
    send(office, a)
    a.set(VERDICT, "minor NC", "li", T)
    a.set(NOTES, "allowed", "li", T)
    result = merge(office, make_package(a, "office"), locked)
    assert [(r.key, r.reasons) for r in result.refused] == [(VERDICT, ("locked",))]
    assert [c.key for c in result.applied] == [NOTES]
    assert office.value(VERDICT) == "conforming" and office.value(NOTES) == "allowed"
    assert office.held[VERDICT].siblings[0].value == "minor NC"
    merge(office, make_package(a, "office"), locked)  # again: still held, not applied
    assert office.value(VERDICT) == "conforming"
    send(office, b)  # passed on as held, so laptop B's policy sees it too
    assert b.value(VERDICT) == "minor NC"
    office.drop_held(VERDICT, "lead", T)
    with pytest.raises(NothingHeld):
        office.accept_held(VERDICT)
    converge(office, a, b)
    assert [r.value(VERDICT) for r in (office, a, b)] == ["conforming"] * 3


def test_a_lead_accepts_a_held_change():
    office, a = Replica("office"), Replica("laptop-a")
    a.set(VERDICT, "minor NC", "li", T)
    merge(office, make_package(a, "office"), lambda c, r: Refusal("role"))
    assert office.value(VERDICT) is None
    office.accept_held(VERDICT)
    assert office.value(VERDICT) == "minor NC" and office.held == {}


def test_a_package_survives_json_and_bad_json_is_refused(office):
    import json

    a = Replica("laptop-a")
    office.archive("nonconformity", "nc1", "wang", T)
    package = make_package(office, "laptop-a")
    text = json.dumps(package_to_plain(package), ensure_ascii=False)
    again = package_from_plain(json.loads(text))
    assert again == package
    merge(a, again)
    assert a.archived("nonconformity", "nc1") and a.linked(AUDIT_CERT)
    assert a.siblings(state_key("nonconformity", "nc1"))[0].value == ARCHIVED
    plain = package_to_plain(package)
    plain["registers"][0]["siblings"][0]["dot"] = ["office", 0]
    with pytest.raises(MalformedState):
        package_from_plain(plain)
    plain = package_to_plain(package)
    plain["context"] = {"office": 1}
    with pytest.raises(MalformedState):
        package_from_plain(plain)


def test_a_replica_refuses_its_own_package(office):
    with pytest.raises(OwnPackage):
        merge(office, make_package(office, "laptop-a"))
    with pytest.raises(OwnPackage):
        make_package(office, "office")
