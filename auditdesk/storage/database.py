"""Opening an AuditDesk database: engine, SQLite pragmas, sessions, migrations on open.

``Database.open(url)`` is the one way in. For a SQLite file it:
1. refuses a file that is not SQLite or not AuditDesk's (``application_id`` and tables),
   without touching it;
2. refuses a database written by a newer AuditDesk (unknown Alembic revision);
3. writes a backup copy, then upgrades an older database to head;
4. creates and seeds a new database when ``create`` is allowed;
5. makes no backup: the GUI starts the daily automatic one in the background
   (storage/backup.py); ``close()`` cancels it rather than waiting.
Every connection gets foreign keys, WAL, ``synchronous=FULL`` and a busy timeout.
An open ``Database`` on a SQLite file, and every open connection to it, holds a shared lock on
``<db>.lock``: restore refuses while anyone does (storage/dblock.py).

A ``postgresql+psycopg://`` URL goes to storage/postgres.py instead (the central database).
On every backend, two sessions saving the same record raise a conflict naming who saved it
first (storage/concurrency.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from auditdesk.storage import dblock, errors
from auditdesk.storage.dbfile import APPLICATION_ID, inspect_sqlite_file
from auditdesk.storage.dblock import DatabaseLock

# How long a writer waits for another's write transaction before "database is locked":
# writers begin IMMEDIATE, so this applies to every save; an import commits every quarter
# second (exchange/excel_import.py), so a save waits far less in practice.
BUSY_TIMEOUT_MS = 10000
# Opening runs SQLite's quick_check (about 0.1 s per 50 MB) on files up to this size, so a
# damaged file is refused before anything writes to it; larger files are checked before an
# upgrade or marking writes to them, and by ``auditdesk check``.
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        # WAL is persistent in the file; switching needs an exclusive lock, so only switch
        # when the file is not in WAL yet (a reader must not wait on a busy writer here).
        # In-memory databases cannot use WAL.
        if mode not in ("wal", "memory"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


READONLY_OPTION = "auditdesk_readonly"


def _begin(conn: Any) -> None:
    readonly = conn.get_execution_options().get(READONLY_OPTION, False)
    conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def _hold_lock_per_connection(engine: Engine, path: Path) -> None:
    """Every connection to the file holds the shared lock while it is open, taken BEFORE the file
    is opened, so that even an engine used without a ``Database`` (``auditdesk check``) counts as
    a user to restore, and never connects to a file a restore is replacing (storage/dblock.py)."""

    def hold(_dialect: Any, record: Any, _cargs: Any, _cparams: Any) -> None:
        record.info["auditdesk_lock"] = dblock.acquire_shared(path)

    def drop(_dbapi_connection: Any, record: Any) -> None:
        lock = record.info.pop("auditdesk_lock", None)
        if lock is not None:
            lock.release()

    event.listen(engine, "do_connect", hold)
    event.listen(engine, "close", drop)


def make_engine(url: str, **kw: Any) -> Engine:
    """An engine with AuditDesk's connection settings for the URL's backend."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kw)
        path = sqlite_path(url)
        if path is not None:
            _hold_lock_per_connection(engine, path)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (SAVEPOINT support), and
        # begin them IMMEDIATE: a deferred transaction that reads first and then writes cannot
        # wait for another writer under WAL (SQLite refuses it at once, the busy timeout never
        # applies); an IMMEDIATE one takes the write lock up front, waiting its turn.
        # Read-only work says so (execution option ``auditdesk_readonly``) and stays deferred,
        # so it never waits for a writer (SQLAlchemy 2 "pysqlite serializable" recipe).
        event.listen(engine, "connect", lambda c, _r: setattr(c, "isolation_level", None))
        event.listen(engine, "begin", _begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        from auditdesk.storage import postgres

        return postgres.make_engine(url, **kw)
    return create_engine(url, pool_pre_ping=True, **kw)


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def _refuse_damaged(path: Path) -> None:
    """CorruptDatabase when ``PRAGMA quick_check`` fails: opening writes nothing to it then."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise errors.CorruptDatabase(f"{path} is damaged: {exc}", str(path)) from exc
    if rows != ["ok"]:
        lines = [ln for r in rows for ln in str(r).splitlines() if ln and not ln.startswith("***")]
        raise errors.CorruptDatabase(
            f"{path} is damaged ({lines[0] if lines else 'quick_check failed'}); "
            "run auditdesk check, or restore a backup",
            str(path),
        )


def _refuse_missing_tables(reader: Engine, where: Path | str) -> None:
    """CorruptDatabase naming a table of the model the database lacks (schema damaged)."""
    from sqlalchemy import inspect as sa_inspect

    from auditdesk.model import Base

    present = set(sa_inspect(reader).get_table_names())
    missing = [t for t in Base.metadata.tables if t not in present]
    if missing:
        raise errors.CorruptDatabase(
            f"{where}'s structure is damaged: table {missing[0]} is missing; run auditdesk "
            "check, or restore a backup",
            str(where),
        )


class Database:
    """An open AuditDesk database: its engine and its one sessionmaker."""

    def __init__(self, url: str, engine: Engine, *, lock: DatabaseLock | None = None) -> None:
        self.url = url
        self.engine = engine
        # A SQLite file is "in use" while this object is open: restore refuses (storage/dblock.py).
        # open() passes the lock it took before reading the file; made directly (a GUI worker
        # process), the object takes its own.
        path = sqlite_path(url)
        self._lock = lock if lock is not None or path is None else dblock.acquire_shared(path)
        self.Session = sessionmaker(bind=engine, expire_on_commit=False)
        self.backup_path: Path | None = None
        self.created = False
        # Every flush is recorded in the hash-chained change log; commits count toward the
        # next automatic backup (storage/changelog.py, storage/backup.py).
        from auditdesk.storage import backup, changelog, concurrency

        changelog.install(self.Session)
        concurrency.install(self.Session)
        self.upgrade_note = ""  # PostgreSQL: advice shown after an upgrade without a file backup
        self.auto_backup: backup.AutoBackup | None = backup.AutoBackup()
        self.changes_since_backup = 0
        self.backups = backup.BackgroundBackups(self)  # automatic backups, off the user's path
        self.opening = False  # no automatic backups while open() migrates and seeds
        backup.install(self)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @classmethod
    def open(
        cls,
        url: str,
        *,
        create: bool = False,
        migrate: bool = True,
        on_create: Callable[[Session], None] | None = None,
    ) -> Database:
        """Open (and if needed upgrade, or with ``create`` make) the database at ``url``.

        ``on_create`` fills a brand-new database (the services layer passes the loader of
        the standards library and the default settings).
        """
        from auditdesk.storage import migrations

        if make_url(url).get_backend_name() == "postgresql":
            from auditdesk.storage import postgres

            return postgres.open_database(
                cls, url, create=create, migrate=migrate, on_create=on_create
            )
        path = sqlite_path(url)
        is_new = False
        if path is not None and not path.exists():
            if not create:
                raise errors.DatabaseMissing(f"no database at {path}", str(path))
            path.parent.mkdir(parents=True, exist_ok=True)
            is_new = True
        # Held from before the file is read until close(): a restore cannot swap the file
        # between the checks below and the first connection, nor while it is open.
        lock = dblock.acquire_shared(path) if path is not None else None
        try:
            if path is not None and path.exists():
                kind = inspect_sqlite_file(path)
                if kind == "empty" and path.stat().st_size == 0 and not create:
                    # A 0-byte file is what a failed copy or a full disk leaves: never quietly
                    # turned into a new, empty database (it may be where the records were).
                    raise errors.CorruptDatabase(
                        f"{path} is empty (0 bytes): not an AuditDesk database; restore a "
                        "backup, or remove the file to start a new database",
                        str(path),
                    )
                is_new = kind == "empty"
                if not is_new and path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
                    _refuse_damaged(path)  # a damaged file is refused, never written to
            engine = make_engine(url)
            db = cls(url, engine, lock=lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        db.opening = True
        try:
            # Reading what the file is takes no write lock: opening a database another
            # process is writing to (an import) does not wait for it, and writes nothing
            # unless it must migrate.
            reader = engine.execution_options(**{READONLY_OPTION: True})
            if migrate:
                state = migrations.check_revision(reader)
                if state == "newer":
                    raise errors.NewerDatabase(
                        f"{path or url} was written by a newer AuditDesk; update AuditDesk to open it",
                        str(path or url),
                    )
                if state == "foreign":
                    raise errors.NotAnAuditDeskDatabase(
                        f"{path or url} is not an AuditDesk database", str(path or url)
                    )
                if state == "empty":
                    is_new = True
                if state == "behind" and path is not None:
                    from auditdesk.storage.backup import backup_before_upgrade

                    db.backup_path = backup_before_upgrade(path)
                if state == "behind" and path is not None:
                    _refuse_damaged(path)  # never migrate (write) a damaged file
                if state == "current":
                    _refuse_missing_tables(reader, path or url)
                if state in ("empty", "behind"):
                    migrations.upgrade_to_head(engine)
                if path is not None:
                    with reader.connect() as conn:
                        marked = conn.exec_driver_sql("PRAGMA application_id").scalar()
                    if marked != APPLICATION_ID:
                        _refuse_damaged(path)
                        with engine.begin() as conn:
                            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                from auditdesk.storage.changelog import ensure_append_only, missing_triggers

                with reader.connect() as conn:
                    guards_missing = bool(missing_triggers(conn))
                if guards_missing:
                    ensure_append_only(engine)
            if is_new and on_create is not None:
                with db.session() as session:
                    on_create(session)
            db.created = is_new
            db.opening = False
            # No backup on open: the GUI alone starts the (daily) automatic one (backup.py).
        except BaseException as exc:
            engine.dispose()
            db.release_lock()
            mapped = (
                errors.classify_sqlite_error(exc, str(path or url))
                if not isinstance(exc, errors.StorageError)
                else None
            )
            if mapped is not None:
                raise mapped from exc
            raise
        return db

    @contextmanager
    def session(self, user: str | None = None, *, readonly: bool = False) -> Iterator[Session]:
        """One transaction for one user action: commit on success, roll back on error.

        On SQLite it begins IMMEDIATE (waits its turn for the write lock, up to the busy
        timeout); ``readonly`` work begins deferred and never waits for a writer (it must not
        write). A record someone else saved meanwhile raises a conflict naming them
        (concurrency.py).
        """
        from sqlalchemy.orm.exc import StaleDataError

        session = (
            self.Session(bind=self.engine.execution_options(**{READONLY_OPTION: True}))
            if readonly
            else self.Session()
        )
        try:
            with session.begin():
                session.info["user"] = user or "system"
                yield session
        except StaleDataError as exc:
            from auditdesk.storage.concurrency import conflict_from

            raise conflict_from(exc, session, self.engine) from exc
        finally:
            session.close()

    def wait_for_backups(self, timeout: float | None = None) -> bool:
        """Block until no automatic backup runs or is pending (False: ``timeout`` ran out)."""
        return self.backups.wait(timeout)

    def close(self) -> None:
        """Cancel a running automatic backup (its partial copy is removed), then close."""
        self.backups.stop()
        self.engine.dispose()
        self.release_lock()

    def release_lock(self) -> None:
        """No longer in use (after every connection and the backup thread are done)."""
        if self._lock is not None:
            self._lock.release()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
