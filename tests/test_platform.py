"""Every branch of ``auditdesk.platform`` (Windows, macOS, Linux; source, frozen, portable),
taken on this machine by passing a ``Host`` — nothing is skipped for being on Linux."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from auditdesk import paths, platform
from auditdesk.platform import Host
from auditdesk.storage import dblock, errors

ROOT = Path(__file__).resolve().parents[1]


def host(system: str, tmp_path: Path, *, frozen: bool = False, **environ: str) -> Host:
    exe = tmp_path / "prog" / ("AuditDesk.exe" if system == "win32" else "AuditDesk")
    exe.parent.mkdir(parents=True, exist_ok=True)
    exe.write_bytes(b"")
    return Host(system=system, environ=environ, frozen=frozen, executable=exe, home=tmp_path)


# --- user data ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "environ", "expected"),
    [
        ("win32", {"APPDATA": "R"}, "R/AuditDesk"),
        ("win32", {}, "AppData/Roaming/AuditDesk"),
        ("darwin", {"XDG_DATA_HOME": "ignored"}, "Library/Application Support/AuditDesk"),
        ("linux", {"XDG_DATA_HOME": "X"}, "X/AuditDesk"),
        ("linux", {}, ".local/share/AuditDesk"),
        ("freebsd14", {}, ".local/share/AuditDesk"),
    ],
)
def test_the_data_folder_of_each_system(tmp_path, system, environ, expected):
    environ = {k: str(tmp_path / v) for k, v in environ.items()}
    h = host(system, tmp_path, **environ)
    assert platform.user_data_dir(h) == tmp_path / expected
    assert platform.default_database_path(h) == tmp_path / expected / "auditdesk.sqlite3"


@pytest.mark.parametrize("system", ["win32", "darwin", "linux"])
def test_a_portable_bundle_keeps_its_data_beside_the_program(tmp_path, system):
    h = host(system, tmp_path, frozen=True, APPDATA=str(tmp_path / "R"))
    assert platform.portable_data_dir(h) is None  # no marker: the installed bundle
    assert platform.user_data_dir(h) != tmp_path / "prog" / "data"
    (tmp_path / "prog" / platform.PORTABLE_MARKER).write_text("")
    assert platform.portable_data_dir(h) == tmp_path / "prog" / "data"
    assert platform.user_data_dir(h) == tmp_path / "prog" / "data"


def test_a_marker_beside_a_plain_python_is_not_portable(tmp_path):
    h = host("linux", tmp_path, frozen=False)
    (tmp_path / "prog" / platform.PORTABLE_MARKER).write_text("")
    assert platform.portable_data_dir(h) is None
    assert platform.user_data_dir(h) == tmp_path / ".local/share/AuditDesk"


def test_auditdesk_home_wins_over_everything(tmp_path):
    h = host("win32", tmp_path, frozen=True, AUDITDESK_HOME=str(tmp_path / "here"))
    (tmp_path / "prog" / platform.PORTABLE_MARKER).write_text("")
    assert platform.user_data_dir(h) == tmp_path / "here"


def test_the_running_host_is_read_at_each_call(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "R"))
    monkeypatch.delenv("AUDITDESK_HOME", raising=False)
    assert Host.current().windows and platform.is_windows()
    assert paths.user_data_dir() == tmp_path / "R" / "AuditDesk"  # the thin re-export
    monkeypatch.setattr(sys, "platform", "darwin")
    assert Host.current().macos and not platform.is_windows()


# --- resources, fonts --------------------------------------------------------------------------


def test_resources_of_a_checkout_or_wheel(tmp_path):
    h = host("linux", tmp_path)
    assert platform.resources_dir(h) in (
        ROOT / "resources",
        platform.PACKAGE_DIR / "resources",
    )
    assert (platform.migrations_dir(h) / "env.py").is_file()
    font = platform.cjk_font_path(h)
    assert font.name == platform.CJK_FONT_FILE and font.stat().st_size > 1_000_000
    assert paths.resource("words", "catalogue.json").is_file()


def test_resources_of_a_frozen_bundle_come_from_the_bundle(tmp_path):
    bundle = tmp_path / "_internal"
    (bundle / "auditdesk" / "resources" / "fonts").mkdir(parents=True)
    (bundle / "auditdesk" / "db").mkdir(parents=True)
    h = Host("win32", {}, frozen=True, executable=tmp_path / "a.exe", bundle_dir=bundle)
    assert platform.resources_dir(h) == bundle / "auditdesk" / "resources"
    assert platform.migrations_dir(h) == bundle / "auditdesk" / "db"
    assert platform.cjk_font_path(h) == bundle / "auditdesk/resources/fonts/wqy-microhei.ttc"
    # not frozen: a stray _MEIPASS is not looked at
    plain = Host("win32", {}, frozen=False, bundle_dir=bundle)
    assert platform.resources_dir(plain) != bundle / "auditdesk" / "resources"


def test_an_incomplete_installation_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(platform, "PACKAGE_DIR", tmp_path / "site" / "auditdesk")
    with pytest.raises(FileNotFoundError, match="incomplete: no 'resources' folder"):
        platform.resources_dir(host("linux", tmp_path))


@pytest.mark.parametrize(
    ("system", "own"),
    [("win32", "Microsoft YaHei UI"), ("darwin", ".AppleSystemUIFont"), ("linux", "Cantarell")],
)
def test_font_substitutes_name_this_systems_families(tmp_path, system, own):
    names = platform.font_substitutes("Noto Sans", host(system, tmp_path))
    assert names[0] == "Noto Sans" and own in names
    assert len(names) == len(set(names)) and "" not in names
    assert platform.CJK_FONT_FAMILY not in platform.font_substitutes(
        platform.CJK_FONT_FAMILY, host(system, tmp_path)
    )
    others = {"win32", "darwin", "linux"} - {system}
    for other in others:
        assert own not in platform.font_substitutes("", host(other, tmp_path))


# --- locks -------------------------------------------------------------------------------------


def test_posix_locks_conflict(tmp_path):
    h = host("linux", tmp_path)
    assert platform.locks_supported(h)
    a = os.open(tmp_path / "f.lock", os.O_RDWR | os.O_CREAT)
    b = os.open(tmp_path / "f.lock", os.O_RDWR)
    try:
        assert platform.try_lock(a, exclusive=False, host=h)
        assert platform.try_lock(b, exclusive=False, host=h)  # shared with shared
        assert not platform.try_lock(b, exclusive=True, host=h)  # not exclusive under a shared
    finally:
        os.close(a)
        os.close(b)


def test_windows_has_no_advisory_locks(tmp_path):
    h = host("win32", tmp_path)
    assert not platform.locks_supported(h) and platform.flock_module(h) is None
    fd = os.open(tmp_path / "f.lock", os.O_RDWR | os.O_CREAT)
    try:
        assert platform.try_lock(fd, exclusive=True, host=h)
    finally:
        os.close(fd)


def test_the_database_lock_on_each_system(tmp_path):
    db = tmp_path / "a.sqlite3"
    db.write_bytes(b"")
    with dblock.acquire_shared(db, host=host("linux", tmp_path)) as shared:
        assert shared.held
        with pytest.raises(errors.DatabaseInUse):
            dblock.acquire_exclusive(db, host=host("darwin", tmp_path))
        # Windows: no flock — the lock is a no-op (restore's replace fails there instead)
        with dblock.acquire_exclusive(db, host=host("win32", tmp_path)) as exclusive:
            assert not exclusive.held
    with dblock.acquire_exclusive(db, host=host("linux", tmp_path)) as exclusive:
        assert exclusive.held


# --- durability --------------------------------------------------------------------------------


def test_folders_are_fsynced_except_on_windows(tmp_path):
    missing = tmp_path / "gone"
    platform.fsync_dir(missing, host("win32", tmp_path))  # never opened on Windows
    with pytest.raises(FileNotFoundError):
        platform.fsync_dir(missing, host("linux", tmp_path))  # opened (and fsynced) elsewhere
    platform.fsync_dir(tmp_path, host("darwin", tmp_path))


# --- opening with the system -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "program"), [("darwin", "open"), ("linux", "xdg-open"), ("freebsd14", "xdg-open")]
)
def test_opening_runs_the_systems_opener(tmp_path, system, program):
    spawned: list[list[str]] = []
    platform.open_in_system(tmp_path, host(system, tmp_path), spawn=spawned.append)
    assert spawned == [[program, str(tmp_path)]]


def test_windows_opens_through_startfile(tmp_path):
    started: list[str] = []
    report = tmp_path / "r.pdf"
    report.write_bytes(b"%PDF")
    platform.open_folder_of(report, host("win32", tmp_path), startfile=started.append)
    assert started == [str(tmp_path)]
    assert platform.open_command(report, host("win32", tmp_path)) is None


def test_opening_a_missing_path_or_without_a_program_says_so(tmp_path):
    with pytest.raises(FileNotFoundError):
        platform.open_in_system(tmp_path / "gone", host("linux", tmp_path), spawn=print)

    def no_program(_command):
        raise FileNotFoundError("xdg-open")

    with pytest.raises(platform.CannotOpen):
        platform.open_in_system(tmp_path, host("linux", tmp_path), spawn=no_program)


def test_a_real_opener_process_gets_the_path(tmp_path, monkeypatch):
    """The default spawn starts a real, detached process (a stand-in ``xdg-open`` on PATH)."""
    if platform.is_windows():
        pytest.skip("the POSIX opener is tested here; Windows' startfile above")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "seen.txt"
    opener = bin_dir / ("open" if sys.platform == "darwin" else "xdg-open")
    opener.write_text(f'#!/bin/sh\nprintf %s "$1" > "{seen}.tmp" && mv "{seen}.tmp" "{seen}"\n')
    opener.chmod(opener.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    target = tmp_path / "報告 1.docx"
    target.write_bytes(b"")
    platform.open_in_system(target)
    deadline = time.monotonic() + 20
    while not seen.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert seen.read_text() == str(target)


# --- frozen programs ---------------------------------------------------------------------------


def test_a_worker_is_python_m_or_the_frozen_program_itself(tmp_path):
    plain = host("linux", tmp_path)
    assert platform.worker_command("auditdesk.ui.worker_process", plain) == [
        str(plain.executable),
        "-m",
        "auditdesk.ui.worker_process",
    ]
    frozen = host("win32", tmp_path, frozen=True)
    assert platform.worker_command("auditdesk.ui.worker_process", frozen) == [
        str(frozen.executable),
        "--worker-process",
    ]


@pytest.mark.parametrize(("system", "sep"), [("win32", ";"), ("linux", ":"), ("darwin", ":")])
def test_the_worker_finds_this_checkout_first(tmp_path, system, sep):
    env = platform.child_environment(host(system, tmp_path, PYTHONPATH=f"a{sep}b", KEEP="1"))
    assert env["PYTHONPATH"] == sep.join([str(platform.PACKAGE_DIR.parent), "a", "b"])
    assert env["KEEP"] == "1"
    assert platform.child_environment(host(system, tmp_path))["PYTHONPATH"] == str(
        platform.PACKAGE_DIR.parent
    )


def test_the_platform_module_imports_only_the_standard_library():
    import ast

    tree = ast.parse(Path(platform.__file__).read_text(encoding="utf-8"))
    names = {
        a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    names |= {
        n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
    }
    assert names and names <= set(sys.stdlib_module_names), names - set(sys.stdlib_module_names)
