"""Hostile packages found by attack and by fuzzing: refused with a typed error before any
work, nothing written, no decrypted data left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from auditdesk.exchange import crypto
from auditdesk.exchange.errors import PackageRefused
from auditdesk.exchange.package import TEMP_PREFIX, export_package, sweep_stale_temp_dirs
from tests.exchange.package_helpers import refused as _refused
from tests.exchange.package_helpers import rewrite


def _with_header(path: Path, out: Path, **changes) -> Path:
    data = path.read_bytes()
    rest = data[len(crypto.MAGIC) :]
    line, body = rest.split(b"\n", 1)
    header = json.loads(line)
    header.update(changes)
    out.write_bytes(crypto.MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + body)
    return out


@pytest.fixture
def encrypted(office, tmp_path):
    db, audit_id, _ = office
    out = tmp_path / "e.adpkg"
    with db.session() as s:
        export_package(s, [audit_id], out, password="pw-123456")
    return out


@pytest.mark.parametrize(
    "changes",
    [
        {"n": 2**20, "r": 32},  # 4 GiB: held 4.2 GB for 7+ minutes before the password check
        {"n": 2**18},  # 256 MiB: more than AuditDesk writes
        {"r": 16},
        {"p": 4},
        {"n": 3 * 2**14},  # not a power of two
        {"n": "32768"},  # a string
        {"n": True},
        {"n": 2**15.0},
    ],
)
def test_kdf_parameters_beyond_what_auditdesk_writes_are_refused_before_work(
    encrypted, tmp_path, changes, monkeypatch
):
    bad = _with_header(encrypted, tmp_path / "bad.adpkg", **changes)

    def no_work(*_a, **_k):
        raise AssertionError("the key was derived from a hostile header")

    import cryptography.hazmat.primitives.kdf.scrypt as scrypt_mod

    monkeypatch.setattr(scrypt_mod, "Scrypt", no_work)
    with pytest.raises(PackageRefused) as info:
        crypto.decrypt_file(bad, tmp_path / "plain.zip", "pw-123456")
    assert info.value.reason == "bad_manifest"
    assert not (tmp_path / "plain.zip").exists()


def test_the_parameters_auditdesk_writes_still_open(encrypted, tmp_path):
    crypto.decrypt_file(encrypted, tmp_path / "plain.zip", "pw-123456")
    assert (tmp_path / "plain.zip").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("sha", [["ab" * 32], {"x": 1}, 12, None, "AB" * 32, "zz" * 32])
def test_an_attachment_record_with_a_bad_sha256_is_refused_typed(package, tmp_path, sha):
    """Fuzz-found: a list as sha256 crashed import_package with TypeError (unhashable)."""
    src, manifest, laptop = package

    def bad_sha(m):
        for reg in m["changes"]["registers"]:
            if reg["key"][0:2] == ["field", "attachment"] and reg["key"][3] == "sha256":
                reg["siblings"][0]["value"] = sha
                break
        else:
            raise AssertionError("the office package has no attachment record")
        return m

    bad = rewrite(src, tmp_path / "sha.adpkg", manifest=bad_sha)
    assert _refused(laptop, bad) == "bad_manifest"


def test_an_encrypted_import_leaves_no_decrypted_file_even_when_killed(encrypted, tmp_path):
    """A killed import left the decrypted package in $TMPDIR. Now the decrypted zip has no
    name, and the folder of verified attachment files a killed import leaves is swept."""
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    script = (
        "import os, sys, tempfile\n"
        "from auditdesk.exchange.package import open_package\n"
        "with open_package(sys.argv[1], 'pw-123456') as c:\n"
        "    print('open', flush=True)\n"
        "    os.kill(os.getpid(), 9)\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(Path.cwd())}
    done = subprocess.run(
        [sys.executable, "-c", script, str(encrypted)], env=env, capture_output=True, text=True
    )
    assert done.returncode == -9 and "open" in done.stdout, done.stderr
    left = [p for p in tmp.rglob("*") if p.is_file()]
    # no file holds the decrypted zip (its bytes would start with PK)
    assert not any(p.read_bytes()[:2] == b"PK" for p in left)
    dirs = list(tmp.glob(f"{TEMP_PREFIX}*"))
    assert dirs, "the attachment folder of the killed import is expected until the next sweep"
    old = tempfile.tempdir
    tempfile.tempdir = str(tmp)
    try:
        assert sweep_stale_temp_dirs() == len(dirs)
    finally:
        tempfile.tempdir = old
    assert not list(tmp.glob(f"{TEMP_PREFIX}*"))
