"""Shared fixtures: a fresh migrated AuditDesk database per test (real SQLite file).

Migrating and seeding a new SQLite file takes 0.6-1.8 s, so it is done ONCE per test session
(``sqlite_template``) and every test gets its own byte copy of that file, as the PostgreSQL
variant copies a template database (tests/pg_server.py). A test that is about creating a
database (migrations, ``open_database(..., create=True)`` on a new path) does not use the
``database`` fixture and still starts from an empty file.

``AUDITDESK_NO_QT=1`` runs the suite as on a machine without PySide6: Qt cannot be imported
and tests/ui is not collected (the core must not need Qt; see README, Testing).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from auditdesk.services.demo import DemoSummary

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NO_QT = os.environ.get("AUDITDESK_NO_QT", "").lower() in ("1", "true", "yes")
if NO_QT:
    # ``import PySide6`` now raises ImportError, as where it is not installed.
    for _name in ("PySide6", "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "pytestqt"):
        sys.modules[_name] = None  # type: ignore[assignment]
    collect_ignore = ["ui"]


def pytest_addoption(parser):
    if NO_QT:  # pytest-qt is not loaded (-p no:pytest-qt): its ini key must still be accepted
        parser.addini("qt_api", "ignored under AUDITDESK_NO_QT=1")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    if NO_QT and config.pluginmanager.has_plugin("pytest-qt"):
        raise pytest.UsageError(
            "AUDITDESK_NO_QT=1 runs without Qt: add -p no:pytest-qt "
            "(pytest-qt imports PySide6 when it starts)"
        )


# Hypothesis: CI must be reproducible, so a random fuzz find can never decide whether a
# submission lands. Under CI=true the "ci" profile is derandomized (the same examples on every
# run, no example database) and explores more; locally the "dev" profile stays random, which is
# where new failures are meant to be found. HYPOTHESIS_PROFILE picks one explicitly.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,
    max_examples=200,
)
settings.register_profile("dev", deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev")
)


# Tests marked ``slow`` here (measured with --durations on the 2-core machine, seconds per
# run of the test, all parameters): ``pytest -m "not slow"`` leaves them out while working; CI
# runs everything. One list instead of a decorator in each file, so the figures sit together.
SLOW = {
    "ui/test_app_ui.py::test_demo_data_loaded_in_the_background_when_accepted",  # 68 s
    "exchange/test_excel_import.py::"
    "test_three_hundred_rows_import_once_and_reimport_changes_nothing",  # 42 s
    "exchange/test_fuzz.py",  # 95 s for the file (hypothesis, 120-200 examples per test)
    "exchange/test_nc_numbers.py::test_an_issued_nc_keeps_its_number_and_the_draft_moves",  # 20 s
    "exchange/test_nc_numbers.py::test_three_laptops_get_three_numbers",  # 16 s
    "exchange/test_nc_numbers.py::"
    "test_two_laptops_raise_the_same_number_and_the_office_keeps_both",  # 15 s
    "exports/test_documents.py::test_libreoffice_converts_each_word_document",  # 3 x 10 s
    "exports/test_report_render.py::test_libreoffice_converts_the_docx_report",  # 3 x 5 s
    "ui/test_worker_process.py::"
    "test_report_pdf_from_the_documents_dialog_is_written_by_a_worker_process",  # 9 s
    "ui/test_documents.py::test_workspace_documents_exports_the_report_as_word_and_pdf",  # 8 s
    # Measured 2026-12-03 on the shared machine (load 4-5 on 2 cores; wall, both backends):
    "services/test_demo.py",  # 117 s for the file: the full demo (13 s of CPU) and a second one
    "exports/test_cnca_monthly.py",  # 29 s: reads the full demo (built once per run)
    "exports/test_report_linebreak.py::test_flagship_zh_pdf_obeys_chinese_line_breaking",  # 19 s
    "exports/test_report_verify.py",  # 40 s for 9 tests: each issues and exports a report
    "storage/test_changelog.py::"
    "test_autosaves_of_a_long_text_log_the_edit_not_the_whole_text_twice",  # 33 s + 9 s
    "cli/test_users.py::test_demo_into_a_new_file_needs_no_one_and_prints_the_demo_passwords",  # 24
    "cli/test_users.py::test_init_then_a_day_one_in_a_real_process",  # 13 s, child processes
    "cli/test_users.py::test_admin_manages_users_from_the_cli",  # 13 s, scrypt per sign-in
    "cli/test_cli.py::test_every_register_lists_from_the_demo",  # 12 s: `auditdesk demo` first
    "cli/test_export.py::test_issue_records_the_revision_and_the_file_hash",  # 11 s
    "exchange/test_causal_machine.py",  # 20 s, hypothesis state machine
    "exchange/test_nc_numbers.py::"
    "test_the_cli_says_which_nc_moved_and_whether_the_client_has_the_old_number",  # 10 s + 9 s
    "services/test_programme_service.py::"
    "test_fast_fact_path_gives_the_programmes_of_the_orm_objects",  # 18 s + 8 s
    "services/test_coverage.py::test_surveillance_must_cover_items_are_flagged_until_sampled",  # 12
    "services/test_user_management.py::test_an_admin_reset_lifts_the_lock",  # 11 s + 10 s, scrypt
    "services/test_user_management.py::"
    "test_five_failures_lock_the_name_then_the_lock_expires_and_grows",  # 10 s + 10 s, scrypt
    "postgres/test_packages_central.py::"
    "test_laptop_package_merges_into_the_central_database_with_its_conflict",  # 13 s
    "postgres/test_two_users.py::test_many_writers_at_once_keep_one_chain",  # 10 s
    "test_fonts.py::test_the_font_draws_every_character_of_the_list",  # 12 s
    "test_wiring.py::test_imports_install_nothing_and_opening_installs_the_listeners",  # 11 s
}


def pytest_collection_modifyitems(config, items):
    tests_dir = Path(__file__).parent
    for item in items:
        rel = (
            item.path.relative_to(tests_dir).as_posix()
            if item.path.is_relative_to(tests_dir)
            else ""
        )
        name = item.originalname if hasattr(item, "originalname") else item.name
        if rel in SLOW or f"{rel}::{name}" in SLOW:
            item.add_marker(pytest.mark.slow)


# The storage, services, exchange and change-log tests run on both backends: every test there
# that uses ``db_url`` (directly or through ``database``/``session``) runs as [sqlite] and
# [postgres]. The PostgreSQL server is a throwaway one (tests/pg_server.py), one per session.
BOTH_BACKENDS = ("storage", "services", "exchange", "postgres")
# Tests about SQLite files themselves (file backups, PRAGMAs, tampering with the file);
# tests/postgres has the PostgreSQL counterparts.
SQLITE_ONLY_FILES = {
    "test_backup.py",
    "test_integrity.py",
    "test_tamper.py",
    "test_damaged_open.py",
}
SQLITE_ONLY_TESTS = {
    "test_changelog.py::test_a_changed_byte_is_found_at_its_row",
    "test_changelog.py::test_a_removed_row_breaks_the_link",
}


def pytest_generate_tests(metafunc):
    if "db_url" not in metafunc.fixturenames:
        return
    path = metafunc.definition.path
    layer = path.parent.name
    sqlite_only = (
        path.name in SQLITE_ONLY_FILES
        or f"{path.name}::{metafunc.definition.name}" in SQLITE_ONLY_TESTS
    )
    if path.parent.parent.name == "tests" and layer in BOTH_BACKENDS and not sqlite_only:
        backends = ["postgres"] if layer == "postgres" else ["sqlite", "postgres"]
        metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request):
    """'sqlite' or 'postgres' (parametrised for the layers in BOTH_BACKENDS)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    """One throwaway PostgreSQL server for the whole run, with a template database at head."""
    from tests.pg_server import NoPostgres, PgServer, in_ci

    try:
        server = PgServer()
    except NoPostgres as exc:
        if in_ci():
            pytest.fail(f"CI=true but {exc}", pytrace=False)
        pytest.skip(str(exc))
    try:
        server.build_template()
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_url(request, backend, tmp_path, monkeypatch):
    if backend == "postgres":
        server = request.getfixturevalue("pg_server")
        name = server.fresh_database()
        # A server database keeps attachment files in a configured folder, not beside a file.
        monkeypatch.setenv("AUDITDESK_FILES", str(tmp_path / "files"))
        yield server.url(name)
        server.drop_database(name)
        return
    yield f"sqlite:///{tmp_path / 'auditdesk.sqlite3'}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One SQLite file made exactly as the app makes a new database (migrated to head, standards
    library, system user, search index), closed, for the tests to copy."""
    from auditdesk.services.setup import open_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = open_database(f"sqlite:///{path}", create=True)
    db.close()
    # Closing the last connection checkpoints the WAL into the file: the file alone is complete.
    assert not path.with_name(path.name + "-wal").exists()
    return path


def copy_of_template(template: Path, url: str):
    """A ``Database`` on a byte copy of the template at ``url``'s path, in the state
    ``open_database(url, create=True)`` leaves a new file in (``created`` set, no open-time
    backup scheduled: a new database has nothing to back up). A template with attachments
    (a built demo audit, tests/exports/conftest.py) has its store folder copied beside it."""
    from auditdesk.services.search import ensure_search_index
    from auditdesk.services.setup import install
    from auditdesk.storage.attachments import AttachmentStore
    from auditdesk.storage.database import Database, make_engine, sqlite_path

    path = sqlite_path(url)
    assert path is not None and not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    files = AttachmentStore.beside(template).root
    if files.is_dir():
        shutil.copytree(files, AttachmentStore.beside(path).root)
    db = Database(url, make_engine(url))
    ensure_search_index(db.engine)  # the same steps as services.setup.open_database
    install(db)
    db.created = True
    return db


@dataclass(frozen=True)
class BuiltDemo:
    """The demo CB register built once: a closed SQLite file (its attachment store beside it)
    and what ``build_demo`` reported. Copy the file (``open_copy``); never open it in place."""

    path: Path
    summary: DemoSummary

    def open_copy(self, path: Path):
        """A ``Database`` on a fresh copy of the built demo at ``path``; close it after use."""
        return copy_of_template(self.path, f"sqlite:///{path}")


@pytest.fixture(scope="session")
def built_demo(sqlite_template, tmp_path_factory):
    """Factory: ``built_demo(today)`` is ``services.demo.build_demo(s, today=today)`` run once
    per run and date into a copy of the template (13 s of CPU each time; several modules read
    the same demo). Returns a ``BuiltDemo``; its ``summary`` is the caller's own copy."""
    from auditdesk.services.demo import build_demo

    built: dict[dt.date, BuiltDemo] = {}

    def make(today: dt.date) -> BuiltDemo:
        if today not in built:
            path = tmp_path_factory.mktemp(f"demo-{today.isoformat()}") / "demo.sqlite3"
            db = copy_of_template(sqlite_template, f"sqlite:///{path}")
            try:
                with db.session() as s:
                    summary = build_demo(s, today=today)
            finally:
                db.close()
            assert not path.with_name(path.name + "-wal").exists()
            built[today] = BuiltDemo(path, summary)
        return replace(built[today], summary=copy.deepcopy(built[today].summary))

    return make


@pytest.fixture
def new_sqlite_database(sqlite_template):
    """Factory: ``new_sqlite_database(path)`` is a new database at ``path`` (a copy of the
    template), for tests that need a second one (a laptop beside the office)."""
    opened = []

    def make(path):
        db = copy_of_template(sqlite_template, f"sqlite:///{path}")
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


@pytest.fixture
def database_template(sqlite_template) -> Path:
    """The SQLite file ``database`` copies: the new database the app makes. A folder's conftest
    may give a richer one (tests/exports: the built demo audit, when the test asks for it)."""
    return sqlite_template


@pytest.fixture
def database(request, db_url, backend):
    """A new database with the standards library and the system user, as the app creates it."""
    if backend == "sqlite":
        db = copy_of_template(request.getfixturevalue("database_template"), db_url)
    else:  # already a copy of the server's template database (pg_server.fresh_database)
        from auditdesk.services.setup import open_database

        db = open_database(db_url, create=True)
    yield db
    db.close()


@pytest.fixture
def session(database):
    """A session acting as the built-in system (admin) user, committed at the end of the test."""
    with database.session() as s:
        yield s
