"""The central database on PostgreSQL: how ``Database.open`` opens a ``postgresql+psycopg`` URL
(:class:`PostgresServer`, the backend of the one sequence in storage/database.py).

1. Connect, and turn the ways that fails into errors saying what to do: server unreachable,
   password refused, database missing (created when allowed and the role may), no right to
   create tables.
2. Where does the database stand (``migrations.check_revision``): an empty database is made
   and filled; one at head is used; an older one is upgraded — under an advisory lock, so
   two AuditDesks starting at once do not both migrate. There is **no file to copy** before
   an upgrade on a server: :data:`UPGRADE_ADVICE` says to take a ``pg_dump`` first, and
   ``Database.upgrade_note`` carries that advice to the UI. A newer or foreign database is
   refused untouched. An empty database (as the administrator creates it) is set up like a
   new SQLite file.
3. The change log stays append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and its
   hash chain stays a chain with many writers: each writing transaction takes the chain's
   advisory lock before its first flush writes a row (changelog.py takes it again, reentrantly,
   before reading the head), so two flushes never read the same head and never wait on each
   other's rows in the opposite order. Writers queue for milliseconds; readers never wait.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from auditdesk.storage import errors, migrations
from auditdesk.storage.dblock import DatabaseLock

if TYPE_CHECKING:
    from auditdesk.storage.database import Database

log = logging.getLogger(__name__)

# pg_advisory_xact_lock keys: the change log's own chain-head key (changelog.py takes it after
# the flush; taking it already before the flush's first row write keeps two writers from
# deadlocking on a row one of them updated), and "ADSK"+02 for migrations.
CHAIN_LOCK_KEY = 0x4144534B  # "ADSK": the lock guarding the change log's chain head
CHANGE_LOG_LOCK = CHAIN_LOCK_KEY
MIGRATION_LOCK = 0x4144534B02
CONNECT_TIMEOUT_S = 10
UPGRADE_ADVICE = (
    "PostgreSQL databases are not copied before an upgrade; take a backup first: "
    "pg_dump -Fc -f auditdesk-before-upgrade.dump DBNAME"
)

_APPEND_ONLY_SQL = (
    """CREATE OR REPLACE FUNCTION auditdesk_change_log_append_only() RETURNS trigger
       LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'change_log is append-only'; END $$""",
    """DROP TRIGGER IF EXISTS change_log_append_only ON change_log""",
    """CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log
       FOR EACH ROW EXECUTE FUNCTION auditdesk_change_log_append_only()""",
    """DROP TRIGGER IF EXISTS change_log_no_truncate ON change_log""",
    """CREATE TRIGGER change_log_no_truncate BEFORE TRUNCATE ON change_log
       FOR EACH STATEMENT EXECUTE FUNCTION auditdesk_change_log_append_only()""",
)


def is_postgres_url(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def make_engine(url: str, **kw: Any) -> Engine:
    parsed = make_url(url)
    if (
        parsed.drivername == "postgresql"
    ):  # plain postgresql:// means psycopg 3 (the driver we ship)
        parsed = parsed.set(drivername="postgresql+psycopg")
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "AuditDesk"}
    connect_args.update(kw.pop("connect_args", {}))
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args, **kw)


def where(url: str) -> str:
    """The URL as shown to people: without the password."""
    return make_url(url).render_as_string(hide_password=True)


def classify_error(exc: BaseException, url: str) -> errors.StorageError | None:
    """Map a connection/permission failure to the environment error it is (None: not one)."""
    text_ = str(getattr(exc, "orig", None) or exc)
    low = text_.lower()
    shown = where(url)
    parsed = make_url(url)
    if (
        "password authentication failed" in low
        or "no password supplied" in low
        or ("role" in low and "does not exist" in low)
        or "pg_hba.conf" in low
    ):
        return errors.AuthenticationFailed(
            f"the PostgreSQL server refused user '{parsed.username or ''}' for {shown}: check the user "
            f"name and password (or ask the administrator to grant access in pg_hba.conf)",
            shown,
        )
    if "database" in low and "does not exist" in low:
        return errors.DatabaseMissing(
            f"there is no database '{parsed.database}' on the server of {shown}: ask the administrator to "
            f"create it (createdb -O {parsed.username or 'USER'} {parsed.database})",
            shown,
        )
    if "permission denied" in low or "must be owner" in low:
        return errors.ServerPermission(
            f"user '{parsed.username or ''}' may not change the database {shown}: ask the administrator to "
            f"make it the database owner (ALTER DATABASE {parsed.database} OWNER TO {parsed.username or 'USER'})",
            shown,
        )
    if any(
        s in low
        for s in (
            "connection refused",
            "could not connect",
            "connection failed",
            "timeout expired",
            "no such file or directory",
            "could not translate host name",
            "name or service not known",
            "server closed the connection",
            "network is unreachable",
            "connection timed out",
        )
    ):
        return errors.ServerUnreachable(
            f"cannot reach the PostgreSQL server of {shown}: check the host and port, that the server is "
            f"running and that the network lets you through",
            shown,
        )
    return None


def _connect_or_explain(engine: Engine, url: str) -> None:
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        mapped = classify_error(exc, url)
        if mapped is not None:
            raise mapped from exc
        raise


def _create_database(url: str) -> None:
    """CREATE DATABASE via the server's maintenance database (the role needs CREATEDB)."""
    parsed = make_url(url)
    admin = make_engine(
        parsed.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    try:
        with admin.connect() as conn:
            name = str(parsed.database).replace('"', '""')
            conn.exec_driver_sql(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    except DBAPIError as exc:
        mapped = classify_error(exc, url)
        if isinstance(mapped, errors.ServerPermission):
            raise errors.DatabaseMissing(
                f"there is no database '{parsed.database}' on the server of {where(url)} and user "
                f"'{parsed.username or ''}' may not create one: ask the administrator to run "
                f"createdb -O {parsed.username or 'USER'} {parsed.database}",
                where(url),
            ) from exc
        raise (mapped or exc) from exc
    finally:
        admin.dispose()


def _lock_change_log(session: Session, _ctx: Any, _instances: Any) -> None:
    # Before the flush writes anything, so writers queue here instead of deadlocking on rows.
    if session.new or session.dirty or session.deleted:
        session.connection().execute(
            text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_LOG_LOCK}
        )


def _append_only_in_place(conn: Connection) -> bool:
    """Whether the guard function is ours and both triggers are enabled."""
    body = conn.execute(
        text("SELECT prosrc FROM pg_proc WHERE proname = 'auditdesk_change_log_append_only'")
    ).scalar()
    return body is not None and "RAISE EXCEPTION" in body and not missing_triggers(conn)


def ensure_append_only(engine: Engine) -> None:
    """Put the change log's guard triggers in place unless they already are.

    Every open calls this, often many processes at once (the office's editors). Replacing a
    function or trigger that is already right would take an exclusive lock on ``change_log``
    on each open and, run concurrently, PostgreSQL refuses one of the replacements with
    "tuple concurrently updated". So: look first (no lock), and only when something is
    missing take the migration lock, look again, and write the DDL.
    """
    with engine.begin() as conn:
        if conn.execute(text("SELECT to_regclass('change_log')")).scalar() is None:
            return
        if _append_only_in_place(conn):
            return
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        if _append_only_in_place(conn):
            return
        for sql in _APPEND_ONLY_SQL:
            conn.execute(text(sql))


APPEND_ONLY_TRIGGERS = ("change_log_append_only", "change_log_no_truncate")


def missing_triggers(conn: Connection) -> list[str]:
    """The change log's guard triggers that are not in place (for ``auditdesk check``)."""
    present = set(
        conn.execute(
            text(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass('change_log') AND tgenabled <> 'D'"
            )
        ).scalars()
    )
    return [name for name in APPEND_ONLY_TRIGGERS if name not in present]


def _upgrade(engine: Engine) -> str:
    """Upgrade to head under the migration lock; returns the state found under the lock."""
    from alembic import command

    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        state = migrations.check_revision(engine)  # someone may have upgraded while we waited
        if state in ("empty", "behind"):
            cfg = migrations.alembic_config(engine)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return state


class PostgresServer:
    """Opening the central database (``storage.database._Backend`` for a PostgreSQL URL; the
    steps are ``storage.database._open``, the same as for a file): see the module docstring."""

    foreign_text = "{where} holds tables of another program, not AuditDesk's"

    def __init__(self, url: str) -> None:
        self.url = url
        self.where = where(url)

    def connect(self, create: bool) -> tuple[Engine, DatabaseLock | None, bool]:
        engine = make_engine(self.url)
        try:
            try:
                _connect_or_explain(engine, self.url)
            except errors.DatabaseMissing:
                if not create:
                    raise
                _create_database(self.url)
                _connect_or_explain(engine, self.url)
        except BaseException:
            engine.dispose()
            raise
        # Not new yet: only the migration, under its lock, finds whether it is (see migrate).
        return engine, None, False

    def install(self, db: Database) -> None:
        event.listen(db.Session, "before_flush", _lock_change_log)

    def before_upgrade(self, db: Database) -> None:
        log.warning("upgrading %s: %s", self.where, UPGRADE_ADVICE)
        db.upgrade_note = UPGRADE_ADVICE

    def check_structure(self, reader: Engine) -> None:
        pass  # a server's tables are not damaged the way a copied file's are

    def migrate(self, engine: Engine, state: str) -> str:
        try:
            return _upgrade(engine)
        except DBAPIError as exc:  # a person's role: only the schema owner migrates
            if not isinstance(classify_error(exc, self.url), errors.ServerPermission):
                raise
            raise errors.ServerPermission(
                f"user '{make_url(self.url).username or ''}' may not set up or upgrade "
                f"{self.where}: the schema owner role must open it once with this AuditDesk "
                "version (README: one login role per person)",
                self.where,
            ) from exc

    def mark(self, engine: Engine, reader: Engine) -> None:
        pass  # the alembic_version table is the mark on a server

    def ensure_guards(self, engine: Engine, reader: Engine) -> None:
        ensure_append_only(engine)  # looks first itself, and checks the guard function too

    def classify(self, exc: BaseException) -> errors.StorageError | None:
        return classify_error(exc, self.url) if isinstance(exc, DBAPIError) else None
