"""A throwaway PostgreSQL server for the tests: ``initdb`` + ``pg_ctl`` in a temporary folder.

One server per test session, one database per test: the first test builds a template
database at head (migrated, standards loaded, search index made) and every test gets a
``CREATE DATABASE ... TEMPLATE`` copy of it, which takes milliseconds.

The server listens on a Unix socket in its temporary folder only (``listen_addresses=''``),
so it never competes for a TCP port with another cluster on the machine (such as the one
Debian's ``postgresql`` package starts). ``initdb`` refuses to run as root: as root the
server runs as the system user ``auditdesk_pg`` (made with ``useradd`` when missing).

Binaries are found via ``$AUDITDESK_TEST_PG_BINDIR``, else ``pg_config --bindir``,
``/usr/lib/postgresql/*/bin`` or ``PATH``.
Without them the PostgreSQL variants are skipped with that reason, except under ``CI=true``,
where a missing server fails the run instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SERVICE_USER = "auditdesk_pg"
SUPERUSER = "auditdesk"
TEMPLATE = "auditdesk_template"


class NoPostgres(Exception):
    """No PostgreSQL server binaries on this machine."""


def find_bindir() -> Path | None:
    override = os.environ.get("AUDITDESK_TEST_PG_BINDIR")  # pick one of several installed versions
    if override:
        candidates = [Path(override)]
        return (
            candidates[0]
            if all((candidates[0] / t).is_file() for t in ("initdb", "pg_ctl", "postgres"))
            else None
        )
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            ).stdout
            candidates.append(Path(out.strip()))
        except (OSError, subprocess.CalledProcessError):
            pass
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file() and (c / "postgres").is_file():
            return c
    return None


def _free_port() -> int:
    # Only names the socket file (.s.PGSQL.<port>); the server opens no TCP port.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise NoPostgres(
                "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found via "
                "pg_config --bindir, /usr/lib/postgresql/*/bin or PATH; "
                "install Debian's 'postgresql' package to run the PostgreSQL variants"
            )
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        self._reap_orphans()
        self.root = Path(tempfile.mkdtemp(prefix="adpg-"))
        (self.root / "owner.pid").write_text(str(os.getpid()), encoding="ascii")
        self.data = self.root / "data"
        self.port = _free_port()
        self.started = False
        if self.as_root:
            self._ensure_service_user()
            shutil.chown(self.root, SERVICE_USER, SERVICE_USER)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        # Everyone on the socket may try; only the test superuser is trusted, others need a
        # password (the auth-failure tests use that).
        (self.data / "pg_hba.conf").write_text(
            f"local all {SUPERUSER} trust\nlocal all all scram-sha-256\n", encoding="utf-8"
        )
        if self.as_root:
            shutil.chown(self.data / "pg_hba.conf", SERVICE_USER, SERVICE_USER)
        opts = (
            f"-p {self.port} -k {self.root} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
            "-c shared_buffers=64MB"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            opts,
            "-w",
            "-t",
            "60",
            "start",
        )
        self.started = True

    def _reap_orphans(self) -> None:
        """Stop servers left behind by test runs that died (a crash skips the fixture's stop)."""
        for owner in Path(tempfile.gettempdir()).glob("adpg-*/owner.pid"):
            try:
                pid = int(owner.read_text(encoding="ascii"))
                os.kill(pid, 0)
                continue  # its test run is still going
            except ProcessLookupError:
                pass
            except (OSError, ValueError):
                continue
            data = owner.parent / "data"
            if (data / "postmaster.pid").exists():
                try:
                    self._run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
                except RuntimeError:
                    continue
            shutil.rmtree(owner.parent, ignore_errors=True)

    def _ensure_service_user(self) -> None:
        if subprocess.run(["id", "-u", SERVICE_USER], capture_output=True).returncode != 0:
            subprocess.run(
                [
                    "useradd",
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    SERVICE_USER,
                ],
                check=True,
                capture_output=True,
            )

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bindir / tool), *args]
        if self.as_root:
            cmd = ["runuser", "-u", SERVICE_USER, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd="/")
        if result.returncode != 0:
            log = getattr(self, "root", Path("/nonexistent")) / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"{tool} failed ({result.returncode}): {result.stderr or result.stdout}\n{tail}"
            )

    def url(self, dbname: str, user: str = SUPERUSER, password: str | None = None) -> str:
        cred = user + (f":{password}" if password else "")
        return f"postgresql+psycopg://{cred}@/{dbname}?host={self.root}&port={self.port}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) on ``postgres``."""
        import psycopg

        with psycopg.connect(
            host=str(self.root), port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def build_template(self) -> None:
        """The database every test copies: migrated to head and filled as the app fills a new one."""
        from auditdesk.services.setup import open_database

        self.admin(f'CREATE DATABASE "{TEMPLATE}"')
        db = open_database(self.url(TEMPLATE), create=True)
        db.close()

    def fresh_database(self, name: str | None = None) -> str:
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.started:
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except RuntimeError:
                pass
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"
