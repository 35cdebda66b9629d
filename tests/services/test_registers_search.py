"""Register search gives exactly the plain substring answer, however it is computed.

The registers search joined columns through sub-queries and NC text through the full-text
index (issue 9). The contract stays the plain one: a row matches a word when one of its
searchable columns contains the word as a substring, ASCII case ignored; every word must
match. Each test here computes that answer in Python from the rows themselves and compares.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import event

from auditdesk.model import AuditStatus, AuditType, NCGrade, NCState, Nonconformity
from auditdesk.services import registers, search
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation

TODAY = dt.date(2027, 6, 1)
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

NC_TEXTS = (
    "未保留内审记录",
    "calibration records missing for QR-7 scanner",
    "供方评价记录不全，VOCs排放未监测",
    "文件控制：ISO9001条款7.5未执行",
    "Café menu 温度记录缺失",
    "合格率100%达标_A线",
    "カタカナ・テスト记录",
    "㐀字与火灾演练",
    "HT-2 热处理炉温控记录",
    "",
    "燕京啤酒的供货记录",  # the other client's name in an NC text (audits alternate between the clients)
    "巡检记录未签字",
)

WORDS = (
    "记",
    "录",
    "火",
    "记录",
    "内审记录",
    "审记",
    "录缺",
    "温度记录缺失",  # Chinese 1, 2, 3+ characters
    "libr",
    "LIBR",
    "Calibration",
    "ords",
    "qr-7",
    "R-7",
    "-7",
    "7 sc",  # Latin infix, any case
    "s排",
    "VOCs排放",
    "cs",
    "OCs",
    "9001条",
    "O9",
    "7.5",
    "条款7",  # Latin and Chinese side by side
    "é",
    "Café",
    "afé",
    "CAFÉ",  # non-ASCII Latin letters
    "100%",
    "_a",
    "%",
    "_",
    "\\",  # LIKE wildcards are literal
    "・",
    "ア・テ",
    "カタ",
    "㐀",
    "㐀字",  # kana, middle dot, CJK extension A
    "HT",
    "ht-2",
    "NC-2027",
    "0001-0",
    "华强",
    "燕京啤酒",
    "2026-",
    "不存在",
    "zzz",  # numbers, joined columns
)


def fold(text: str) -> str:
    return text.translate(ASCII_LOWER)


def contains(value: object, word: str) -> bool:
    return value is not None and fold(word) in fold(str(value))


def make_world(session) -> dict:
    """Two clients with a certificate and an audit each, one NC per text in NC_TEXTS."""
    a = create_organisation(
        session, OrganisationData("深圳华强电子有限公司", name_en="Shenzhen Huaqiang")
    )
    b = create_organisation(
        session, OrganisationData("北京燕京啤酒有限公司", name_en="Beijing Yanjing Brewery")
    )
    ca = create_certificate(
        session,
        CertificateData(
            "CN-Q-0001", a.id, "ISO9001:2015", dt.date(2026, 3, 15), scope_zh="电子元器件的生产"
        ),
    )
    cb = create_certificate(
        session,
        CertificateData(
            "CN-E-0002",
            b.id,
            "ISO14001:2015",
            dt.date(2025, 1, 10),
            scope_zh="啤酒的生产",
            scope_en="Brewing of beer",
        ),
    )
    audits = [
        create_audit(
            session,
            AuditData(
                [c.id],
                AuditType.SURVEILLANCE_1,
                start_date=dt.date(2026, 1, 5),
                end_date=dt.date(2026, 1, 6),
                status=AuditStatus.COMPLETED,
            ),
        )
        for c in (ca, cb)
    ]
    ncs = []
    for i, body in enumerate(NC_TEXTS):
        nc = Nonconformity(
            audit_id=audits[i % 2].id,
            number=f"NC-2027-{i + 1:04d}-0{i % 3}",
            grade=NCGrade.MINOR,
            state=NCState.ISSUED,
            evidence_text=body,
            issued_on=dt.date(2026, 1, 6),
            requirement="组织应保持形成文件的信息" if i % 2 else "",
        )
        session.add(nc)
        ncs.append(nc)
    session.flush()
    return {"clients": (a, b), "certs": (ca, cb), "audits": audits, "ncs": ncs}


def nc_expected(world: dict, query: str, include_archived: bool = False) -> set:
    audit_of = {a.id: a for a in world["audits"]}
    names = {c.id: c.name_zh for c in world["clients"]}
    out = set()
    for nc in world["ncs"]:
        if nc.archived and not include_archived:
            continue
        audit = audit_of[nc.audit_id]
        columns = (nc.number, audit.number, names[audit.organisation_id], nc.evidence_text)
        if all(any(contains(v, w) for v in columns) for w in query.split()):
            out.add(nc.id)
    return out


def found(session, register: str, query: str, **kw) -> set:
    rows = registers.fetch_rows(session, register, search=query, limit=1000, on=TODAY, **kw)
    ids = {r[0] for r in rows}
    assert len(ids) == len(rows)
    assert registers.count_rows(session, register, search=query, on=TODAY, **kw) == len(rows), query
    return ids


@pytest.fixture(params=["index", "no_index"])
def narrowing(request, monkeypatch):
    """Run each case with the full-text narrowing on (as it is for rare words) and off (the
    plain scan it falls back to for common ones)."""
    if request.param == "no_index":
        monkeypatch.setattr(registers, "FULLTEXT_NARROW_MAX", -1)
    return request.param


def test_nc_search_is_the_plain_substring_answer(session, narrowing):
    world = make_world(session)
    wrong = {
        q: (len(found(session, "ncs", q)), len(nc_expected(world, q)))
        for q in WORDS
        if found(session, "ncs", q) != nc_expected(world, q)
    }
    assert wrong == {}  # word: (rows found, rows expected)
    assert (
        len(nc_expected(world, "记录")) == 7 and len(nc_expected(world, "libr")) == 1
    )  # the world is as meant


def test_several_words_must_each_match(session, narrowing):
    world = make_world(session)
    for query in (
        "记录 calib",
        "记录 HT",
        "火 㐀",
        "华强 记录",
        "NC-2027 vocs",
        "记录 不存在",
        "ords QR-7 libr",
        "记录 燕京",
        "燕京 记录",
        "记录 燕京 啤酒",
    ):
        assert found(session, "ncs", query) == nc_expected(world, query), query
    assert len(nc_expected(world, "记录 HT")) == 1
    # Each word is narrowed by its own terms: 巡检记录 (the client is 燕京) has no 燕京 in its text.
    assert nc_expected(world, "记录 燕京") == {world["ncs"][-2].id, world["ncs"][-1].id}


def test_search_finds_nc_by_audit_number_and_client(session):
    world = make_world(session)
    audit = world["audits"][1]
    by_audit = found(session, "ncs", audit.number)
    assert by_audit == {nc.id for nc in world["ncs"] if nc.audit_id == audit.id}
    assert by_audit < found(session, "ncs", "燕京") == nc_expected(world, "燕京")


def test_archived_ncs_are_searched_only_when_asked(session, narrowing):
    world = make_world(session)
    world["ncs"][0].archived = True
    session.flush()
    assert world["ncs"][0].id not in found(session, "ncs", "内审")
    assert found(session, "ncs", "内审", include_archived=True) == {world["ncs"][0].id}
    assert found(session, "ncs", "记录", include_archived=True) == nc_expected(
        world, "记录", include_archived=True
    )


def test_search_follows_a_changed_nc_text(session, narrowing):
    """The full-text index is rewritten with the NC, so the register never answers from old text."""
    world = make_world(session)
    nc = world["ncs"][0]
    nc.evidence_text = "灭火器压力表指针在红区"
    session.flush()
    assert found(session, "ncs", "灭火器") == {nc.id}
    assert found(session, "ncs", "内审记录") == set()
    assert found(session, "ncs", "指针 红区") == {nc.id}


def test_a_new_nc_is_found_at_once(session, narrowing):
    world = make_world(session)
    extra = Nonconformity(
        audit_id=world["audits"][0].id,
        number="NC-2027-0099-01",
        grade=NCGrade.MAJOR,
        state=NCState.ISSUED,
        evidence_text="Torque wrench 扭力扳手 overdue",
    )
    session.add(extra)
    session.flush()
    assert found(session, "ncs", "扭力扳") == {extra.id}
    assert found(session, "ncs", "RQUE") == {extra.id}


def test_certificate_search_over_client_and_standard(session):
    world = make_world(session)
    names = {c.id: c.name_zh for c in world["clients"]}
    for query in (
        "华强",
        "燕京",
        "ISO14001",
        "14001",
        "CN-E",
        "啤酒",
        "BREW",
        "0001",
        "iso",
        "华强 9001",
        "不存在",
    ):
        expected = {
            cert.id
            for cert in world["certs"]
            if all(
                any(
                    contains(v, w)
                    for v in (
                        cert.number,
                        names[cert.organisation_id],
                        cert.standard.code,
                        cert.scope_zh,
                        cert.scope_en,
                    )
                )
                for w in query.split()
            )
        }
        assert found(session, "certificates", query) == expected, query
    assert found(session, "certificates", "燕京") == {world["certs"][1].id}


def test_audit_search_over_number_and_client(session):
    world = make_world(session)
    names = {c.id: c.name_zh for c in world["clients"]}
    for query in (
        "华强",
        "燕京啤酒",
        "有限公司",
        "2026-",
        "-0001",
        "不存在",
        world["audits"][1].number[-3:],
    ):
        expected = {
            a.id
            for a in world["audits"]
            if contains(a.number, query) or contains(names[a.organisation_id], query)
        }
        assert found(session, "audits", query) == expected, query
    assert found(session, "audits", "华强") == {world["audits"][0].id}


def test_text_filter_on_a_joined_column(session):
    world = make_world(session)
    rows = registers.fetch_rows(session, "ncs", filters={"client": "燕京"}, on=TODAY)
    assert {r[0] for r in rows} == {
        nc.id for nc in world["ncs"] if nc.audit_id == world["audits"][1].id
    }
    assert registers.count_rows(session, "ncs", filters={"client": "燕京"}, on=TODAY) == len(rows)


def test_search_pages_keep_the_sort_order(session, narrowing):
    make_world(session)
    every = [
        r[1][0] for r in registers.fetch_rows(session, "ncs", search="-", limit=1000, on=TODAY)
    ]
    assert every == sorted(every) and len(every) == len(NC_TEXTS)
    pages = [
        registers.fetch_rows(session, "ncs", search="-", offset=o, limit=3, on=TODAY)
        for o in range(0, 12, 3)
    ]
    assert [r[1][0] for p in pages for r in p] == every
    backwards = registers.fetch_rows(
        session, "ncs", search="NC", sort="issued_on", descending=True, limit=4, offset=2, on=TODAY
    )
    everything = registers.fetch_rows(
        session, "ncs", search="NC", sort="issued_on", descending=True, limit=100, on=TODAY
    )
    assert backwards == everything[2:6]


def test_rare_chinese_word_is_looked_up_in_the_full_text_index(session, backend):
    """On SQLite a rare word reads the full-text index, not every NC (the speed of issue 9)."""
    make_world(session)
    statements: list[str] = []
    engine = (
        session.get_bind().engine if hasattr(session.get_bind(), "engine") else session.get_bind()
    )
    listener = lambda *a: statements.append(a[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        registers.count_rows(session, "ncs", search="灭火", on=TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    uses_index = any("MATCH" in s for s in statements)
    assert uses_index == (backend == "sqlite")


# -- the full-text pre-filter on its own: it may match more rows, never fewer -------------------
TEXTS = NC_TEXTS + (
    "ISO-9001:2015 7.1.5 监视和测量资源",
    "QR码 记录 qr码",
    "ΑΣ σίγμα",
    "İstanbul office",
    "abc_def ghi-jkl",
    "ｆｕｌｌ ｗｉｄｔｈ ＡＢＣ",
    "温度 记 录 分开",
    "记录记录",
    "x记录y",
    "Ⅻ章 ②项",
    "e\u0301clair",
    "ａｂ・ｃ",
)


def _all_substrings(text: str, longest: int = 4) -> set[str]:
    return {
        text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + longest) + 1)
    }


def test_substring_query_never_misses_a_row():
    con = sqlite3.connect(":memory:")
    con.execute(
        "CREATE VIRTUAL TABLE t USING fts5(grams, chars, tokenize = 'unicode61 remove_diacritics 0')"
    )
    for i, body in enumerate(TEXTS):
        con.execute(
            "INSERT INTO t(rowid, grams, chars) VALUES (?, ?, ?)", (i, *search.tokenise(body))
        )
    words = (
        set().union(*(_all_substrings(t) for t in TEXTS)) | {w.upper() for w in WORDS} | set(WORDS)
    )
    narrowed = 0
    for word in sorted(words):
        wanted = {i for i, body in enumerate(TEXTS) if fold(word) in fold(body)}
        for latin in (True, False):
            match = search.substring_query(word, latin=latin)
            if match is None:
                continue
            narrowed += 1
            hits = {r[0] for r in con.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,))}
            assert wanted <= hits, (word, match)
    assert narrowed > 200  # the pre-filter is used, not always given up


@pytest.mark.parametrize(
    "word, narrowed",
    [
        ("记录", True),
        ("火", True),
        ("libr", False),
        ("calibration", False),
        ("R-7", True),
        ("-7", True),
        ("VOCs排放", True),
        ("s排", True),
        ("%", False),
        ("Café", False),
        ("㐀", False),
        ("・", False),
    ],
)
def test_substring_query_gives_up_where_the_index_cannot_answer(word, narrowed):
    assert (search.substring_query(word) is not None) == narrowed


def test_substring_query_without_latin_terms_keeps_only_the_chinese_ones():
    assert search.substring_query("R-7", latin=False) is None
    assert search.substring_query("QR-7 记录", latin=False) == search.substring_query("记录")
    assert search.substring_query("s排 x", latin=True) != search.substring_query(
        "s排 x", latin=False
    )


# -- the count and the first page share one read; never across a change --------------------------
def _count(database, query: str) -> int:
    with database.session() as s:
        return registers.count_rows(s, "ncs", search=query, on=TODAY)


def _page(database, query: str) -> set:
    with database.session() as s:
        return {
            r[0]
            for r in registers.fetch_rows(s, "ncs", search=query, limit=registers.PAGE, on=TODAY)
        }


def _world(database) -> dict:
    with database.session() as s:
        return {"ncs": [nc.id for nc in make_world(s)["ncs"]]}


def _set_text(database, nc_id, body: str) -> None:
    with database.session() as s:
        s.get(Nonconformity, nc_id).evidence_text = body


def test_count_then_page_and_page_then_count_agree(database):
    ids = _world(database)["ncs"]
    assert (
        _count(database, "记录") == len(_page(database, "记录")) == 7
    )  # count first, as the harness
    assert (
        len(_page(database, "RQUE 记录")) == _count(database, "RQUE 记录") == 0
    )  # page first, as the model
    assert _page(database, "-") == set(ids) and _count(database, "-") == len(ids)


def test_a_change_between_count_and_page_is_seen(database):
    ids = _world(database)["ncs"]
    assert _count(database, "zebra") == 0
    _set_text(database, ids[3], "zebra crossing not marked")
    assert _page(database, "zebra") == {ids[3]}
    _set_text(database, ids[4], "Zebra 2")
    assert _count(database, "zebra") == 2
    assert _page(database, "zebra") == {ids[3], ids[4]}


def test_an_unflushed_change_in_the_same_session_is_seen(database):
    ids = _world(database)["ncs"]
    with database.session() as s:
        assert registers.count_rows(s, "ncs", search="zebra", on=TODAY) == 0
        s.get(Nonconformity, ids[2]).evidence_text = "zebra"
        assert [r[0] for r in registers.fetch_rows(s, "ncs", search="zebra", on=TODAY)] == [ids[2]]
        assert registers.count_rows(s, "ncs", search="zebra", on=TODAY) == 1


def test_a_commit_by_another_connection_is_seen(database, backend):
    if backend != "sqlite":
        pytest.skip("another connection to the same SQLite file")
    ids = _world(database)["ncs"]
    assert _page(database, "zebra") == set() and _count(database, "zebra") == 0
    other = sqlite3.connect(str(database.path))
    try:
        with other:
            other.execute(
                "UPDATE nonconformity SET evidence_text = 'zebra' WHERE id = ?", (ids[5].hex,)
            )
    finally:
        other.close()
    assert _count(database, "zebra") == 1
    assert _page(database, "zebra") == {ids[5]}


def test_the_page_after_the_count_reads_no_nc_rows_again(database, backend):
    """One read of the NCs answers both the count and the first page (SQLite; issue 9)."""
    if backend != "sqlite":
        pytest.skip("the shared read is SQLite's")
    _world(database)
    statements: list[str] = []
    listener = lambda *a: statements.append(a[2])  # noqa: E731
    assert _count(database, "记录 NC") == 7
    event.listen(database.engine, "before_cursor_execute", listener)
    try:
        assert len(_page(database, "记录 NC")) == 7
    finally:
        event.remove(database.engine, "before_cursor_execute", listener)
    assert not [s for s in statements if "evidence_text LIKE" in s or "instr(" in s]


def test_the_shared_read_serves_one_call_only(database, backend):
    if backend != "sqlite":
        pytest.skip("the shared read is SQLite's")
    _world(database)
    statements: list[str] = []
    listener = lambda *a: statements.append(a[2])  # noqa: E731
    _count(database, "记录")
    _page(database, "记录")
    event.listen(database.engine, "before_cursor_execute", listener)
    try:
        assert len(_page(database, "记录")) == 7
    finally:
        event.remove(database.engine, "before_cursor_execute", listener)
    assert [s for s in statements if "instr(" in s]  # read again


@pytest.mark.parametrize("walk", [1, 5, 2000])
def test_pages_are_the_same_whether_walked_or_collected(session, monkeypatch, walk):
    """A page is found by walking the first WALK rows in number order when they hold it, else by
    collecting every match: either way the same rows in the same order."""
    make_world(session)
    every = [
        r[0] for r in registers.fetch_rows(session, "ncs", search="NC-2027", limit=1000, on=TODAY)
    ]
    assert len(every) == len(NC_TEXTS)
    monkeypatch.setattr(registers, "WALK", walk)
    for descending in (False, True):
        want = every[::-1] if descending else every
        got = [
            r[0]
            for o in range(0, len(NC_TEXTS), 4)
            for r in registers.fetch_rows(
                session, "ncs", search="NC-2027", offset=o, limit=4, descending=descending, on=TODAY
            )
        ]
        assert got == want, descending
        dense = [
            r[0]
            for r in registers.fetch_rows(
                session, "ncs", search="记录", limit=4, descending=descending, on=TODAY
            )
        ]
        with_word = found(session, "ncs", "记录")
        assert dense == [i for i in want if i in with_word][:4]


def test_count_and_page_agree_when_the_page_is_walked(database, monkeypatch):
    monkeypatch.setattr(registers, "PAGE", 3)
    _world(database)
    assert _count(database, "记录") == 7 and len(_page(database, "记录")) == 3
    assert len(_page(database, "NC")) == 3 and _count(database, "NC") == len(NC_TEXTS)
