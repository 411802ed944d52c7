"""Encrypted, streamed archive files: AES-256-GCM in chunks, the key derived from a passphrase.

The file starts with a header (magic, scrypt salt and cost, a random nonce prefix) and
then holds chunks of at most `POTONGAN` plain bytes, each `length (4 bytes) + ciphertext
+ tag`. A chunk's nonce is the prefix, its counter and a final-chunk flag, and the header
is authenticated with every chunk, so a changed, reordered, dropped or appended chunk, a
changed header, and a file cut short (no final chunk) are all detected. Neither side ever
holds more than one chunk. `cryptography` supplies the primitives (AESGCM, Scrypt).
"""

from __future__ import annotations

import io
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"SAKIP-CADANGAN/2"
POTONGAN = 1024 * 1024
_AKHIR = 0x80000000  # high bit of a chunk's length: the final chunk
_N_LOG2, _R, _P = 15, 8, 1  # scrypt cost: about 32 MiB and 0.1 s per archive
_HEADER = struct.Struct(">16s16sBBB7s")


class SandiSalah(Exception):
    """The passphrase is wrong, or the file was changed."""


class ArsipTerpotong(Exception):
    """The file ends before its final chunk (an interrupted copy or write)."""


class BukanArsip(Exception):
    """The file does not start with the archive header."""


def _kunci(sandi: str, salt: bytes, n_log2: int, r: int, p: int) -> bytes:
    if not 10 <= n_log2 <= 20 or not 1 <= r <= 16 or not 1 <= p <= 4:
        raise BukanArsip("unreasonable key derivation cost")
    return Scrypt(salt=salt, length=32, n=2**n_log2, r=r, p=p).derive(
        sandi.encode("utf-8")
    )


def _nonce(prefix: bytes, nomor: int, akhir: bool) -> bytes:
    return prefix + struct.pack(">IB", nomor, 1 if akhir else 0)


class PenulisTerenkripsi(io.RawIOBase):
    """A write-only stream that encrypts what it is given into `tujuan` (a binary file)."""

    def __init__(self, tujuan, sandi: str):
        super().__init__()
        self.tujuan = tujuan
        salt, prefix = os.urandom(16), os.urandom(7)
        self.header = _HEADER.pack(MAGIC, salt, _N_LOG2, _R, _P, prefix)
        self.aes = AESGCM(_kunci(sandi, salt, _N_LOG2, _R, _P))
        self.prefix = prefix
        self.nomor = 0
        self.buffer = bytearray()
        tujuan.write(self.header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) > POTONGAN:
            self._tulis(bytes(self.buffer[:POTONGAN]), akhir=False)
            del self.buffer[:POTONGAN]
        return len(data)

    def _tulis(self, data: bytes, *, akhir: bool) -> None:
        sanditeks = self.aes.encrypt(
            _nonce(self.prefix, self.nomor, akhir), data, self.header
        )
        self.tujuan.write(
            struct.pack(">I", len(sanditeks) | (_AKHIR if akhir else 0)) + sanditeks
        )
        self.nomor += 1

    def close(self) -> None:
        if not self.closed:
            self._tulis(bytes(self.buffer), akhir=True)
            self.buffer.clear()
        super().close()


class PembacaTerenkripsi(io.RawIOBase):
    """A read-only stream of the plain bytes of an archive written by PenulisTerenkripsi."""

    def __init__(self, sumber, sandi: str):
        super().__init__()
        self.sumber = sumber
        self.header = sumber.read(_HEADER.size)
        if len(self.header) < _HEADER.size or not self.header.startswith(MAGIC):
            raise BukanArsip("no archive header")
        _magic, salt, n_log2, r, p, self.prefix = _HEADER.unpack(self.header)
        self.aes = AESGCM(_kunci(sandi, salt, n_log2, r, p))
        self.nomor = 0
        self.selesai = False
        self.sisa = memoryview(b"")

    def readable(self) -> bool:
        return True

    def _potongan(self) -> bytes:
        kepala = self.sumber.read(4)
        if len(kepala) < 4:
            raise ArsipTerpotong("missing final chunk")
        (panjang,) = struct.unpack(">I", kepala)
        akhir = bool(panjang & _AKHIR)
        panjang &= ~_AKHIR
        if panjang > POTONGAN + 16:
            raise SandiSalah("chunk too long")
        sanditeks = self.sumber.read(panjang)
        if len(sanditeks) < panjang:
            raise ArsipTerpotong("chunk cut short")
        try:
            data = self.aes.decrypt(
                _nonce(self.prefix, self.nomor, akhir), sanditeks, self.header
            )
        except InvalidTag:
            raise SandiSalah("authentication failed") from None
        self.nomor += 1
        if akhir:
            self.selesai = True
            if self.sumber.read(1):
                raise SandiSalah("data after the final chunk")
        return data

    def readinto(self, b) -> int:
        while not len(self.sisa) and not self.selesai:
            self.sisa = memoryview(self._potongan())
        n = min(len(b), len(self.sisa))
        b[:n] = self.sisa[:n]
        self.sisa = self.sisa[n:]  # a view: no copy
        return n
