"""Opening an AuditDesk database: engine, SQLite pragmas, sessions, migrations on open.

``Database.open(url)`` is the one way in, and :func:`_open` its one sequence, the same on a
SQLite file and on a PostgreSQL server; what differs is a small strategy (:class:`_Backend`:
:class:`_SqliteFile` here, ``postgres.PostgresServer``). The steps:
1. connect, or create when allowed; a SQLite file that is not SQLite, not AuditDesk's
   (``application_id`` and tables) or damaged is refused without being touched; a server's
   connection failures say what to do;
2. refuse a database written by a newer AuditDesk (unknown Alembic revision) or by another
   program;
3. before upgrading an older database: a file is copied (and checked again), a server gets the
   ``pg_dump`` advice in ``upgrade_note``;
4. migrate to head under the backend's lock (SQLite's write lock; an advisory lock on the
   server, so that many AuditDesks starting at once do not all migrate);
5. put the change log's append-only guards back if missing (looking first, without a lock);
6. fill a new database with ``on_create``; ``created`` says it was new;
7. map driver errors to storage errors (disk full, locked, unreachable ...).
No backup on open: the GUI starts the daily automatic one in the background
(storage/backup.py); ``close()`` cancels it rather than waiting.
Every SQLite connection gets foreign keys, WAL, ``synchronous=FULL`` and a busy timeout.
An open ``Database`` on a SQLite file, and every open connection to it, holds a shared lock on
``<db>.lock``: restore refuses while anyone does (storage/dblock.py).

On every backend, two sessions saving the same record raise a conflict naming who saved it
first (storage/concurrency.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from auditdesk.model import Base
from auditdesk.storage import backup, changelog, concurrency, dblock, errors, migrations, postgres
from auditdesk.storage.backup import backup_before_upgrade
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
    present = set(sa_inspect(reader).get_table_names())
    missing = [t for t in Base.metadata.tables if t not in present]
    if missing:
        raise errors.CorruptDatabase(
            f"{where}'s structure is damaged: table {missing[0]} is missing; run auditdesk "
            "check, or restore a backup",
            str(where),
        )


class _Backend(Protocol):
    """What differs between a SQLite file and a PostgreSQL server when opening; the steps
    themselves, and their order, are :func:`_open` (one sequence for both).

    ``where`` names the database to people (a path, or the URL without its password);
    ``foreign_text`` says why a foreign database is refused (``{where}`` filled in).
    """

    url: str
    where: str
    foreign_text: str

    def connect(self, create: bool) -> tuple[Engine, DatabaseLock | None, bool]:
        """Engine, the lock held until close, and whether the database is new (made now when
        ``create`` allows); refuses what it cannot open, leaving nothing open."""

    def install(self, db: Database) -> None:
        """Listeners this backend needs on every session of the database."""

    def before_upgrade(self, db: Database) -> None:
        """Before an older database is migrated: a file is copied, a server gets advice."""

    def check_structure(self, reader: Engine) -> None:
        """A database at head: refuse one whose structure is damaged."""

    def migrate(self, engine: Engine, state: str) -> str:
        """Upgrade to head under the backend's migration lock; the state found under it."""

    def mark(self, engine: Engine, reader: Engine) -> None:
        """After migrating: whatever marks the database as AuditDesk's."""

    def ensure_guards(self, engine: Engine, reader: Engine) -> None:
        """The change log's append-only guards, written only when missing."""

    def classify(self, exc: BaseException) -> errors.StorageError | None:
        """The environment error an opening failure really is (None: a bug, raised as is)."""


class _SqliteFile:
    """Opening a SQLite file: refuse a file that is not ours or is damaged before touching it,
    copy it before an upgrade; SQLite's own write lock serialises migrations."""

    foreign_text = "{where} is not an AuditDesk database"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = sqlite_path(url)
        self.where = str(self.path or url)

    def connect(self, create: bool) -> tuple[Engine, DatabaseLock | None, bool]:
        path = self.path
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
            return make_engine(self.url), lock, is_new
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def install(self, db: Database) -> None:
        pass  # pragmas, locks and IMMEDIATE transactions are on the engine (make_engine)

    def before_upgrade(self, db: Database) -> None:
        if self.path is not None:
            db.backup_path = backup_before_upgrade(self.path)
            _refuse_damaged(self.path)  # never migrate (write) a damaged file

    def check_structure(self, reader: Engine) -> None:
        _refuse_missing_tables(reader, self.where)

    def migrate(self, engine: Engine, state: str) -> str:
        # The upgrade's transaction begins IMMEDIATE: it holds the file's write lock.
        migrations.upgrade_to_head(engine)
        return state

    def mark(self, engine: Engine, reader: Engine) -> None:
        if self.path is None:
            return
        with reader.connect() as conn:
            marked = conn.exec_driver_sql("PRAGMA application_id").scalar()
        if marked != APPLICATION_ID:
            _refuse_damaged(self.path)
            with engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")

    def ensure_guards(self, engine: Engine, reader: Engine) -> None:
        # Look without the write lock first: an open while another process writes must not
        # wait for it when the guards are already there (they nearly always are).
        with reader.connect() as conn:
            guards_missing = bool(changelog.missing_triggers(conn))
        if guards_missing:
            changelog.ensure_append_only(engine)

    def classify(self, exc: BaseException) -> errors.StorageError | None:
        return errors.classify_sqlite_error(exc, self.where)


def _backend_for(url: str) -> _Backend:
    if postgres.is_postgres_url(url):
        return postgres.PostgresServer(url)
    return _SqliteFile(url)


def _open(
    cls: type[Database],
    backend: _Backend,
    *,
    create: bool,
    migrate: bool,
    on_create: Callable[[Session], None] | None,
) -> Database:
    """The one opening sequence, on every backend (``Database.open``)."""
    engine, lock, is_new = backend.connect(create)
    try:
        db = cls(backend.url, engine, lock=lock)
    except BaseException:
        engine.dispose()
        if lock is not None:
            lock.release()
        raise
    db.opening = True
    try:
        backend.install(db)
        # Reading what the database is takes no write lock: opening a database another
        # process is writing to (an import) does not wait for it, and writes nothing
        # unless it must migrate.
        reader = engine.execution_options(**{READONLY_OPTION: True})
        if migrate:
            state = migrations.check_revision(reader)
            if state == "newer":
                raise errors.NewerDatabase(
                    f"{backend.where} was written by a newer AuditDesk; update AuditDesk to "
                    "open it",
                    backend.where,
                )
            if state == "foreign":
                raise errors.NotAnAuditDeskDatabase(
                    backend.foreign_text.format(where=backend.where), backend.where
                )
            if state == "behind":
                backend.before_upgrade(db)
            if state == "current":
                backend.check_structure(reader)
            if state in ("empty", "behind"):
                # Under the lock someone else may have made it first: then it is not new here.
                is_new = backend.migrate(engine, state) == "empty" or is_new
            backend.mark(engine, reader)
            backend.ensure_guards(engine, reader)
        if is_new and on_create is not None:
            with db.session() as session:
                on_create(session)
        db.created = is_new
        db.opening = False
        # No backup on open: the GUI alone starts the (daily) automatic one (backup.py).
    except BaseException as exc:
        engine.dispose()
        db.release_lock()
        mapped = None if isinstance(exc, errors.StorageError) else backend.classify(exc)
        if mapped is not None:
            raise mapped from exc
        raise
    return db


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
        return _open(cls, _backend_for(url), create=create, migrate=migrate, on_create=on_create)

    @contextmanager
    def session(self, user: str | None = None, *, readonly: bool = False) -> Iterator[Session]:
        """One transaction for one user action: commit on success, roll back on error.

        On SQLite it begins IMMEDIATE (waits its turn for the write lock, up to the busy
        timeout); ``readonly`` work begins deferred and never waits for a writer (it must not
        write). A record someone else saved meanwhile raises a conflict naming them
        (concurrency.py).
        """
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
            raise concurrency.conflict_from(exc, session, self.engine) from exc
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
