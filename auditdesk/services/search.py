"""Full-text search over evidence and NC text, Chinese included.

SQLite's FTS5 ``trigram`` tokenizer cannot find the 1- and 2-character words most Chinese
queries are (审核, 证书, 记录, 火). So the text is tokenised here, in Python, and the FTS5
table (``unicode61`` over space-separated tokens) stores two columns:

- ``grams``: Latin/digit words (lower-case) and, for each run of CJK characters, its
  overlapping bigrams in order (a 1-character run stands as itself);
- ``chars``: every CJK character on its own.

A query of CJK text of 2+ characters becomes the *phrase* of its bigrams in ``grams``
(consecutive positions, so 审核记录 does not match 审核 … 核记 … 记录 far apart); a single CJK
character searches ``chars``; a Latin word is a prefix term. Terms are ANDed. Every lookup is
an index lookup, so 1- and 2-character queries stay fast at a million rows.

The index is kept in sync by an ``after_flush`` hook on the sessions of an open database:
any EvidenceItem or Nonconformity written through the ORM, by any service, is reindexed in the
same transaction. The hook is installed explicitly by the one opening path
(``services.setup.open_database`` → :func:`install`), never by importing this module.

A save finds its row by rowid, never by ``ref_id``: FTS5 cannot index an UNINDEXED column, so
``DELETE ... WHERE ref_id = ?`` read the whole index (~1 GB at scale 1) on every save. The plain
table ``search_index_ref`` (ref_id PRIMARY KEY → FTS rowid) turns that into two b-tree lookups.
Both tables are made by migrations (0040 on SQLite, which also fills the mapping of an existing
index; 0115 on PostgreSQL); opening only repairs a table a tool dropped, and fills the index.
"""

from __future__ import annotations

import re
import uuid
import weakref
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event, select, text
from sqlalchemy.orm import Session

from auditdesk.model import EvidenceItem, Nonconformity
from auditdesk.services.search_tokens import _IS_CJK, _TOKEN, tokenise

TABLE = "search_index"
REF_TABLE = "search_index_ref"  # ref_id -> rowid of its row in TABLE (SQLite)
# The current layout; migration 0040 holds its own frozen copy.
FTS_DDL = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "kind UNINDEXED, ref_id UNINDEXED, audit_id UNINDEXED, scope, grams, chars, "
    "tokenize = 'unicode61 remove_diacritics 0')"
)
REF_DDL = (
    f"CREATE TABLE IF NOT EXISTS {REF_TABLE} "
    "(ref_id TEXT PRIMARY KEY NOT NULL, doc INTEGER NOT NULL) WITHOUT ROWID"
)

_indexed_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


def fts_query(query: str) -> str | None:
    """The FTS5 MATCH expression for a user's query, or None when it has no searchable term."""
    parts: list[str] = []
    for token in _TOKEN.findall(query or ""):
        if _IS_CJK.match(token):
            if len(token) == 1:
                parts.append(f'chars : "{token}"')
            else:
                bigrams = " ".join(token[i : i + 2] for i in range(len(token) - 1))
                parts.append(f'grams : "{bigrams}"')
        else:
            parts.append(f'grams : "{token.lower()}"*')
    return " AND ".join(parts) if parts else None


_PLAIN_IDEOGRAPHS = re.compile(
    r"[\u4e00-\u9fa5]+"
)  # letters to every unicode61 build: one token each


def substring_query(word: str, *, latin: bool = True) -> str | None:
    """A MATCH expression that every row whose indexed text contains ``word`` as a substring
    (ASCII case ignored) matches, or None when the index cannot narrow such a search.

    Used by the registers to narrow a ``LIKE '%word%'`` before checking it; it may match more
    rows, never fewer. Terms the index cannot answer for a substring are left out: a Latin
    term at the start of ``word`` (the text's word may begin earlier: ``libr`` in
    ``calibration``; the index only knows word prefixes), non-ASCII Latin letters and CJK
    characters outside the basic ideograph block (case folding and tokenising may differ).
    A Latin term after the first is a word start in the text too, so its prefix term holds.
    ``latin=False`` leaves out Latin terms too (a prefix term of a common prefix, ``2026``*,
    merges every matching word's list: ~20 ms at a million rows).
    """
    parts: list[str] = []
    for m in _TOKEN.finditer(word or ""):
        token = m.group()
        if _IS_CJK.match(token):
            if not _PLAIN_IDEOGRAPHS.fullmatch(token):
                continue
        elif not latin or m.start() == 0 or not token.isascii():
            continue
        term = fts_query(token)
        if term:
            parts.append(term)
    return " AND ".join(parts) if parts else None


def index_is_kept(session: Session) -> bool:
    """True when this session's SQLite database has the FTS table and writes keep it current."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else getattr(bind, "engine", None)
    return engine in _indexed_engines and bind.dialect.name == "sqlite"


def ensure_search_index(engine: Engine) -> None:
    """Repair the search index (made by migrations 0040 and 0115) when a tool dropped or
    bypassed it; :func:`install` then keeps it current.

    Looked at read-only first: opening a database writes (and waits for the write lock) only
    when the index must be made, rebuilt or its ref_id → rowid mapping filled."""
    if engine.dialect.name == "postgresql":  # a tsvector table instead of FTS5 (search_pg.py)
        from auditdesk.services import search_pg

        created = search_pg.ensure_table(engine, TABLE)  # only if a tool dropped it
        _indexed_engines.add(engine)
        with Session(engine) as session, session.begin():
            if created or _index_count(session) != _source_count(session):
                rebuild_search_index(session)
        return
    if engine.dialect.name != "sqlite":
        return
    from auditdesk.storage.database import READONLY_OPTION

    reader = engine.execution_options(**{READONLY_OPTION: True})
    with reader.connect() as conn:
        tables = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table' AND name IN (?, ?)",
                (TABLE, REF_TABLE),
            )
        }
        exists = TABLE in tables
        stale_layout = exists and "scope" not in {
            r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({TABLE})")
        }
    if not exists or stale_layout or REF_TABLE not in tables:
        with engine.begin() as conn:
            if stale_layout:
                conn.exec_driver_sql(f"DROP TABLE {TABLE}")  # an earlier layout: rebuild it
                exists = False
            if not exists:  # dropped by a tool (bench reindex) or opened without migrating
                conn.exec_driver_sql(FTS_DDL)
            conn.exec_driver_sql(REF_DDL)
    _indexed_engines.add(engine)
    # Rows written while the index was not kept (by a tool that bypassed open_database, or
    # a raw-SQL import) show up as a count mismatch: rebuild then.
    with Session(reader) as session:
        rebuild = not exists or _index_count(session) != _source_count(session)
        refill = not rebuild and _ref_count(session) != _index_count(session)
    if rebuild or refill:
        with Session(engine) as session, session.begin():
            if rebuild:
                rebuild_search_index(session)
            else:
                backfill_refs(session.connection())


def backfill_refs(conn: Any) -> None:
    """Rebuild the ref_id → rowid mapping from the index (one scan; after a bulk fill)."""
    conn.execute(text(f"DELETE FROM {REF_TABLE}"))
    conn.execute(
        text(f"INSERT OR REPLACE INTO {REF_TABLE}(ref_id, doc) SELECT ref_id, rowid FROM {TABLE}")
    )


def _ref_count(session: Session) -> int:
    return int(session.execute(text(f"SELECT count(*) FROM {REF_TABLE}")).scalar() or 0)


def _index_count(session: Session) -> int:
    # FTS5's count(*) walks the whole index (~5 s at a million rows); its docsize shadow table
    # is a plain b-tree with one row per document (~0.1 s).
    sqlite = session.get_bind().dialect.name == "sqlite"
    table = f"{TABLE}_docsize" if sqlite else TABLE
    return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def _source_count(session: Session) -> int:
    ev = session.execute(text("SELECT count(*) FROM evidence_item")).scalar() or 0
    nc = session.execute(text("SELECT count(*) FROM nonconformity")).scalar() or 0
    return int(ev) + int(nc)


def rebuild_search_index(session: Session) -> int:
    """Reindex every evidence item and NC; returns the number of rows indexed."""
    conn = session.connection()
    conn.execute(text(f"DELETE FROM {TABLE}"))
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"DELETE FROM {REF_TABLE}"))
    n = 0
    for item in session.scalars(select(EvidenceItem)):
        _write(conn, "evidence", item.id, item.audit_id, evidence_text(item))
        n += 1
    for nc in session.scalars(select(Nonconformity)):
        _write(conn, "nc", nc.id, nc.audit_id, nc_text(nc))
        n += 1
    return n


def evidence_text(item: EvidenceItem) -> str:
    return " ".join((item.description, item.references, item.interviewee_role, item.department))


def nc_text(nc: Nonconformity) -> str:
    return " ".join(
        (
            nc.number,
            nc.requirement,
            nc.evidence_text,
            nc.reason,
            nc.correction,
            nc.root_cause,
            nc.corrective_action,
            nc.effectiveness,
        )
    )


def _write(conn: Any, kind: str, ref_id: uuid.UUID, audit_id: uuid.UUID | None, body: str) -> None:
    if conn.dialect.name == "postgresql":
        from auditdesk.services import search_pg

        search_pg.write(conn, TABLE, kind, ref_id, audit_id, body)
        return
    _delete(conn, ref_id)
    grams, chars = tokenise(body)
    result = conn.execute(
        text(
            f"INSERT INTO {TABLE}(kind, ref_id, audit_id, scope, grams, chars) VALUES (:k, :r, :a, :s, :g, :c)"
        ),
        {
            "k": kind,
            "r": ref_id.hex,
            "a": audit_id.hex if audit_id else "",
            "s": _scope_token(audit_id),
            "g": grams,
            "c": chars,
        },
    )
    conn.execute(
        text(f"INSERT INTO {REF_TABLE}(ref_id, doc) VALUES (:r, :d)"),
        {"r": ref_id.hex, "d": result.lastrowid},
    )


def _delete(conn: Any, ref_id: uuid.UUID) -> None:
    """Drop a record's index row by rowid (an index lookup in REF_TABLE, not a scan of TABLE)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"DELETE FROM {TABLE} WHERE ref_id = :r"), {"r": ref_id.hex})  # indexed
        return
    doc = conn.execute(
        text(f"DELETE FROM {REF_TABLE} WHERE ref_id = :r RETURNING doc"), {"r": ref_id.hex}
    ).scalar()
    if doc is not None:
        conn.execute(text(f"DELETE FROM {TABLE} WHERE rowid = :d"), {"d": doc})


def _scope_token(audit_id: uuid.UUID | None) -> str:
    return f"a{audit_id.hex}" if audit_id else ""


def install(db: Any) -> None:
    """Keep the search index current on every session of ``db`` (a storage ``Database``)."""
    if not event.contains(db.Session, "after_flush", _sync_after_flush):
        event.listen(db.Session, "after_flush", _sync_after_flush)
    _indexed_engines.add(db.engine)


def _sync_after_flush(session: Session, _ctx: Any) -> None:
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else getattr(bind, "engine", None)
    if engine not in _indexed_engines:
        return
    conn = session.connection()
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, EvidenceItem):
            _write(conn, "evidence", obj.id, obj.audit_id, evidence_text(obj))
        elif isinstance(obj, Nonconformity):
            _write(conn, "nc", obj.id, obj.audit_id, nc_text(obj))
    for obj in session.deleted:
        if isinstance(obj, EvidenceItem | Nonconformity):
            _delete(conn, obj.id)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "evidence" | "nc"
    ref_id: uuid.UUID
    audit_id: uuid.UUID | None
    snippet: str


def search(
    session: Session,
    query: str,
    *,
    audit_id: uuid.UUID | None = None,
    kinds: tuple[str, ...] = ("evidence", "nc"),
    limit: int = 100,
    include_archived: bool = False,
) -> list[SearchHit]:
    """Evidence items and NCs whose text matches ``query`` (AND of its terms), newest first."""
    match = fts_query(query)
    if match is None:
        return []
    if session.get_bind().dialect.name == "postgresql":
        from auditdesk.services import search_pg

        rows: Any = search_pg.matching_rows(session, TABLE, query, audit_id, limit * 2)
    else:
        if audit_id is not None:
            match = f'scope : "{_scope_token(audit_id)}" AND {match}'
        # Newest first (a row is rewritten when edited): ranking every hit of a common character
        # by bm25 costs ~1 s at a million rows; this order reads only the first page of the index.
        sql = f"SELECT kind, ref_id, audit_id FROM {TABLE} WHERE {TABLE} MATCH :m ORDER BY rowid DESC LIMIT :lim"
        params: dict[str, Any] = {"m": match, "lim": limit * 2}
        rows = session.execute(text(sql), params).all()
    hits: list[SearchHit] = []
    for kind, ref, aud in rows:
        if kind not in kinds:
            continue
        rid = uuid.UUID(ref)
        obj: EvidenceItem | Nonconformity | None
        if kind == "evidence":
            obj = session.get(EvidenceItem, rid)
            body = obj.description if obj else ""
        else:
            obj = session.get(Nonconformity, rid)
            body = (obj.evidence_text or obj.requirement) if obj else ""
        if obj is None or (obj.archived and not include_archived):
            continue
        hits.append(SearchHit(kind, rid, uuid.UUID(aud) if aud else None, _snippet(body, query)))
        if len(hits) >= limit:
            break
    return hits


def _snippet(body: str, query: str, width: int = 60) -> str:
    first = next(iter(_TOKEN.findall(query)), "")
    pos = body.lower().find(first.lower()) if first else -1
    if pos < 0 or len(body) <= width:
        return body[:width]
    start = max(0, pos - width // 3)
    return (
        ("…" if start else "")
        + body[start : start + width]
        + ("…" if start + width < len(body) else "")
    )
