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


def _mypy_allow_list(pyproject: dict) -> list[str]:
    """The modules of the ``ignore_errors`` override in pyproject.toml (the allow-list)."""
    for override in pyproject["tool"]["mypy"].get("overrides", []):
        if override.get("ignore_errors"):
            return list(override["module"])
    return []


def _module_of(path: str) -> str:
    parts = list(Path(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def mypy_errors_by_module(tmp_path: Path) -> tuple[dict[str, int], list[str], str]:
    """mypy over all of ``auditdesk`` with pyproject's settings but WITHOUT the allow-list:
    (errors per module, the allow-list, mypy's output)."""
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    allowed = _mypy_allow_list(pyproject)
    config = dict(pyproject["tool"]["mypy"])
    overrides = [o for o in config.pop("overrides", []) if not o.get("ignore_errors")]
    lines = ["[mypy]"] + [f"{k} = {_ini(v)}" for k, v in config.items() if k != "packages"]
    for o in overrides:
        lines.append(f"[mypy-{','.join(o['module'])}]")
        lines += [f"{k} = {_ini(v)}" for k, v in o.items() if k != "module"]
    ini = tmp_path / "mypy.ini"
    ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [_tool("mypy"), "--no-incremental", "--config-file", str(ini), "auditdesk"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    counts: dict[str, int] = {}
    for line in result.stdout.splitlines():
        head, sep, rest = line.partition(": error:")
        if sep and head.endswith(tuple("0123456789")):
            module = _module_of(head.split(":")[0])
            counts[module] = counts.get(module, 0) + 1
    assert result.returncode in (0, 1), result.stdout[-2000:] + result.stderr[-2000:]
    return counts, allowed, result.stdout


def _ini(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return ",".join(map(str, value))
    return str(value)


@pytest.mark.slow  # one mypy run over the whole package: 17-35 s on the 2-core machine
def test_mypy_allow_list_only_shrinks(tmp_path):
    """mypy is clean over all of ``auditdesk`` except the allow-listed modules of pyproject.toml,
    and each of those still has errors (a module that became clean must leave the list)."""
    counts, allowed, output = mypy_errors_by_module(tmp_path)
    outside = {m: n for m, n in counts.items() if m not in allowed}
    assert not outside, "mypy errors outside the allow-list:\n" + "\n".join(
        line for line in output.splitlines() if _module_of(line.split(":")[0]) in outside
    )
    clean = [m for m in allowed if m not in counts]
    assert not clean, f"clean now, take them off the allow-list in pyproject.toml: {clean}"


def test_mypy_allow_list_check_sees_an_error(tmp_path):
    """The reader of mypy's output finds an error in a module (so the test above can fail)."""
    assert _module_of("auditdesk/ui/labels.py") == "auditdesk.ui.labels"
    assert _module_of("auditdesk/ui/nc/__init__.py") == "auditdesk.ui.nc"
    import tomllib

    allowed = _mypy_allow_list(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8")))
    assert "auditdesk.ui.labels" not in allowed and len(allowed) <= 17


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


def test_only_the_ui_package_names_pyside6():
    """import-linter guards the layers below the UI; the benchmark harness and the CLI are
    allowed to start the UI, but even they reach Qt only through ``auditdesk.ui`` (a direct
    ``PySide6`` import there was found at stop 23)."""
    import ast

    offenders = []
    for path in sorted((ROOT / "auditdesk").rglob("*.py")):
        if (ROOT / "auditdesk" / "ui") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"PySide6 imported outside auditdesk/ui: {offenders}"


# Screens ask the services for what they show (issue 18 point 2). No file below builds a
# query itself any more; the list only shrinks (it was the planning dialog at stop 24).
UI_FILES_THAT_STILL_QUERY: set[str] = set()


def test_ui_code_builds_no_queries():
    """No module under ``auditdesk/ui`` imports SQLAlchemy's query builders (``select``,
    ``func``, ``text``, ``update``, ``delete``, ``insert``): the services do the data work."""
    import ast

    builders = {"select", "func", "text", "update", "delete", "insert", "and_", "or_"}
    offenders = set()
    for path in sorted((ROOT / "auditdesk" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
                if any(a.name in builders for a in node.names):
                    offenders.add(path.relative_to(ROOT).as_posix())
    assert offenders <= UI_FILES_THAT_STILL_QUERY, sorted(offenders - UI_FILES_THAT_STILL_QUERY)
    assert UI_FILES_THAT_STILL_QUERY <= offenders, "a file stopped querying: shrink the list"
    assert (
        "select" in builders
    )  # what the walk looks for (a walk that finds nothing proves nothing)
