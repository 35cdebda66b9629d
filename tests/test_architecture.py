"""The architecture of STYLE.md, enforced: import-linter contracts, lint, packaging."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def test_import_contracts_hold():
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "broken" not in result.stdout.split("Contracts:")[-1].split("\n")[0]
        or "0 broken" in result.stdout
    )


def test_ruff_lint_is_clean():
    result = subprocess.run(
        [_tool("ruff"), "check", "auditdesk", "tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_imports_without_qt():
    """Everything below the UI imports in a process where PySide6 cannot be imported."""
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import pkgutil, importlib, auditdesk\n"
        "for m in pkgutil.walk_packages(auditdesk.__path__, 'auditdesk.'):\n"
        "    if m.name.startswith(('auditdesk.ui', 'auditdesk.bench')):\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


@pytest.mark.slow
def test_wheel_carries_resources_and_migrations(tmp_path):
    """`pip install .` must give a working app: resources/ and db/ travel inside the package."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("auditdesk-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "auditdesk/db/env.py" in names
    assert any(n.startswith("auditdesk/db/versions/0001") for n in names)
    assert "auditdesk/resources/standards/iso9001-2015.json" in names
    assert "auditdesk/resources/fonts/wqy-microhei.ttc" in names
    assert "auditdesk/resources/words/catalogue.json" in names
    assert any(
        n.startswith("auditdesk/resources/translations/") and n.endswith(".qm") for n in names
    )


def test_core_is_type_clean():
    """mypy with disallow_untyped_defs (pyproject.toml) over everything below the UI."""
    core = [
        "auditdesk/rules",
        "auditdesk/model",
        "auditdesk/storage",
        "auditdesk/services",
        "auditdesk/exchange",
        "auditdesk/exports",
        "auditdesk/catalogue.py",
    ]
    result = subprocess.run(
        [_tool("mypy"), "--no-incremental", *core], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_ruff_format_is_applied():
    """The whole tree is `ruff format`ted, so a diff shows only what changed in meaning."""
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", "auditdesk", "tests", "resources", "db"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_hypothesis_derandomized():
    """Under CI=true the suite loads the derandomized "ci" profile (tests/conftest.py)."""
    code = (
        "import os; os.environ['CI'] = 'true'; os.environ.pop('HYPOTHESIS_PROFILE', None)\n"
        "import tests.conftest\n"
        "from hypothesis import settings\n"
        "print(settings.default.derandomize, settings.default.database)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == ["True", "None"], result.stderr


def test_model_enums_are_the_rules_enums():
    """One definition each: the model re-exports the rules' enums (stored by value)."""
    from auditdesk import model
    from auditdesk.rules import events, nc_lifecycle, team

    assert model.TeamRole is team.TeamRole
    assert model.CertificateStatus is events.CertificateState
    assert model.NCState is nc_lifecycle.NCLifecycleState


def test_no_test_module_imports_another_test_module():
    """Shared test data lives in helper modules and fixtures: importing a test file runs (and
    collects) its tests twice and drags its imports, Qt included, into the importer."""
    import re

    offenders = []
    for path in (ROOT / "tests").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r"^\s*from tests\.[\w.]*\btest_\w+ import", source, re.M):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0).strip()}")
    assert offenders == []
