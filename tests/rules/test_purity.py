"""auditdesk.rules uses the standard library only (STYLE.md): no third-party imports at all."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import auditdesk.rules

RULES_DIR = Path(auditdesk.rules.__file__).parent


def imported_top_level_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_rules_import_only_the_standard_library_and_themselves() -> None:
    offenders = {}
    for path in sorted(RULES_DIR.glob("*.py")):
        outside = {
            m for m in imported_top_level_modules(path) if m not in sys.stdlib_module_names
        } - {"auditdesk"}
        if outside:
            offenders[path.name] = sorted(outside)
    assert offenders == {}


def test_rules_import_no_other_auditdesk_layer() -> None:
    for path in sorted(RULES_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("auditdesk")
            ):
                assert node.module.startswith("auditdesk.rules"), (path.name, node.module)
