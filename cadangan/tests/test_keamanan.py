"""Backups do not hand out the keys to the office (issue 16, findings 8 and 9): encrypted
with a passphrase, written 0600, streamed; a wrong passphrase or a file cut short is
refused with a clear Indonesian message and nothing restored."""

import io
import os
import stat
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from cadangan import archive
from organisasi.models import PerangkatDaerah

pytestmark = pytest.mark.django_db(transaction=True)

SANDI = "sandi-cadangan-uji-2026"


@pytest.fixture
def cadangan(tmp_path, monkeypatch, settings):
    from sop.demo import load_demo

    monkeypatch.setenv("CADANGAN_SANDI", SANDI)
    load_demo()
    media = Path(settings.MEDIA_ROOT)
    (media / "privat").mkdir(parents=True)
    (media / "privat" / "kunci.p12").write_bytes(b"RAHASIA-KUNCI-KANTOR" * 100)
    berkas = tmp_path / "c.sakip"
    call_command("cadangkan", str(berkas), stdout=io.StringIO())
    return berkas


def test_the_archive_is_0600_and_holds_no_readable_row_file_or_hash(cadangan):
    assert stat.S_IMODE(os.stat(cadangan).st_mode) == 0o600
    mentah = cadangan.read_bytes()
    hash_kadin = get_user_model().objects.get(username="kadin").password.encode()
    for terbaca in (
        b"ARI MURGONO",
        b"RAHASIA-KUNCI-KANTOR",
        hash_kadin,
        b"kadin",
    ):
        assert terbaca not in mentah
    assert mentah.startswith(b"SAKIP-CADANGAN/2")


def test_a_wrong_passphrase_restores_nothing(cadangan, monkeypatch):
    call_command("flush", interactive=False, verbosity=0)
    monkeypatch.setenv("CADANGAN_SANDI", "sandi-yang-keliru-sekali")
    with pytest.raises(CommandError, match="Sandi cadangan salah"):
        call_command("pulihkan", str(cadangan), stdout=io.StringIO())
    assert not PerangkatDaerah.objects.exists()


@pytest.mark.parametrize("sisa", [0.5, 0.999])
def test_a_truncated_archive_says_so_in_indonesian_and_restores_nothing(
    cadangan, settings, sisa
):
    """Cut anywhere (mid-chunk, or just before the final chunk ends): CommandError, not a traceback."""
    mentah = cadangan.read_bytes()
    terpotong = cadangan.with_name("terpotong.sakip")
    terpotong.write_bytes(mentah[: int(len(mentah) * sisa)])
    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    with pytest.raises(CommandError, match="terpotong"):
        call_command("pulihkan", str(terpotong), stdout=io.StringIO())
    assert not PerangkatDaerah.objects.exists()
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_without_a_passphrase_the_commands_refuse(tmp_path, monkeypatch):
    monkeypatch.delenv("CADANGAN_SANDI", raising=False)
    with pytest.raises(CommandError, match="Sandi cadangan belum diberikan"):
        call_command("cadangkan", str(tmp_path / "x.sakip"), stdout=io.StringIO())
    assert not (tmp_path / "x.sakip").exists()


def test_a_passphrase_file_is_read_and_a_short_passphrase_refused(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("CADANGAN_SANDI", raising=False)
    pendek = tmp_path / "pendek.txt"
    pendek.write_text("pendek\n")
    with pytest.raises(CommandError, match="terlalu pendek"):
        call_command(
            "cadangkan",
            str(tmp_path / "x.sakip"),
            "--berkas-sandi",
            str(pendek),
            stdout=io.StringIO(),
        )
    panjang = tmp_path / "sandi.txt"
    panjang.write_text(SANDI + "\n")
    call_command(
        "cadangkan",
        str(tmp_path / "x.sakip"),
        "--berkas-sandi",
        str(panjang),
        stdout=io.StringIO(),
    )
    assert (tmp_path / "x.sakip").exists()
    assert not list(tmp_path.glob(".*sementara"))


def test_rows_are_serialised_in_batches_not_as_one_document(
    cadangan, monkeypatch, tmp_path
):
    """Streaming: no call to the serialiser ever gets more than one batch of rows."""
    from django.core import serializers

    terbesar = []
    asli = serializers.serialize

    def catat(format, queryset, **kwargs):
        rows = list(queryset)
        terbesar.append(len(rows))
        return asli(format, rows, **kwargs)

    monkeypatch.setattr(archive, "BATCH", 50)
    monkeypatch.setattr(serializers, "serialize", catat)
    call_command("cadangkan", str(tmp_path / "b.sakip"), stdout=io.StringIO())
    assert max(terbesar) == 50 and len(terbesar) > 10
