import io
import os
import stat
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from cadangan.archive import EXCLUDED

pytestmark = pytest.mark.django_db(transaction=True)

SANDI = "sandi-cadangan-uji-2026"


@pytest.fixture(autouse=True)
def _sandi(monkeypatch):
    monkeypatch.setenv("CADANGAN_SANDI", SANDI)


def _snapshot() -> dict[str, list]:
    """Every row of every backed-up model, serialised with natural keys."""
    result = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in EXCLUDED or model._meta.app_label in EXCLUDED:
            continue
        rows = serializers.serialize(
            "python",
            model._base_manager.order_by("pk"),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        result[label] = sorted(
            (repr(r.get("pk")), repr(sorted(r["fields"].items()))) for r in rows
        )
    return result


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_backup_then_restore_into_an_empty_installation_brings_back_every_row_and_file(
    settings, tmp_path
):
    from sop.demo import load_demo

    load_demo()
    media = Path(settings.MEDIA_ROOT)
    (media / "bukti" / "1").mkdir(parents=True)
    (media / "bukti" / "1" / "laporan.pdf").write_bytes(b"%PDF-1.4 contoh bukti\n" * 50)
    (media / "dokumen" / "ttd.pdf").parent.mkdir(parents=True)
    (media / "dokumen" / "ttd.pdf").write_bytes(bytes(range(256)) * 4)
    before, files_before = _snapshot(), _files(media)
    assert sum(len(v) for v in before.values()) > 20

    archive = tmp_path / "cadangan.sakip"
    call_command("cadangkan", str(archive), stdout=io.StringIO())
    assert stat.S_IMODE(os.stat(archive).st_mode) == 0o600

    call_command("flush", interactive=False, verbosity=0)
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    assert _files(media) == {}

    out = io.StringIO()
    call_command("pulihkan", str(archive), stdout=out)
    assert _snapshot() == before
    assert _files(media) == files_before
    assert "Dipulihkan" in out.getvalue()


def test_restore_refuses_a_non_empty_installation(tmp_path):
    from sop.demo import load_demo

    load_demo()
    archive = tmp_path / "a.tar.gz"
    call_command("cadangkan", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("pulihkan", str(archive), stdout=io.StringIO())


def test_restore_refuses_a_tampered_archive(tmp_path):
    from sop.demo import load_demo

    load_demo()
    archive = tmp_path / "a.sakip"
    call_command("cadangkan", str(archive), stdout=io.StringIO())
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "b.sakip"
    tampered.write_bytes(bytes(data))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="rusak"):
        call_command("pulihkan", str(tampered), stdout=io.StringIO())


def test_restore_refuses_garbage(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"bukan arsip")
    with pytest.raises(CommandError, match="bukan arsip cadangan"):
        call_command("pulihkan", str(junk), stdout=io.StringIO())
