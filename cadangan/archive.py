"""One archive for the whole installation: every database row and every media file.

The rows are written with Django's serialiser (natural keys for content types and
permissions), so an archive made on PostgreSQL restores into SQLite and back.
`manifest.json` records the row count per model and the SHA-256 of every file;
restoring checks both and refuses a non-empty target.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

FORMAT_VERSION = 1
# Rebuilt by `migrate` on the target, or worthless in another installation.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class ArsipTidakSah(Exception):
    """The archive is damaged, of an unknown format, or the target is not empty."""


@dataclass
class Ringkasan:
    rows: dict[str, int]
    files: dict[str, str]

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _media_files(root: Path) -> dict[str, Path]:
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def _row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in EXCLUDED or model._meta.app_label in EXCLUDED or not model._meta.managed:
            continue
        counts[label] = model._base_manager.count()
    return counts


class _ExactEncoder(DjangoJSONEncoder):
    """Like Django's encoder, but keeps microseconds (Django's rounds to milliseconds)."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _backed_up_models() -> list:
    app_list = [(config, None) for config in apps.get_app_configs() if config.label not in EXCLUDED]
    return [
        m for m in serializers.sort_dependencies(app_list, allow_cycles=True)
        if m._meta.label_lower not in EXCLUDED and m._meta.managed and not m._meta.proxy
    ]


def _dump_rows() -> list[dict]:
    rows: list[dict] = []
    for model in _backed_up_models():
        rows.extend(serializers.serialize(
            "python", model._base_manager.order_by("pk").iterator(),
            use_natural_foreign_keys=True, use_natural_primary_keys=True,
        ))
    return rows


def backup(target: Path) -> Ringkasan:
    """Write the database and MEDIA_ROOT into the tar.gz archive `target`."""
    data = json.dumps(_dump_rows(), cls=_ExactEncoder).encode()
    media_root = Path(settings.MEDIA_ROOT)
    files = {name: _sha256(path.read_bytes()) for name, path in _media_files(media_root).items()}
    manifest = {
        "format": FORMAT_VERSION, "created": timezone.now().isoformat(),
        "rows": _row_counts(), "files": files, "data_sha256": _sha256(data),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(target, "w:gz") as tar:
        for name, payload in (("manifest.json", json.dumps(manifest, indent=1).encode()), ("data.json", data)):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
        for name, path in _media_files(media_root).items():
            tar.add(path, arcname=f"media/{name}")
    return Ringkasan(rows=manifest["rows"], files=files)


def _safe_member(name: str) -> bool:
    parts = Path(name).parts
    return not Path(name).is_absolute() and ".." not in parts


def restore(source: Path) -> Ringkasan:
    """Bring an archive back into an empty, migrated installation."""
    if _row_counts().get("organisasi.perangkatdaerah") or _row_counts().get("auth.user"):
        raise ArsipTidakSah("Basis data tujuan tidak kosong; pemulihan hanya ke instalasi kosong.")
    try:
        tar = tarfile.open(source, "r:gz")
    except (tarfile.TarError, OSError) as exc:
        raise ArsipTidakSah(f"Berkas cadangan tidak dapat dibaca: {exc}") from exc
    with tar:
        try:
            manifest = json.loads(tar.extractfile("manifest.json").read())
            data = tar.extractfile("data.json").read()
        except (KeyError, AttributeError, ValueError) as exc:
            raise ArsipTidakSah("Berkas cadangan tidak lengkap (manifest.json/data.json).") from exc
        if manifest.get("format") != FORMAT_VERSION:
            raise ArsipTidakSah("Format berkas cadangan tidak dikenal.")
        if _sha256(data) != manifest.get("data_sha256"):
            raise ArsipTidakSah("Data dalam berkas cadangan rusak (checksum tidak cocok).")
        media = {}
        for member in tar.getmembers():
            if member.name.startswith("media/") and member.isfile():
                name = member.name.removeprefix("media/")
                if not _safe_member(name):
                    raise ArsipTidakSah(f"Nama berkas tidak aman dalam cadangan: {member.name}")
                payload = tar.extractfile(member).read()
                if _sha256(payload) != manifest["files"].get(name):
                    raise ArsipTidakSah(f"Berkas {name} rusak (checksum tidak cocok).")
                media[name] = payload
        if set(media) != set(manifest["files"]):
            raise ArsipTidakSah("Jumlah berkas media tidak sesuai manifest.")
    with transaction.atomic():
        # Saved one by one: natural foreign keys resolve against rows saved before them.
        deferred = []
        for obj in serializers.deserialize("json", data, handle_forward_references=True):
            obj.save()
            if obj.deferred_fields:
                deferred.append(obj)
        for obj in deferred:
            obj.save_deferred_fields()
        _reset_sequences()
    media_root = Path(settings.MEDIA_ROOT)
    for name, payload in media.items():
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
    restored = _row_counts()
    for label, count in manifest["rows"].items():
        if restored.get(label, 0) != count:
            raise ArsipTidakSah(f"Jumlah baris {label} setelah pemulihan ({restored.get(label, 0)}) ≠ cadangan ({count}).")
    return Ringkasan(rows=restored, files=manifest["files"])


def _reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    models = [m for m in apps.get_models() if m._meta.managed]
    for sql in connection.ops.sequence_reset_sql(no_style(), models):
        # SQL mentah: the backend's own sequence-reset statements (connection.ops), run as given
        with connection.cursor() as cursor:
            cursor.execute(sql)
