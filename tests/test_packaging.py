"""The bundle's platform branches (auditdesk/paths.py, ui/jobs.py) and the packaging files.

The bundle itself is built and started by ``packaging/build.sh`` in ``.ci/run``; these tests
cover the code paths that only a frozen program takes, on any machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from auditdesk import paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def frozen(monkeypatch, tmp_path):
    """Pretend to be the PyInstaller program at tmp_path/AuditDesk."""
    exe = tmp_path / "AuditDesk"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv("AUDITDESK_HOME", raising=False)
    return tmp_path


def test_portable_mode_keeps_data_beside_the_program(frozen):
    (frozen / paths.PORTABLE_MARKER).write_text("")
    assert paths.user_data_dir() == frozen / "data"
    assert paths.default_database_path() == frozen / "data" / "auditdesk.sqlite3"


def test_an_installed_bundle_uses_the_users_data_folder(frozen, monkeypatch):
    monkeypatch.setenv("APPDATA", str(frozen / "Roaming"))
    monkeypatch.setenv("XDG_DATA_HOME", str(frozen / "share"))
    assert paths.portable_data_dir() is None
    assert paths.user_data_dir() in (
        frozen / "Roaming" / "AuditDesk",
        frozen / "share" / "AuditDesk",
    )


def test_not_frozen_is_never_portable(monkeypatch, tmp_path):
    exe_dir = tmp_path / "bin"
    exe_dir.mkdir()
    (exe_dir / paths.PORTABLE_MARKER).write_text("")  # a marker beside a plain Python
    monkeypatch.setattr(sys, "frozen", False, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "python3"))
    assert paths.portable_data_dir() is None


def test_auditdesk_home_wins_over_portable(frozen, monkeypatch):
    (frozen / paths.PORTABLE_MARKER).write_text("")
    monkeypatch.setenv("AUDITDESK_HOME", str(frozen / "elsewhere"))
    assert paths.user_data_dir() == frozen / "elsewhere"


@pytest.mark.parametrize(
    ("platform", "folder"),
    [("win32", "Roaming"), ("linux", "share"), ("darwin", "Library/Application Support")],
)
def test_the_data_folder_of_each_platform(monkeypatch, tmp_path, platform, folder):
    monkeypatch.delenv("AUDITDESK_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    assert paths.user_data_dir() == tmp_path / folder / "AuditDesk"


def test_a_frozen_gui_starts_its_worker_as_itself(frozen):
    pytest.importorskip("PySide6")
    from auditdesk.ui.jobs import worker_command

    command, _env = worker_command()
    assert command == [sys.executable, "--worker-process"]


def test_the_entry_point_dispatches_the_worker(monkeypatch):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import entry
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    called = []
    monkeypatch.setattr(sys, "argv", ["AuditDesk", "--worker-process"])
    import auditdesk.ui.worker_process as wp

    monkeypatch.setattr(wp, "main", lambda: called.append("worker") or 0)
    assert entry.main() == 0 and called == ["worker"]
    monkeypatch.setattr(sys, "argv", ["auditdesk-cli", "--version"])
    with pytest.raises(SystemExit) as done:
        entry.main()
    assert done.value.code == 0


def test_the_spec_ships_resources_and_migrations():
    spec = (ROOT / "packaging" / "auditdesk.spec").read_text(encoding="utf-8")
    assert '"auditdesk/resources"' in spec and '"auditdesk/db"' in spec
    assert "COLLECT(" in spec and "onefile" not in spec.lower()
    iss = (ROOT / "packaging" / "windows" / "installer.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss and "{localappdata}" in iss
