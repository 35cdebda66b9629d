"""Password encryption of package files: AES-256-GCM with a scrypt-derived key, streamed.

File layout: MAGIC, a JSON header line (salt, scrypt n/r/p, nonce prefix), then chunks of
``uint32 length || ciphertext+tag``. Chunk i is sealed with nonce ``prefix || i`` and the
header plus a last-chunk flag as associated data, so reordered, altered, cut-off or
extended files all fail to open (a missing last chunk means the file was truncated).
"""

from __future__ import annotations

import base64
import json
import os
import struct
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO

from auditdesk.exchange.errors import PackageRefused

MAGIC = b"ADPKG-ENC\x01\n"
CHUNK = 1024 * 1024
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_MAX_HEADER = 4096


# The key parameters a package may ask for: what AuditDesk writes (n 2^15, r 8, p 1), with
# room for a later AuditDesk raising n to 2^17 (128 MiB, about a second). A header asking for
# more is refused before any work: n 2^20 with r 32 held 4 GB for minutes before the password
# was even checked.
N_RANGE = (2**14, 2**17)
R_ALLOWED = (8,)
P_ALLOWED = (1,)


def check_kdf_params(n: Any, r: Any, p: Any) -> None:
    """Refuse scrypt parameters AuditDesk would not write (types, bounds, n a power of 2)."""
    ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (n, r, p))
    if not (
        ints
        and N_RANGE[0] <= n <= N_RANGE[1]
        and n & (n - 1) == 0
        and r in R_ALLOWED
        and p in P_ALLOWED
    ):
        raise PackageRefused("encrypted package with implausible key parameters", "bad_manifest")


def _key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    check_kdf_params(n, r, p)
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def is_encrypted(path: Path) -> bool:
    with Path(path).open("rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def encrypt_file(source: Path, target: Path, password: str) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, prefix = os.urandom(16), os.urandom(8)
    header = (
        json.dumps(
            {
                "kdf": "scrypt",
                **_SCRYPT,
                "salt": base64.b64encode(salt).decode(),
                "nonce_prefix": base64.b64encode(prefix).decode(),
                "chunk": CHUNK,
            },
            sort_keys=True,
        ).encode()
        + b"\n"
    )
    aead = AESGCM(_key(password, salt, **_SCRYPT))
    size = source.stat().st_size
    with source.open("rb") as src, target.open("wb") as out:
        out.write(MAGIC + header)
        index, done = 0, 0
        while True:
            block = src.read(CHUNK)
            done += len(block)
            last = done >= size
            sealed = aead.encrypt(
                prefix + struct.pack(">I", index), block, header + (b"\x01" if last else b"\x00")
            )
            out.write(struct.pack(">I", len(sealed)) + sealed)
            index += 1
            if last:
                break
        out.flush()
        os.fsync(out.fileno())


def _read_exact(fh: BinaryIO, n: int) -> bytes:
    data = fh.read(n)
    if len(data) != n:
        raise PackageRefused("the encrypted package is cut short (truncated file)", "truncated")
    return data


def decrypt_file(source: Path, target: Path | BinaryIO, password: str) -> None:
    """Decrypt ``source`` into ``target`` (a path, or an open binary file to write to)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with source.open("rb") as fh:
        if fh.read(len(MAGIC)) != MAGIC:
            raise PackageRefused("not an encrypted AuditDesk package", "not_a_package")
        header = fh.readline(_MAX_HEADER)
        try:
            h = json.loads(header)
            if not isinstance(h, dict) or h.get("kdf") != "scrypt":
                raise ValueError("header")
            salt, prefix = base64.b64decode(h["salt"]), base64.b64decode(h["nonce_prefix"])
            n, r, p, chunk = h["n"], h["r"], h["p"], h["chunk"]
            if not isinstance(chunk, int) or isinstance(chunk, bool):
                raise ValueError("header")
            if (
                len(prefix) != 8
                or len(salt) < 8
                or not header.endswith(b"\n")
                or not 0 < chunk <= 64 * CHUNK
            ):
                raise ValueError("header")
        except (ValueError, KeyError, TypeError):
            raise PackageRefused(
                "the encrypted package's header is damaged", "bad_manifest"
            ) from None
        check_kdf_params(n, r, p)  # before any work
        aead = AESGCM(_key(password, salt, n, r, p))
        with ExitStack() as stack:
            out = stack.enter_context(target.open("wb")) if isinstance(target, Path) else target
            index = 0
            while True:
                raw_len = fh.read(4)
                if len(raw_len) < 4:
                    raise PackageRefused(
                        "the encrypted package is cut short (truncated file)", "truncated"
                    )
                (length,) = struct.unpack(">I", raw_len)
                if length > chunk + 16:
                    raise PackageRefused("the encrypted package is damaged", "bad_manifest")
                sealed = _read_exact(fh, length)
                nonce = prefix + struct.pack(">I", index)
                try:
                    block = aead.decrypt(nonce, sealed, header + b"\x00")
                    last = False
                except InvalidTag:
                    try:
                        block = aead.decrypt(nonce, sealed, header + b"\x01")
                        last = True
                    except InvalidTag:
                        reason = "wrong_password" if index == 0 else "bad_manifest"
                        text = (
                            "wrong password (or the package was altered)"
                            if index == 0
                            else "the encrypted package was altered"
                        )
                        raise PackageRefused(text, reason) from None
                out.write(block)
                index += 1
                if last:
                    if fh.read(1):
                        raise PackageRefused(
                            "the encrypted package has data after its end", "bad_manifest"
                        )
                    return
