"""One archive for the whole installation: every database row and every media file,
encrypted with a passphrase and streamed.

The archive is a gzip-compressed stream of JSON lines inside an encrypted stream
(`cadangan/sandi.py`: AES-256-GCM in 1 MiB chunks, key from the passphrase by scrypt):

    {"t": "kepala", "format": 2, "dibuat": ...}
    {"t": "baris", "o": {...}}             one per row, model by model in dependency order
    {"t": "berkas", "n": "bukti/1/a.pdf"}  then {"t": "isi", "d": <base64>} per 512 KiB
    {"t": "berkas_akhir", "sha256": ...}
    {"t": "akhir", "rows": {model: count}, "files": {name: sha256}}

Rows are read with `.iterator()` and serialised in batches (Django's serialiser, natural
keys for content types and permissions, so an archive made on PostgreSQL restores into
SQLite and back), files in pieces: memory stays flat however many years the database
holds. The file is created with mode 0600 under a temporary name and renamed when
complete. Restoring checks every chunk's tag (a wrong passphrase, a changed byte, a file
cut short), then the row counts and file checksums of the last line, inside one
transaction; media files are staged and moved into MEDIA_ROOT only when all is well.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import itertools
import json
import os
import shutil
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.utils import timezone

from .sandi import (
    ArsipTerpotong,
    BukanArsip,
    PembacaTerenkripsi,
    PenulisTerenkripsi,
    SandiSalah,
)

FORMAT_VERSION = 2
# Rebuilt by `migrate` on the target, or worthless in another installation.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
BATCH = 200  # rows per query chunk and serialiser call: a measurement draft row can be ~100 KB
POTONGAN_BERKAS = 512 * 1024
SANDI_MIN = 12


class ArsipTidakSah(Exception):
    """The archive is damaged, cut short, of an unknown format, the passphrase is wrong, or
    the target is not empty. The message is for the person running the command."""


@dataclass
class Ringkasan:
    rows: dict[str, int]
    files: dict[str, str]

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _media_files(root: Path) -> dict[str, Path]:
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if (
            label in EXCLUDED
            or model._meta.app_label in EXCLUDED
            or not model._meta.managed
        ):
            continue
        counts[label] = model._meta.base_manager.count()
    return counts


class _ExactEncoder(DjangoJSONEncoder):
    """Like Django's encoder, but keeps microseconds (Django's rounds to milliseconds)."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _backed_up_models() -> list:
    app_list = [
        (config, None)
        for config in apps.get_app_configs()
        if config.label not in EXCLUDED
    ]
    return [
        m
        for m in serializers.sort_dependencies(app_list, allow_cycles=True)
        if m._meta.label_lower not in EXCLUDED and m._meta.managed and not m._meta.proxy
    ]


def _batches(iterable, n: int):
    it = iter(iterable)
    while batch := list(itertools.islice(it, n)):
        yield batch


def cek_sandi(sandi: str) -> None:
    if len(sandi or "") < SANDI_MIN:
        raise ArsipTidakSah(
            f"Sandi cadangan terlalu pendek (paling sedikit {SANDI_MIN} karakter)."
        )


def backup(target: Path, *, sandi: str) -> Ringkasan:
    """Write the database and MEDIA_ROOT, encrypted with `sandi`, into `target` (mode 0600)."""
    cek_sandi(sandi)
    target.parent.mkdir(parents=True, exist_ok=True)
    sementara = target.with_name(f".{target.name}.{os.getpid()}.sementara")
    fd = os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # whatever the umask
    rows: dict[str, int] = {}
    files: dict[str, str] = {}
    encoder = _ExactEncoder(separators=(",", ":"))
    try:
        with (
            os.fdopen(fd, "wb") as fh,
            PenulisTerenkripsi(fh, sandi) as terenkripsi,
            gzip.GzipFile(
                fileobj=terenkripsi, mode="wb", compresslevel=6, mtime=0
            ) as gz,
        ):

            def tulis(record: dict) -> None:
                gz.write(encoder.encode(record).encode("utf-8") + b"\n")

            tulis(
                {
                    "t": "kepala",
                    "format": FORMAT_VERSION,
                    "dibuat": timezone.now().isoformat(),
                }
            )
            for model in _backed_up_models():
                label = model._meta.label_lower
                rows[label] = 0
                # a model at a time, BATCH rows at a time: never the whole database in memory
                for batch in _batches(
                    model._meta.base_manager.order_by("pk").iterator(chunk_size=BATCH),
                    BATCH,
                ):
                    for obj in serializers.serialize(
                        "python",
                        batch,
                        use_natural_foreign_keys=True,
                        use_natural_primary_keys=True,
                    ):
                        tulis({"t": "baris", "o": obj})
                    rows[label] += len(batch)
            for name, path in _media_files(Path(settings.MEDIA_ROOT)).items():
                tulis({"t": "berkas", "n": name})
                sha = hashlib.sha256()
                with path.open("rb") as berkas:
                    while potongan := berkas.read(POTONGAN_BERKAS):
                        sha.update(potongan)
                        tulis(
                            {
                                "t": "isi",
                                "d": base64.b64encode(potongan).decode("ascii"),
                            }
                        )
                files[name] = sha.hexdigest()
                tulis({"t": "berkas_akhir", "sha256": files[name]})
            tulis({"t": "akhir", "rows": rows, "files": files})
        os.replace(sementara, target)
    except BaseException:
        sementara.unlink(missing_ok=True)
        raise
    return Ringkasan(rows=rows, files=files)


def _safe_member(name: str) -> bool:
    parts = Path(name).parts
    return bool(name) and not Path(name).is_absolute() and ".." not in parts


def _records(gz):
    for line in gz:
        yield json.loads(line)


def restore(source: Path, *, sandi: str) -> Ringkasan:
    """Bring an archive back into an empty, migrated installation."""
    counts = _row_counts()
    if counts.get("organisasi.perangkatdaerah") or counts.get("auth.user"):
        raise ArsipTidakSah(
            "Basis data tujuan tidak kosong; pemulihan hanya ke instalasi kosong."
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pemulihan-", dir=media_root))
    try:
        try:
            fh = open(source, "rb")
        except OSError as exc:
            raise ArsipTidakSah(
                f"Berkas cadangan tidak dapat dibaca: {exc.strerror or exc}."
            ) from None
        with fh:
            try:
                manifest, files = _pulihkan_aliran(fh, sandi, staging)
            except BukanArsip:
                raise ArsipTidakSah(
                    "Berkas ini bukan arsip cadangan SAKIP-SOP (atau dibuat oleh versi lama)."
                ) from None
            except SandiSalah:
                raise ArsipTidakSah(
                    "Sandi cadangan salah, atau isi arsip telah berubah/rusak."
                ) from None
            except (ArsipTerpotong, EOFError):
                raise ArsipTidakSah(
                    "Arsip cadangan terpotong (tidak lengkap): salinannya mungkin belum selesai. "
                    "Tidak ada yang dipulihkan."
                ) from None
            except (
                gzip.BadGzipFile,
                zlib.error,
                ValueError,
                KeyError,
                TypeError,
                DeserializationError,
            ) as exc:
                raise ArsipTidakSah(
                    f"Isi arsip cadangan rusak; tidak ada yang dipulihkan ({exc.__class__.__name__})."
                ) from None
            except DatabaseError as exc:
                raise ArsipTidakSah(
                    f"Baris cadangan tidak dapat disimpan; tidak ada yang dipulihkan ({exc})."
                ) from None
        for name in files:
            tujuan = media_root / name
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, tujuan)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Ringkasan(rows=manifest["rows"], files=files)


def _pulihkan_aliran(fh, sandi: str, staging: Path) -> tuple[dict, dict[str, str]]:
    """Read the stream and save its rows in one transaction; files go to `staging`."""
    files: dict[str, str] = {}
    manifest = None
    with (
        transaction.atomic(),
        gzip.GzipFile(fileobj=PembacaTerenkripsi(fh, sandi), mode="rb") as gz,
    ):
        records = _records(gz)
        kepala = next(records, None)
        if (
            not kepala
            or kepala.get("t") != "kepala"
            or kepala.get("format") != FORMAT_VERSION
        ):
            raise ArsipTidakSah("Format berkas cadangan tidak dikenal.")
        deferred = []
        batch: list[dict] = []

        def simpan() -> None:
            # Saved one by one: natural foreign keys resolve against rows saved before them.
            for obj in serializers.deserialize(
                "python", batch, handle_forward_references=True
            ):
                obj.save()
                if obj.deferred_fields:
                    deferred.append(obj)
            batch.clear()

        berkas = None
        for record in records:
            jenis = record["t"]
            if jenis == "baris":
                batch.append(record["o"])
                if len(batch) >= BATCH:
                    simpan()
                continue
            simpan()
            if jenis == "berkas":
                name = record["n"]
                if not _safe_member(name):
                    raise ArsipTidakSah(
                        f"Nama berkas tidak aman dalam cadangan: {name}"
                    )
                path = staging / name
                path.parent.mkdir(parents=True, exist_ok=True)
                berkas = (name, path.open("wb"), hashlib.sha256())
            elif jenis == "isi":
                potongan = base64.b64decode(record["d"], validate=True)
                berkas[1].write(potongan)
                berkas[2].update(potongan)
            elif jenis == "berkas_akhir":
                name, out, sha = berkas
                out.close()
                if sha.hexdigest() != record["sha256"]:
                    raise ArsipTidakSah(f"Berkas {name} rusak (checksum tidak cocok).")
                files[name] = record["sha256"]
                berkas = None
            elif jenis == "akhir":
                manifest = record
        if manifest is None:
            raise ArsipTerpotong("no final record")
        for obj in deferred:
            obj.save_deferred_fields()
        _reset_sequences()
        if files != manifest["files"]:
            raise ArsipTidakSah("Berkas media tidak sesuai daftar dalam arsip.")
        restored = _row_counts()
        for label, count in manifest["rows"].items():
            if restored.get(label, 0) != count:
                raise ArsipTidakSah(
                    f"Jumlah baris {label} setelah pemulihan ({restored.get(label, 0)}) ≠ cadangan ({count})."
                )
    return manifest, files


def _reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    models = [m for m in apps.get_models() if m._meta.managed]
    for sql in connection.ops.sequence_reset_sql(no_style(), models):
        # SQL mentah: the backend's own sequence-reset statements (connection.ops), run as given
        with connection.cursor() as cursor:  # noqa: TID251 - no ORM call resets sequences
            cursor.execute(sql)
