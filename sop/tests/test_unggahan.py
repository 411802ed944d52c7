"""Evidence uploads on the data entry grid: a file past its limit is refused without being
read whole, and nothing the member typed is lost (issue 16, findings 3 and 8)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.models import BuktiDukung, Realisasi

pytestmark = pytest.mark.django_db


def _grid(t, nilai: dict) -> dict:
    data = {"aksi": "simpan"}
    for ind in t.indikator.all():
        data[f"r{ind.pk}-nilai"] = nilai.get(ind.pk, "")
        data[f"r{ind.pk}-catatan"] = ""
        data[f"r{ind.pk}-revisi"] = "0"
    return data


def test_an_evidence_file_past_the_limit_is_refused_and_the_typed_values_stay(
    client, demo, quarter, settings
):
    settings.UNGGAHAN_BATAS = {**settings.UNGGAHAN_BATAS, "sop:tugas_isi": (1000, 10)}
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    pertama, kedua = list(t.indikator.all())[:2]
    data = _grid(t, {pertama.pk: "22,5", kedua.pk: "40"})
    data[f"r{pertama.pk}-berkas"] = SimpleUploadedFile(
        "besar.pdf", b"%PDF-1.4 " + b"x" * 5000
    )
    client.force_login(demo["timkerja"].user)
    r = client.post(reverse("sop:tugas_isi", args=[t.pk]), data)
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Berkas terlalu besar; ukuran maksimum 1000" in teks
    assert 'value="22,5"' in teks and 'value="40"' in teks  # typed values come back
    assert not Realisasi.objects.filter(
        indikator__in=[pertama, kedua], nilai__isnull=False
    ).exists()
    assert not BuktiDukung.objects.exists()


def test_a_storage_failure_keeps_the_typed_values_and_says_so_in_indonesian(
    client, demo, quarter, monkeypatch
):
    from django.core.files.storage import FileSystemStorage

    def penuh(self, name, content, max_length=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", penuh)
    quarter.upto("fill")
    t = quarter.tugas("timkerja")
    pertama, kedua = list(t.indikator.all())[:2]
    data = _grid(t, {pertama.pk: "22,5", kedua.pk: "40"})
    data[f"r{pertama.pk}-catatan"] = "Dari SIMPEL"
    data[f"r{pertama.pk}-berkas"] = SimpleUploadedFile(
        "rekap.pdf", b"%PDF-1.4 rekap\n" * 20
    )
    client.force_login(demo["timkerja"].user)
    r = client.post(reverse("sop:tugas_isi", args=[t.pk]), data)
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Berkas bukti gagal disimpan karena gangguan pada tempat penyimpanan" in teks
    assert 'value="22,5"' in teks and 'value="40"' in teks and "Dari SIMPEL" in teks
    assert not Realisasi.objects.filter(
        indikator__in=[pertama, kedua], nilai__isnull=False
    ).exists()
    assert not BuktiDukung.objects.exists()
