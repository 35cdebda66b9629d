"""Register queries: one page of one register, sorted, filtered and searched in SQL.

The GUI's register model asks for ``count_rows`` once and ``fetch_rows`` page by page (each
next page by the last row's sort value and id, ``after=``: keyset paging, so page 400 costs
what page 1 costs); nothing here loads a whole table into Python. Rows are plain tuples of
stored values (dates, numbers, enum codes); the UI formats and translates them.

Filters: ``{column_key: value}``. An enum/bool column matches exactly; a text column matches
a substring; a date or number column accepts ``(low, high)`` (either may be None).
Presets (``{"preset": name}``) are named conditions the dashboard links to, e.g. the NC
register's ``overdue``. ``{"ids": [...]}`` restricts to given records.
Search matches any searchable column by substring (SQLite ``LIKE`` compares the UTF-8 text,
so 1- and 2-character Chinese queries work; ASCII case is ignored: ILIKE on PostgreSQL).

How that stays fast at 100 000 NCs / 60 000 audits (issue 9):
- a joined column (a certificate's client, an NC's audit number) is searched as
  ``fk IN (SELECT id FROM other WHERE col LIKE ...)``: the other table is searched once, not
  joined to every row first;
- on SQLite a column with an index of its own (numbers, client names) is searched through
  ``rowid IN (SELECT rowid ... WHERE col LIKE ...)``, a scan of the small index, not the table;
- NC ``evidence_text`` is narrowed by the search module's full-text index when the index can
  answer for the word and few rows carry it (``search.substring_query``); the ``LIKE`` is still
  applied to those rows, so the answer is the plain ``LIKE`` answer;
- a search page on SQLite picks its rows' ids first (sorted on the register's own table) and
  joins only those: the joins are not made for every match. A page that lies within the first
  ``WALK`` rows in number order is found by walking them (common words); otherwise every
  match is collected and sorted (rare words: one read of the table). That read also counts the
  matches, and the count reads the first page; the read is kept for the one call that follows
  with the same query, on the same connection, with nothing written since (``_LastPage``), so
  a refresh (count + first page) reads the table once.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnClause, UnaryExpression
from sqlalchemy.sql.operators import custom_op
from sqlalchemy.sql.selectable import ScalarSelect, SelectBase

from auditdesk.model import (
    Audit,
    Auditor,
    Certificate,
    NCState,
    Nonconformity,
    Organisation,
    Standard,
)

OPEN_NC_STATES = (
    NCState.ISSUED,
    NCState.RESPONSE_RECEIVED,
    NCState.RESPONSE_ACCEPTED,
    NCState.RESPONSE_REJECTED,
)
AWAITING_RESPONSE = (NCState.ISSUED, NCState.RESPONSE_REJECTED)
AWAITING_VERIFICATION = (NCState.RESPONSE_RECEIVED, NCState.RESPONSE_ACCEPTED)


class UnknownRegister(LookupError):
    pass


@dataclass(frozen=True)
class Column:
    key: str
    expr: Any
    kind: str = "text"  # text | date | enum | number | bool
    searchable: bool = False
    enum_values: tuple[str, ...] = ()
    # For a joined column: ``via(match)`` is the condition on the register's own table, given
    # ``match(column) -> condition`` (e.g. ``Audit.organisation_id IN (SELECT id FROM
    # organisation WHERE name_zh LIKE ...)``).
    via: Callable[[Any], ColumnElement[bool]] | None = None
    indexed: bool = False  # SQLite: an index holds this column (search the index, not the table)
    fulltext: bool = False  # NC text also kept in the search module's full-text index
    unique: bool = False  # no two rows share a value (a sort on it needs no tie-break)


@dataclass(frozen=True)
class RegisterSpec:
    name: str
    entity: Any
    columns: tuple[Column, ...]
    base: Callable[[Select[Any]], Select[Any]] = lambda s: s
    default_sort: str = ""
    archived: Any = None
    presets: dict[str, Callable[[dt.date], ColumnElement[bool]]] = field(default_factory=dict)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


def _enum(e: Any) -> tuple[str, ...]:
    return tuple(m.value for m in e)


def _overdue_nc(on: dt.date) -> ColumnElement[bool]:
    return or_(
        and_(Nonconformity.state.in_(AWAITING_RESPONSE), Nonconformity.response_due < on),
        and_(Nonconformity.state.in_(AWAITING_VERIFICATION), Nonconformity.verification_due < on),
    )


def nc_row_overdue(values: tuple[Any, ...], on: dt.date) -> bool:
    """The ``overdue`` preset for one fetched NC row (the register's column order), so the
    register can highlight overdue NCs among all the others."""
    keys = spec("ncs").keys
    state, response_due, verification_due = (
        values[keys.index(k)] for k in ("state", "response_due", "verification_due")
    )
    try:
        state = NCState(getattr(state, "value", state))
    except ValueError:
        return False
    return (state in AWAITING_RESPONSE and response_due is not None and response_due < on) or (
        state in AWAITING_VERIFICATION and verification_due is not None and verification_due < on
    )


def _due_within(days: int) -> Callable[[dt.date], ColumnElement[bool]]:
    def cond(on: dt.date) -> ColumnElement[bool]:
        when = func.coalesce(Audit.start_date, Audit.window_latest)
        return and_(Audit.status == "planned", when >= on, when <= on + dt.timedelta(days=days))

    return cond


def _specs() -> dict[str, RegisterSpec]:
    from auditdesk.model import (
        AuditMode,
        AuditorGrade,
        AuditStatus,
        AuditType,
        CertificateStatus,
        NCGrade,
    )

    org_c = aliased(Organisation)
    org_a = aliased(Organisation)
    org_n = aliased(Organisation)
    audit_n = aliased(Audit)

    def orgs(match: _Matcher) -> Select[Any]:
        return _ids(Organisation, match(Organisation.name_zh, indexed=True))

    return {
        "clients": RegisterSpec(
            "clients",
            Organisation,
            (
                Column("name_zh", Organisation.name_zh, searchable=True, indexed=True),
                Column("name_en", Organisation.name_en, searchable=True),
                Column("credit_code", Organisation.credit_code, searchable=True, indexed=True),
                Column("province", Organisation.province, searchable=True, indexed=True),
                Column("city", Organisation.city, searchable=True),
                Column("effective_personnel", Organisation.effective_personnel, "number"),
                Column("technical_codes", Organisation.technical_codes, searchable=True),
                Column("contact_name", Organisation.contact_name, searchable=True),
            ),
            default_sort="name_zh",
            archived=Organisation.archived,
        ),
        "certificates": RegisterSpec(
            "certificates",
            Certificate,
            (
                Column("number", Certificate.number, searchable=True, indexed=True, unique=True),
                Column(
                    "client",
                    org_c.name_zh,
                    searchable=True,
                    via=lambda m: Certificate.organisation_id.in_(orgs(m)),
                ),
                Column(
                    "standard",
                    Standard.code,
                    searchable=True,
                    via=lambda m: Certificate.standard_id.in_(_ids(Standard, m(Standard.code))),
                ),
                Column("issue_date", Certificate.issue_date, "date"),
                Column("expiry_date", Certificate.expiry_date, "date"),
                Column("status", Certificate.status, "enum", enum_values=_enum(CertificateStatus)),
                Column("scope_zh", Certificate.scope_zh, searchable=True),
                Column("scope_en", Certificate.scope_en, searchable=True),
            ),
            base=lambda s: s.join(org_c, org_c.id == Certificate.organisation_id).join(
                Standard, Standard.id == Certificate.standard_id
            ),
            default_sort="number",
            archived=Certificate.archived,
        ),
        "audits": RegisterSpec(
            "audits",
            Audit,
            (
                Column("number", Audit.number, searchable=True, indexed=True, unique=True),
                Column(
                    "client",
                    org_a.name_zh,
                    searchable=True,
                    via=lambda m: Audit.organisation_id.in_(orgs(m)),
                ),
                Column("audit_type", Audit.audit_type, "enum", enum_values=_enum(AuditType)),
                Column("status", Audit.status, "enum", enum_values=_enum(AuditStatus)),
                Column("mode", Audit.mode, "enum", enum_values=_enum(AuditMode)),
                Column("start_date", Audit.start_date, "date"),
                Column("end_date", Audit.end_date, "date"),
                Column("window_latest", Audit.window_latest, "date"),
                Column("planned_days", Audit.planned_days, "number"),
            ),
            base=lambda s: s.join(org_a, org_a.id == Audit.organisation_id),
            default_sort="number",
            archived=Audit.archived,
            presets={
                "due_30": _due_within(30),
                "due_60": _due_within(60),
                "due_90": _due_within(90),
                "planned": lambda on: Audit.status == "planned",
            },
        ),
        "ncs": RegisterSpec(
            "ncs",
            Nonconformity,
            (
                Column("number", Nonconformity.number, searchable=True, indexed=True, unique=True),
                Column(
                    "audit",
                    audit_n.number,
                    searchable=True,
                    via=lambda m: Nonconformity.audit_id.in_(
                        _ids(Audit, m(Audit.number, indexed=True))
                    ),
                ),
                Column(
                    "client",
                    org_n.name_zh,
                    searchable=True,
                    via=lambda m: Nonconformity.audit_id.in_(
                        _ids(Audit, Audit.organisation_id.in_(orgs(m)))
                    ),
                ),
                Column("grade", Nonconformity.grade, "enum", enum_values=_enum(NCGrade)),
                Column("state", Nonconformity.state, "enum", enum_values=_enum(NCState)),
                Column("issued_on", Nonconformity.issued_on, "date"),
                Column("response_due", Nonconformity.response_due, "date"),
                Column("verification_due", Nonconformity.verification_due, "date"),
                Column("closed_on", Nonconformity.closed_on, "date"),
                Column(
                    "evidence_text", Nonconformity.evidence_text, searchable=True, fulltext=True
                ),
            ),
            base=lambda s: s.join(audit_n, audit_n.id == Nonconformity.audit_id).join(
                org_n, org_n.id == audit_n.organisation_id
            ),
            default_sort="number",
            archived=Nonconformity.archived,
            presets={
                "overdue": _overdue_nc,
                "open": lambda on: Nonconformity.state.in_(OPEN_NC_STATES),
            },
        ),
        "auditors": RegisterSpec(
            "auditors",
            Auditor,
            (
                Column("name_zh", Auditor.name_zh, searchable=True),
                Column("name_en", Auditor.name_en, searchable=True),
                Column("ccaa_no", Auditor.ccaa_no, searchable=True),
                Column("grade", Auditor.grade, "enum", enum_values=_enum(AuditorGrade)),
                Column("registration_expiry", Auditor.registration_expiry, "date"),
                Column("technical_codes", Auditor.technical_codes, searchable=True),
                Column("id_doc_masked", _masked_id_doc()),  # 证件号码, never shown in full
            ),
            default_sort="name_zh",
            archived=Auditor.archived,
        ),
        "standards": RegisterSpec(
            "standards",
            Standard,
            (
                Column("key", Standard.key, searchable=True),
                Column("code", Standard.code, searchable=True),
                Column("national_code", Standard.national_code, searchable=True),
                Column("scheme", Standard.scheme, searchable=True),
                Column("title_zh", Standard.title_zh, searchable=True),
                Column("title_en", Standard.title_en, searchable=True),
            ),
            default_sort="key",
            archived=Standard.archived,
        ),
    }


_SPECS: dict[str, RegisterSpec] | None = None
REGISTERS = ("clients", "certificates", "audits", "ncs", "auditors", "standards")


def spec(name: str) -> RegisterSpec:
    global _SPECS
    if _SPECS is None:
        _SPECS = _specs()
    try:
        return _SPECS[name]
    except KeyError:
        raise UnknownRegister(name) from None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _ids(entity: Any, cond: ColumnElement[bool]) -> Select[Any]:
    """``SELECT id FROM entity WHERE cond`` as a sub-query of its own (never correlated)."""
    return select(entity.id).where(cond).correlate(None)


def _rowid(table: Any) -> Any:
    return literal_column(f"{table.name}.rowid")


# NC text is narrowed through the full-text index when at most this many indexed rows (evidence
# and NCs) carry the word: each candidate costs one lookup of its id in the index's own table
# (~3 µs warm), while the plain LIKE reads every NC (~50 ms at 100 000).
FULLTEXT_NARROW_MAX = 2000


_ASCII_LETTER = re.compile(r"[A-Za-z]")


class _Matcher:
    """``match(column)``: the substring condition for one search word, in the dialect's form."""

    def __init__(self, session: Session, word: str) -> None:
        self.session = session
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        self.word = word
        self.pattern = _like(word)

    def __call__(self, column: Any, *, indexed: bool = False) -> ColumnElement[bool]:
        if not self.sqlite:
            cond = column.ilike(self.pattern, escape="\\")
        elif _ASCII_LETTER.search(self.word):
            # SQLite's LIKE ignores ASCII case (only ASCII case, like its lower()); its ILIKE
            # would be lower(x) LIKE lower(y), a new string per row.
            cond = column.like(self.pattern, escape="\\")
        else:
            # No letter that has a case: the same answer as LIKE, without LIKE's character by
            # character walk of every UTF-8 text (~30 % of a Chinese search of 100 000 NCs).
            cond = func.instr(column, self.word) > 0
        if indexed and self.sqlite:
            table = column.table
            inner: Select[Any] = (
                select(literal_column("rowid")).select_from(table).where(cond).correlate(None)
            )
            return _rowid(table).in_(inner)
        return cond

    def fulltext_candidates(self) -> Select[Any] | None | bool:
        """NC ids the full-text index says may contain the word: a sub-query, False when no
        indexed row contains it, None when the index cannot narrow it (or would not narrow it
        enough: then the plain LIKE is cheaper)."""
        from auditdesk.services import search

        if not self.sqlite or not search.index_is_kept(self.session):
            return None
        match = search.substring_query(
            self.word, latin=False
        )  # Chinese terms: a few index pages each
        if match is None:
            return None
        table = search.TABLE
        hits = (
            self.session.execute(
                text(
                    f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH :m LIMIT :n)"
                ),
                {"m": match, "n": max(FULLTEXT_NARROW_MAX, 0) + 1},
            ).scalar()
            or 0
        )
        if hits == 0:
            return False
        if hits > FULLTEXT_NARROW_MAX:
            return None
        # A unique parameter: every narrowed word of a search brings its own MATCH expression.
        term: Any = bindparam("fts_match", match, unique=True)
        return (
            select(literal_column("ref_id"))
            .select_from(text(table))
            .where(literal_column(table).op("MATCH")(term))
            .correlate(None)
        )


def _word_condition(session: Session, sp: RegisterSpec, word: str) -> ColumnElement[bool]:
    """The rows where some searchable column contains ``word``."""
    match = _Matcher(session, word)
    own = [c for c in sp.columns if c.searchable and c.via is None]
    scan = any(not c.indexed and not c.fulltext for c in own)
    narrowed: Select[Any] | None | bool = None
    if any(c.fulltext for c in own) and not scan:
        narrowed = match.fulltext_candidates()
        scan = narrowed is None
    terms: list[ColumnElement[bool]] = []
    for c in own:
        if c.fulltext and narrowed is False:
            continue  # no indexed text contains the word
        if scan:
            terms.append(
                match(c.expr)
            )  # every row is read anyway: test all own columns in that read
        elif c.fulltext:
            assert isinstance(narrowed, Select)
            terms.append(and_(sp.entity.id.in_(narrowed), match(c.expr)))
        else:
            terms.append(match(c.expr, indexed=True))
    terms += [c.via(match) for c in sp.columns if c.searchable and c.via is not None]
    return or_(*terms) if terms else false()


def _where(
    session: Session,
    sp: RegisterSpec,
    filters: dict[str, Any] | None,
    search: str,
    include_archived: bool,
    on: dt.date,
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if sp.archived is not None and not include_archived:
        conds.append(sp.archived.is_(False))
    for key, value in (filters or {}).items():
        if value is None or value == "":
            continue
        if key == "preset":
            conds.append(sp.presets[value](on))
            continue
        if key == "ids":
            ids = [v if isinstance(v, uuid.UUID) else uuid.UUID(str(v)) for v in value]
            conds.append(sp.entity.id.in_(ids) if ids else false())
            continue
        col = sp.column(key)
        if col.kind in ("date", "number") and isinstance(value, tuple | list):
            low, high = value
            if low is not None:
                conds.append(col.expr >= low)
            if high is not None:
                conds.append(col.expr <= high)
        elif col.kind in ("enum", "bool", "date", "number"):
            conds.append(col.expr == value)
        elif col.via is not None:
            conds.append(col.via(_Matcher(session, str(value))))
        else:
            conds.append(col.expr.ilike(_like(str(value)), escape="\\"))
    for word in search.split():  # every word must match some column
        conds.append(_word_condition(session, sp, word))
    return conds


def _reads_other_tables(conds: list[ColumnElement[bool]], own: Any) -> bool:
    """True when a condition reads a column of a table other than ``own`` (sub-queries, which
    bring their own tables, are not looked into)."""
    stack: list[Any] = list(conds)
    while stack:
        element = stack.pop()
        if isinstance(element, SelectBase | ScalarSelect):
            continue
        if (
            isinstance(element, ColumnClause)
            and element.table is not None
            and element.table is not own
        ):
            return True
        stack.extend(element.get_children())
    return False


def count_rows(
    session: Session,
    register: str,
    *,
    filters: dict[str, Any] | None = None,
    search: str = "",
    include_archived: bool = False,
    on: dt.date | None = None,
) -> int:
    sp = spec(register)
    on = on or dt.date.today()
    conds: list[ColumnElement[bool]] | None = None
    if _pages_on_own_table(session, sp, search, sp.column(sp.default_sort)):
        # A search reads every row once anyway: that read also gives the first page in the
        # default order, kept for the fetch_rows that follows (and vice versa).
        query = _query_key(register, filters, search, include_archived, on)
        total = _PAGES.total(session, query)
        if total is None:
            conds = _where(session, sp, filters, search, include_archived, on)
            _ids, total = _page_ids(
                session, sp, conds, query, sp.column(sp.default_sort), False, 0, PAGE
            )
        if total is not None:
            return total
    if conds is None:
        conds = _where(session, sp, filters, search, include_archived, on)
    # count(*), not count(id): an index that answers the conditions then answers the count too.
    stmt = select(func.count()).select_from(sp.entity)
    # The register's joins follow NOT NULL foreign keys, so they never change the count; join
    # only when a condition needs a joined table (at 100 000 NCs the joins cost ~0.3 s).
    if _reads_other_tables(conds, sp.entity.__table__):
        stmt = sp.base(stmt)
    return int(session.scalar(stmt.where(*conds)) or 0)


def fetch_rows(
    session: Session,
    register: str,
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str | None = None,
    descending: bool = False,
    filters: dict[str, Any] | None = None,
    search: str = "",
    include_archived: bool = False,
    on: dt.date | None = None,
    after: tuple[Any, uuid.UUID] | None = None,
) -> list[tuple[uuid.UUID, tuple[Any, ...]]]:
    """One page: ``[(id, (value per column, ...)), ...]`` in the register's column order.

    ``after=(sort value, id)`` of the previous page's last row asks for the page that follows
    it (keyset paging: the database seeks to it through the sort index instead of counting
    ``offset`` rows from the start); ``offset`` then counts from there.
    """
    sp = spec(register)
    on = on or dt.date.today()
    exprs = [c.expr for c in sp.columns]
    sort_col = sp.column(sort or sp.default_sort)
    order = sort_col.expr
    stmt = sp.base(select(sp.entity.id, *exprs).select_from(sp.entity))
    seek = [] if after is None else [_after(session, sp, sort_col, descending, after)]
    if _pages_on_own_table(session, sp, search, sort_col):
        # Pick the page's rows on the register's own table, then join only those.
        query = _query_key(register, filters, search, include_archived, on, after)
        ids = _PAGES.page(session, query, (sort_col.key, descending, offset, limit))
        if ids is None:
            conds = _where(session, sp, filters, search, include_archived, on)
            ids, _total = _page_ids(
                session, sp, conds, query, sort_col, descending, offset, limit, seek
            )
        if not ids:
            return []
        stmt = stmt.where(_rowid(sp.entity.__table__).in_(ids))
        stmt = stmt.order_by(order.desc() if descending else order.asc(), sp.entity.id)
    else:
        stmt = stmt.where(*_where(session, sp, filters, search, include_archived, on), *seek)
        stmt = (
            stmt.order_by(order.desc() if descending else order.asc(), sp.entity.id)
            .offset(offset)
            .limit(limit)
        )
    out = []
    for row in session.execute(stmt):
        values = tuple(
            v.value if hasattr(v, "value") and not isinstance(v, bool | int | float) else v
            for v in row[1:]
        )
        out.append((row[0], values))
    return out


def _after(
    session: Session,
    sp: RegisterSpec,
    sort_col: Column,
    descending: bool,
    after: tuple[Any, uuid.UUID],
) -> ColumnElement[bool]:
    """The rows that come after ``(value, id)`` in the order ``sort_col`` (then id, ascending):
    the keyset condition. NULLs sort first ascending on SQLite and last on PostgreSQL (and the
    other way round descending), so where they go depends on the backend, as in ORDER BY."""
    value, row_id = after
    order = sort_col.expr
    enum_class = getattr(order.type, "enum_class", None)
    if value is not None and enum_class is not None and not isinstance(value, enum_class):
        value = enum_class(value)  # rows carry an enum's stored code
    postgres = session.get_bind().dialect.name == "postgresql"
    nulls_first = descending if postgres else not descending
    later_id = sp.entity.id > row_id
    if value is None:
        cond = and_(order.is_(None), later_id)
        return or_(cond, order.is_not(None)) if nulls_first else cond
    key = bindparam(None, value, type_=order.type)
    # "(v > key) or (v = key and id > last)", written with a leading range so the sort index
    # is entered at the key instead of walked from its start.
    reach, beyond = (order <= key, order < key) if descending else (order >= key, order > key)
    cond = and_(reach, or_(beyond, later_id))
    return cond if nulls_first else or_(cond, order.is_(None))


# -- one read for the count and the first page of a search (SQLite) ------------------------------
PAGE = 200  # the register model's page


def _pages_on_own_table(session: Session, sp: RegisterSpec, search: str, sort_col: Column) -> bool:
    return (
        bool(search.split())
        and session.get_bind().dialect.name == "sqlite"
        and sort_col.via is None
        and getattr(sort_col.expr, "table", None) is sp.entity.__table__
    )


def _query_key(
    register: str,
    filters: dict[str, Any] | None,
    search: str,
    include_archived: bool,
    on: dt.date,
    after: tuple[Any, uuid.UUID] | None = None,
) -> tuple[Any, ...]:
    return (
        register,
        repr(sorted((filters or {}).items())),
        tuple(search.split()),
        include_archived,
        on,
        after,
    )


# A page whose rows lie among the first WALK rows in a unique sort order is found by walking
# the sort index: a word in every third NC fills its first page within ~600 rows, where
# collecting and sorting 32 000 matches costs ~100 ms.
WALK = 2000


def _page_ids(
    session: Session,
    sp: RegisterSpec,
    conds: list[ColumnElement[bool]],
    query: tuple[Any, ...],
    sort_col: Column,
    descending: bool,
    offset: int,
    limit: int,
    seek: list[ColumnElement[bool]] | None = None,
) -> tuple[list[int], int | None]:
    """The rowids of one page, sorted on the register's own table, and the number of matches
    (None when this read does not tell).

    First the first WALK rows in sort order (a unique, indexed column): when they hold the
    whole page, that is the page (the count is left to a count). Otherwise every match is
    collected and sorted, sorted by ``+column`` so SQLite does not walk the whole sort index
    reading every row in index order (3x slower than one read of the table when few rows
    match); ``count(*) OVER ()`` counts the matches in the same read (after ``seek``, the
    keyset condition of a next page, it counts the matches that follow). The walk starts at
    ``seek``, not at the first row."""
    seek = seek or []
    token = _PAGES.token(session)
    table = sp.entity.__table__
    order = sort_col.expr
    paging = (sort_col.key, descending, offset, limit)
    if sort_col.unique and sort_col.indexed and 0 < offset + limit <= WALK:
        first: Any = (
            select(literal_column("rowid").label("walked"))
            .select_from(table)
            .where(*seek)
            .order_by(order.desc() if descending else order.asc())
            .limit(WALK)
            .correlate(None)
            .subquery("walk")
        )
        walked: Any = (
            select(first.c.walked)
            .select_from(first.join(table, _rowid(table) == first.c.walked))
            .where(*conds)
            .order_by(order.desc() if descending else order.asc())
            .offset(offset)
            .limit(limit)
        )
        ids = [int(r[0]) for r in session.execute(walked)]
        if len(ids) == limit:
            _PAGES.keep(token, query, paging, ids, None)
            return ids, None
    plain = UnaryExpression(order.expression, operator=custom_op("+"), type_=order.type)
    stmt: Any = (
        select(literal_column("rowid"), func.count().over())
        .select_from(table)
        .where(*conds, *seek)
        .order_by(
            plain.desc() if descending else plain.asc(),
            *(() if sort_col.unique else (sp.entity.id,)),
        )
        .offset(offset)
        .limit(limit)
    )
    rows = session.execute(stmt).all()
    ids = [int(r[0]) for r in rows]
    total = int(rows[0][1]) if rows else (0 if offset == 0 else None)
    _PAGES.keep(token, query, paging, ids, total)
    return ids, total


class _LastPage:
    """The last search page read, for the one count or page asked for next with the same query.

    Valid only on the same SQLite connection with nothing written since: ``PRAGMA
    data_version`` changes when any other connection commits, ``total_changes()`` when this
    one writes (even if it rolls back). Anything else reads again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: tuple[Any, ...] | None = None

    @staticmethod
    def token(session: Session) -> tuple[Any, int, int]:
        # Through session.execute, so pending changes are flushed (and counted) first.
        version = session.execute(text("PRAGMA data_version")).scalar()
        changes = session.execute(text("SELECT total_changes()")).scalar()
        return (
            session.connection().connection.dbapi_connection,
            int(version or 0),
            int(changes or 0),
        )

    def keep(
        self,
        token: tuple[Any, int, int],
        query: tuple[Any, ...],
        paging: tuple[Any, ...],
        ids: list[int],
        total: int | None,
    ) -> None:
        with self._lock:
            self._kept = (token, query, paging, ids, total)

    def _get(self, session: Session, query: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The kept read if it answers ``query`` now; it serves one call only (a repeated
        count or page reads again, so nothing is answered from an old read twice)."""
        with self._lock:
            kept, self._kept = self._kept, None
        if kept is None or kept[1] != query:
            return None
        token = self.token(session)
        if kept[0][0] is not token[0] or kept[0][1:] != token[1:]:
            return None
        return kept

    def total(self, session: Session, query: tuple[Any, ...]) -> int | None:
        kept = self._get(session, query)
        return None if kept is None else kept[4]

    def page(
        self, session: Session, query: tuple[Any, ...], paging: tuple[Any, ...]
    ) -> list[int] | None:
        kept = self._get(session, query)
        return None if kept is None or kept[2] != paging else list(kept[3])


_PAGES = _LastPage()


def enum_choices(register: str, key: str) -> Sequence[str]:
    return spec(register).column(key).enum_values


# -- auditor register edits (small; until an auditors service exists) ---------------------------
AUDITOR_FIELDS = (
    "name_zh",
    "name_en",
    "ccaa_no",
    "grade",
    "registration_expiry",
    "schemes",
    "technical_codes",
    "phone",
    "email",
)


def _masked_id_doc() -> Any:
    """Masked 证件号码 in SQL: first 3 and last 4 characters with 11 "*" between (the length of
    an 18-character ID card number; SQLite has no portable repeat)."""
    from sqlalchemy import case, func, literal

    n = Auditor.id_doc_no
    length = func.length(n)
    return case(
        (length > 7, func.substr(n, 1, 3) + literal("*" * 11) + func.substr(n, length - 3, 4)),
        else_=literal(""),
    )


def _auditor_values(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    from auditdesk.model import AuditorGrade

    errors: dict[str, str] = {}
    out = {k: v for k, v in values.items() if k in AUDITOR_FIELDS}
    if set(values) - set(AUDITOR_FIELDS):
        errors.update({k: "unknown_field" for k in set(values) - set(AUDITOR_FIELDS)})
    if "name_zh" in out and not str(out["name_zh"] or "").strip():
        errors["name_zh"] = "required"
    if "grade" in out:
        try:
            out["grade"] = AuditorGrade(getattr(out["grade"], "value", out["grade"]) or "auditor")
        except ValueError:
            errors["grade"] = "unknown_value"
    if "schemes" in out and isinstance(out["schemes"], str):
        out["schemes"] = [
            s.strip().upper() for s in out["schemes"].replace("，", ",").split(",") if s.strip()
        ]
    if "registration_expiry" in out and isinstance(out["registration_expiry"], str):
        try:
            out["registration_expiry"] = (
                dt.date.fromisoformat(out["registration_expiry"])
                if out["registration_expiry"].strip()
                else None
            )
        except ValueError:
            errors["registration_expiry"] = "date"
    email = str(out.get("email") or "")
    if email and "@" not in email:
        errors["email"] = "email"
    return out, errors


def save_auditor(session: Session, auditor_id: uuid.UUID | None, values: dict[str, Any]) -> Auditor:
    """Create (``auditor_id`` None) or change an auditor of the register."""
    from auditdesk.services.errors import NotFound, ValidationFailed
    from auditdesk.services.users import Permission, require

    require(session, Permission.EDIT_REGISTERS)
    out, errors = _auditor_values(values)
    if auditor_id is None and not str(out.get("name_zh") or "").strip():
        errors["name_zh"] = "required"
    if errors:
        raise ValidationFailed(f"auditor: {errors}", errors)
    if auditor_id is None:
        auditor = Auditor(**{"name_en": "", **out})
        session.add(auditor)
    else:
        found = session.get(Auditor, auditor_id)
        if found is None:
            raise NotFound(f"no auditor {auditor_id}", id=str(auditor_id))
        auditor = found
        for k, v in out.items():
            setattr(auditor, k, v)
    session.flush()
    return auditor


def set_archived(
    session: Session, register: str, record_id: uuid.UUID, archived: bool = True
) -> None:
    """Archive or bring back a record (nothing with evidence is ever deleted)."""
    from auditdesk.services.errors import NotFound
    from auditdesk.services.users import Permission, require

    require(session, Permission.EDIT_REGISTERS)
    sp = spec(register)
    if register == "clients":
        from auditdesk.services.clients import archive_organisation

        archive_organisation(session, record_id, archived)
        return
    record = session.get(sp.entity, record_id)
    if record is None:
        raise NotFound(f"no {register} record {record_id}", id=str(record_id))
    record.archived = archived
    session.flush()
