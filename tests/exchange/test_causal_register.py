"""The register join and the package merge are a semilattice: commutative, associative,
idempotent — on registers and replicas reached by random writes and merges."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditdesk.exchange.causal import FieldKey, Replica, make_package, merge

KEY = FieldKey("evidence_item", "e1", "notes")
NAMES = ("office", "laptop-a", "laptop-b")

# An operation: (replica index, None = write / other index = import that replica's package).
OPS = st.lists(
    st.tuples(st.integers(0, 2), st.none() | st.integers(0, 2), st.sampled_from("abc")),
    max_size=25,
)


def play(ops: list[tuple[int, int | None, str]]) -> list[Replica]:
    replicas = [Replica(n) for n in NAMES]
    for who, source, value in ops:
        if source is None:
            replicas[who].set(KEY, value, "u", "t")
        elif source != who:
            merge(replicas[who], make_package(replicas[source], NAMES[who]))
    return replicas


@settings(max_examples=150, deadline=None)
@given(OPS)
def test_register_join_is_a_semilattice(ops):
    a, b, c = (r.register(KEY) for r in play(ops))
    assert a.join(b) == b.join(a)
    assert a.join(b).join(c) == a.join(b.join(c))
    assert a.join(a) == a
    assert a.join(b).join(b) == a.join(b)


@settings(max_examples=100, deadline=None)
@given(OPS, st.permutations([0, 1, 2]))
def test_merging_packages_in_any_order_twice_gives_one_state(ops, order):
    replicas = play(ops)
    packages = {i: make_package(replicas[i], "observer") for i in (0, 1, 2)}
    forward, backward = Replica("observer"), Replica("observer")
    for i in (0, 1, 2):
        merge(forward, packages[i])
    for i in (*order, *order):  # every order, with duplicates
        merge(backward, packages[i])
    assert forward.registers == backward.registers
    assert forward.context == backward.context
    assert forward.conflicts() == backward.conflicts()
