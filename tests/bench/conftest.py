"""A tiny reference dataset (scale 0.001), made once per test session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditdesk.bench.generator import generate

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("bench") / "tiny.sqlite3"
    generate(db, 0.001, seed=7, today=TODAY)
    return db
