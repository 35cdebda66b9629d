"""Full-text search on PostgreSQL: the same bigram index as the SQLite FTS5 one, as a tsvector.

search.py tokenises text in Python (Latin words, CJK bigrams, single CJK characters); here
those tokens become one ``tsvector`` per row, written as a literal so PostgreSQL's parser and
dictionaries never split or stem them (Chinese has no word boundaries for them to find):

- grams in order, with positions, so a query of 2+ CJK characters is the *phrase* of its
  bigrams (``'审核' <-> '核记' <-> '记录'``): consecutive, exactly like the FTS5 phrase;
- each CJK character as ``#字`` (the ``#`` cannot occur in a token), for 1-character queries;
- a Latin word is a prefix term (``'iso':*``).

A GIN index on the vector makes rare terms an index lookup and ``ORDER BY seq DESC LIMIT``
stops early on common ones, 1- and 2-character queries included. Measured at a million rows
(PostgreSQL 15, 2 cores): 的 / 审 / 审核 / 记录 / 卡尺 / 火 first page in under 1 ms, two
common words ANDed (管理评审 记录, 21 892 hits) in 0.14 s.
No extension (pg_trgm) is needed, so any database owner can set it up.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from auditdesk.services.search_tokens import _IS_CJK, _TOKEN, tokenise

CHAR_MARK = "#"
MAX_POSITION = 16383  # PostgreSQL's limit; later tokens keep the last position


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def vector_literal(body: str) -> str:
    """The tsvector literal of a text: grams with positions, then marked single characters."""
    grams, chars = tokenise(body)
    parts = [f"{_quote(g)}:{min(i, MAX_POSITION)}" for i, g in enumerate(grams.split(), start=1)]
    parts += [_quote(CHAR_MARK + c) for c in sorted(set(chars.split()))]
    return " ".join(parts)


def query_literal(query: str) -> str | None:
    """The tsquery literal for a user's query (AND of its terms), or None when nothing to search."""
    parts: list[str] = []
    for token in _TOKEN.findall(query or ""):
        if _IS_CJK.match(token):
            if len(token) == 1:
                parts.append(_quote(CHAR_MARK + token))
            else:
                parts.append(
                    "("
                    + " <-> ".join(_quote(token[i : i + 2]) for i in range(len(token) - 1))
                    + ")"
                )
        else:
            parts.append(_quote(token.lower()) + ":*")
    return " & ".join(parts) if parts else None


def ensure_table(engine: Engine, table: str) -> bool:
    """Create the index table when missing; True when it was just created (so: fill it)."""
    with engine.begin() as conn:
        if conn.execute(text("SELECT to_regclass(:t)"), {"t": table}).scalar() is not None:
            columns = set(
                conn.execute(
                    text(
                        "SELECT column_name FROM information_schema.columns "
                        "WHERE table_name = :t AND table_schema = current_schema()"
                    ),
                    {"t": table},
                ).scalars()
            )
            if "seq" in columns:
                return False
            conn.execute(
                text(f"DROP TABLE {table}")
            )  # an earlier layout: the index is derived data
        conn.execute(
            text(
                f"CREATE TABLE {table} (seq bigserial PRIMARY KEY, kind varchar(10) NOT NULL, "
                f"ref_id varchar(32) NOT NULL, audit_id varchar(32) NOT NULL DEFAULT '', "
                f"doc tsvector NOT NULL)"
            )
        )
        conn.execute(text(f"CREATE INDEX ix_{table}_ref ON {table} (ref_id)"))
        conn.execute(text(f"CREATE INDEX ix_{table}_audit ON {table} (audit_id)"))
        conn.execute(text(f"CREATE INDEX ix_{table}_doc ON {table} USING gin (doc)"))
        # Fine-grained lexeme statistics: with the default, a rare bigram (卡尺) looks common and
        # the planner walks seq backwards over the whole table (0.7 s at a million rows instead
        # of 0.1 ms through the GIN index).
        conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN doc SET STATISTICS 1000"))
    return True


def write(
    conn: Any, table: str, kind: str, ref_id: uuid.UUID, audit_id: uuid.UUID | None, body: str
) -> None:
    conn.execute(text(f"DELETE FROM {table} WHERE ref_id = :r"), {"r": ref_id.hex})
    conn.execute(
        text(
            f"INSERT INTO {table}(kind, ref_id, audit_id, doc) VALUES (:k, :r, :a, CAST(:d AS tsvector))"
        ),
        {
            "k": kind,
            "r": ref_id.hex,
            "a": audit_id.hex if audit_id else "",
            "d": vector_literal(body),
        },
    )


def matching_rows(
    session: Session, table: str, query: str, audit_id: uuid.UUID | None, limit: int
) -> list[Any]:
    """(kind, ref_id, audit_id) rows matching ``query``, newest first.

    Newest first, as on SQLite (a row is rewritten when edited): ranking every hit of a common
    character would read them all; ordering by ``seq`` lets the planner walk the newest rows
    and stop at ``limit`` for common terms, and use the GIN index for rare ones.
    """
    q = query_literal(query)
    if q is None:
        return []
    sql = f"SELECT kind, ref_id, audit_id FROM {table} WHERE doc @@ CAST(:q AS tsquery)"
    params: dict[str, Any] = {"q": q, "lim": limit}
    if audit_id is not None:
        sql += " AND audit_id = :a"
        params["a"] = audit_id.hex
    sql += " ORDER BY seq DESC LIMIT :lim"
    return list(session.execute(text(sql), params).all())
