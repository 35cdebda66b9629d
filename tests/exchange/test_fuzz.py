"""Fuzzing the importers: malformed workbooks and packages end in a typed error with a message
or a clean import — never another exception, never a partial write."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditdesk.exchange.errors import (
    ExchangeError,
    ImportRejected,
    PackageRefused,
    WorkbookUnreadable,
)
from auditdesk.exchange.excel_import import CERTIFICATE_COLUMNS, import_workbook
from auditdesk.exchange.package import export_package, import_package
from auditdesk.services.setup import open_database
from tests.exchange.conftest import write_xlsx
from tests.exchange.package_helpers import build_office, everything

# Two health checks are suppressed, each on purpose; every other one stays on:
# - function_scoped_fixture: ``fuzz_db``/``tmp_path`` are shared by all examples of a test ON
#   PURPOSE — a rejected input must leave that one database unchanged (checked per example),
#   and a fresh database per example would cost a second each;
# - too_slow: each example writes a real workbook or package and runs a real import.
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HEADERS = (
    [c.zh for c in CERTIFICATE_COLUMNS]
    + [c.en for c in CERTIFICATE_COLUMNS]
    + ["备注", "", "Notes"]
)
TOKENS = [
    "ISO 9001",
    "GB/T19001-2016/ISO9001:2015",
    "iso14001",
    "ISO 45001:2018",
    "ＩＳＯ９００１",
    "有效",
    "暂停",
    "suspended",
    "2026-03-15",
    "2026/3/15",
    "2026年3月15日",
    "2026-02-30",
    "20260315",
    "914403001922038216",
    "91110000600037341L",
    "914403001922038217",
    "１２０",
    "-5",
    "19.05.01，29.10.00",
    "CNCA-QMS-01:2025",
    "深圳市示例科技有限公司",
    " ",
    "#N/A",
    "=1+1",
    "\u200b",
    "x" * 300,
]
cells = st.one_of(
    st.none(),
    st.sampled_from(TOKENS),
    st.text(max_size=40),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
)


def _clean_cell(v):
    # openpyxl refuses control characters when writing; real files cannot hold them either.
    if isinstance(v, str):
        return "".join(ch for ch in v if ch >= " " or ch in "\t\n")
    return v


@pytest.fixture
def fuzz_db(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'fuzz.sqlite3'}", create=True)
    yield db
    db.close()


def _import_or_typed_error(db, path, kind="certificates"):
    before = everything(db)
    try:
        with db.session() as s:
            import_workbook(s, path, kind)
    except (ImportRejected, WorkbookUnreadable) as exc:
        assert str(exc)
        assert everything(db) == before, "a rejected import wrote something"


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=12, unique=True),
    rows=st.lists(st.lists(cells, max_size=14), max_size=8),
)
def test_workbooks_with_random_headers_and_values(fuzz_db, tmp_path, header, rows):
    path = write_xlsx(tmp_path / "f.xlsx", [header] + [[_clean_cell(v) for v in r] for r in rows])
    _import_or_typed_error(fuzz_db, path)


@pytest.fixture(scope="module")
def good_workbook_bytes(tmp_path_factory):
    head = [c.zh for c in CERTIFICATE_COLUMNS]
    row = [
        "F-1",
        "甲公司",
        "914403001922038216",
        "ISO 9001",
        "范围",
        "2026-03-15",
        "",
        "",
        10,
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    return write_xlsx(tmp_path_factory.mktemp("wb") / "good.xlsx", [head, row])


@FUZZ
@given(data=st.data())
def test_damaged_workbook_bytes(fuzz_db, tmp_path, good_workbook_bytes, data):
    raw = bytearray(good_workbook_bytes.read_bytes())
    how = data.draw(st.sampled_from(["flip", "cut", "random", "insert"]))
    if how == "flip":
        for pos in data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=8)):
            raw[pos] ^= data.draw(st.integers(1, 255))
    elif how == "cut":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif how == "insert":
        pos = data.draw(st.integers(0, len(raw)))
        raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=64))
    else:
        raw = bytearray(data.draw(st.binary(max_size=2000)))
    path = tmp_path / "d.xlsx"
    path.write_bytes(bytes(raw))
    _import_or_typed_error(fuzz_db, path)


@pytest.fixture(scope="module")
def good_package(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    db = open_database(f"sqlite:///{folder / 'office.sqlite3'}", create=True)
    _, audit_id, _ = build_office(db)
    out = folder / "p.adpkg"
    with db.session() as s:
        export_package(s, [audit_id], out)
    db.close()
    return out


def _package_or_typed_error(db, path):
    before = everything(db)
    try:
        with db.session() as s:
            import_package(s, path)
    except PackageRefused as exc:
        assert str(exc) and exc.reason
        assert everything(db) == before, "a refused package wrote something"


@FUZZ
@given(data=st.data())
def test_damaged_package_bytes(fuzz_db, tmp_path, good_package, data):
    raw = bytearray(good_package.read_bytes())
    how = data.draw(st.sampled_from(["flip", "cut", "insert"]))
    if how == "flip":
        for pos in data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=6)):
            raw[pos] ^= data.draw(st.integers(1, 255))
    elif how == "cut":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    else:
        pos = data.draw(st.integers(0, len(raw)))
        raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=64))
    path = tmp_path / "m.adpkg"
    path.write_bytes(bytes(raw))
    _package_or_typed_error(fuzz_db, path)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(data=st.data())
def test_malformed_manifests(fuzz_db, tmp_path, good_package, data):
    import json

    with zipfile.ZipFile(good_package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        others = {n: zf.read(n) for n in zf.namelist() if n != "manifest.json"}
    target = data.draw(st.sampled_from(["top", "changes", "register", "entry", "replace"]))
    changes = manifest["changes"]
    if target == "replace":
        manifest = data.draw(json_values)
    elif target == "top":
        manifest[data.draw(st.sampled_from(sorted(manifest)))] = data.draw(json_values)
    elif target == "changes":
        changes[data.draw(st.sampled_from(sorted(changes)))] = data.draw(json_values)
    else:
        reg = changes["registers"][data.draw(st.integers(0, len(changes["registers"]) - 1))]
        if target == "register":
            reg[data.draw(st.sampled_from(["key", "seen", "siblings"]))] = data.draw(json_values)
        else:
            entry = reg["siblings"][0]
            entry[data.draw(st.sampled_from(["dot", "value", "author", "at", "covers"]))] = (
                data.draw(json_values)
            )
    buf = tmp_path / "j.adpkg"
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for n, b in others.items():
            zf.writestr(n, b)
    _package_or_typed_error(fuzz_db, buf)


def test_typed_errors_are_exchange_errors():
    assert issubclass(PackageRefused, ExchangeError) and issubclass(ImportRejected, ExchangeError)


@pytest.mark.parametrize("version", [20, 84])
def test_zip_of_an_unknown_version_is_refused_not_raised(
    fuzz_db, tmp_path, good_workbook_bytes, good_package, version
):
    """Found by the fuzzer: a central directory asking for zip version 8.4 made zipfile raise
    NotImplementedError; both importers now refuse such files with their typed error."""
    for src, check in (
        (good_workbook_bytes, _import_or_typed_error),
        (good_package, _package_or_typed_error),
    ):
        data = bytearray(src.read_bytes())
        pos = data.find(b"PK\x01\x02")
        data[pos + 6] = version  # "version needed to extract"
        bad = tmp_path / f"v{version}{src.suffix}"
        bad.write_bytes(bytes(data))
        check(fuzz_db, bad)
