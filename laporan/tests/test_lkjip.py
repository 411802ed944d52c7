"""The LKjIP draft (Bab III): its numbers, last year's comparison, the .docx and the PDF."""

import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from kinerja import calculations as calc
from kinerja.models import Indikator, Program, Realisasi, RealisasiAnggaran
from kinerja.tests.factories import (
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    SasaranFactory,
)
from laporan.docx import lkjip_docx
from laporan.pdf import lkjip_pdf
from laporan.selectors import lkjip_data
from laporan.selectors.lkjip import Perbandingan
from umum import format as fmt

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def teks(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture
def tahun_lalu(demo, rencana):
    """Last year's plan: two of this year's indicators (same codes) with four quarters each."""
    pk = PerjanjianKinerjaFactory(
        perangkat_daerah=demo.dpmptsp, tahun=rencana.tahun - 1
    )
    sasaran = SasaranFactory(perjanjian=pk)
    lalu = {}
    for kode in ("IKU.1", "IKU.4"):
        ini = Indikator.objects.for_pk(rencana).get(kode=kode)
        ind = IndikatorFactory(
            sasaran=sasaran,
            kode=kode,
            nama=ini.nama,
            polaritas=ini.polaritas,
            agregasi=ini.agregasi,
            target_tahunan=ini.target_tahunan,
        )
        nilai = {}
        for tw in (1, 2, 3, 4):
            nilai[tw] = (
                ini.target_tahunan / 4
                if ini.agregasi == "jumlah"
                else ini.target_tahunan
            ) * Decimal("0.8") + tw
            Realisasi.objects.create(indikator=ind, triwulan=tw, nilai=nilai[tw])
        lalu[kode] = (ind, nilai)
    return lalu


def test_every_indicator_per_sasaran_with_the_calculated_year(rencana):
    data = lkjip_data(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    assert data.sampai == 2 and not data.lengkap
    assert [s.uraian for s in data.sasaran] == list(
        rencana.sasaran.values_list("uraian", flat=True)
    )
    semua = list(Indikator.objects.for_pk(rencana))
    assert [i.ini.id for i in data.indikator] == [i.pk for i in semua]
    for item, ind in zip(data.indikator, semua, strict=True):
        real = {r.triwulan: r.nilai for r in Realisasi.objects.filter(indikator=ind)}
        assert item.ini.kumulatif.realisasi == calc.agregasi_triwulan(
            real, agregasi=ind.agregasi, sampai=2
        )
        assert item.ini.kumulatif.capaian == calc.capaian_kumulatif(
            target_tahunan=ind.target_tahunan,
            realisasi=real,
            polaritas=ind.polaritas,
            agregasi=ind.agregasi,
            sampai=2,
            target_tahunan_maks=ind.target_tahunan_maks,
        )
        assert item.lalu is None and item.perbandingan is None
        assert any("Tidak ada Perjanjian Kinerja tahun" in f for f in item.analisis)


def test_budget_table_sums_the_quarters(rencana):
    data = lkjip_data(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    for row in data.program:
        spent = sum(
            RealisasiAnggaran.objects.filter(program_id=row.id).values_list(
                "nilai", flat=True
            ),
            Decimal(0),
        )
        assert row.realisasi_sd == spent
        assert row.serapan_sd == calc.serapan_anggaran(
            Program.objects.get(pk=row.id).anggaran, spent
        )
    assert data.total_serapan == calc.serapan_anggaran(
        data.total_anggaran, data.total_realisasi
    )


def test_last_years_realisasi_is_matched_by_code_and_compared(rencana, tahun_lalu):
    data = lkjip_data(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    items = {i.ini.kode: i for i in data.indikator}
    for kode, (ind, nilai) in tahun_lalu.items():
        item = items[kode]
        assert item.realisasi_lalu == calc.agregasi_triwulan(
            nilai, agregasi=ind.agregasi, sampai=4
        )
        # a year still running is compared with the same quarters of last year
        sd = calc.agregasi_triwulan(nilai, agregasi=ind.agregasi, sampai=2)
        assert item.lalu_sd.kumulatif.realisasi == sd
        cur = item.ini.kumulatif.realisasi
        expected = (
            Perbandingan.LEBIH_BURUK
            if calc.is_worse(sd, cur, ind.polaritas)
            else Perbandingan.LEBIH_BAIK
            if calc.is_worse(cur, sd, ind.polaritas)
            else Perbandingan.SAMA
        )
        assert item.perbandingan == expected
        assert any(
            f"periode yang sama tahun {rencana.tahun - 1}" in f for f in item.analisis
        )
    assert any(
        "tidak ada dalam Perjanjian Kinerja" in f for f in items["IKU.2"].analisis
    )


def test_analysis_facts_give_trend_predikat_and_notes(rencana):
    data = lkjip_data(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    item = next(
        i for i in data.indikator if i.ini.kode == "IKU.4"
    )  # lower is better: 4,6 → 5,8 days
    fakta = " ".join(item.analisis)
    assert f"predikat {item.ini.kumulatif.predikat}" in fakta
    assert "Dari TW I ke TW II realisasi memburuk." in fakta
    assert "Lonjakan pengaduan terkait Persetujuan Bangunan Gedung" in fakta
    assert fmt.persen(item.ini.triwulan[0].capaian) in fakta


def test_docx_opens_and_holds_every_indicator(rencana, tahun_lalu):
    data = lkjip_data(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    document = docx.Document(io.BytesIO(lkjip_docx(data)))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells
    )
    assert "BAB III AKUNTABILITAS KINERJA" in paragraphs
    for item in data.indikator:
        assert item.ini.nama in cells and item.ini.nama in paragraphs
        assert fmt.persen(item.ini.kumulatif.capaian) in cells
    for row in data.program:
        assert row.nama in cells
    assert fmt.persen(data.total_serapan) in cells
    assert paragraphs.count("[Diisi Tim SAKIP") == len(data.indikator)
    lalu = next(i for i in data.indikator if i.ini.kode == "IKU.1")
    assert fmt.angka(lalu.realisasi_lalu, lalu.ini.desimal) in cells


def test_pdf_text_and_first_page_artifact(rencana):
    data = lkjip_data(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    pdf = lkjip_pdf(data)
    reader = PdfReader(io.BytesIO(pdf))
    text = teks(" ".join(page.extract_text() for page in reader.pages))
    assert "BAB III AKUNTABILITAS KINERJA" in text
    assert f"TAHUN {rencana.tahun}" in text.upper()
    assert "DRAFT — BELUM DISAHKAN" in text
    assert "PEMERINTAH KABUPATEN LUMAJANG" in text
    for item in data.indikator:
        assert f"{item.nomor}. {teks(item.ini.nama)}" in text
        assert fmt.persen(item.ini.kumulatif.capaian) in text
    assert fmt.angka(data.total_anggaran, 0) in text
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "lkjip-bab-iii.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing: no PNG of the first page")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(ARTIFACTS / "lkjip-bab-iii.pdf"),
            str(ARTIFACTS / "lkjip-halaman-1"),
        ],
        check=True,
        timeout=60,
    )
    png = ARTIFACTS / "lkjip-halaman-1.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_downloads_for_the_office(client, demo, rencana):
    client.force_login(demo["timsakip"].user)
    pdf = client.get(
        reverse("laporan:lkjip_pdf", args=[demo.dpmptsp.pk, rencana.tahun])
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert (
        f'filename="LKjIP-{rencana.tahun}-Bab-III-dpmptsp.pdf"'
        in pdf["Content-Disposition"]
    )
    assert (
        pdf.content.startswith(b"%PDF") and pdf["Cache-Control"] == "private, no-store"
    )
    word = client.get(
        reverse("laporan:lkjip_docx", args=[demo.dpmptsp.pk, rencana.tahun])
    )
    assert word.status_code == 200 and word["Content-Type"].endswith(
        "wordprocessingml.document"
    )
    assert (
        docx.Document(io.BytesIO(word.content)).paragraphs
        and word["Cache-Control"] == "private, no-store"
    )
    dashboard = client.get(reverse("laporan:dasbor")).content.decode()
    # the dashboard prepares them in the background (laporan/tests/test_lkjip_unduhan.py)
    assert reverse("unduhan:mulai", args=["lkjip-pdf"]) in dashboard
    assert reverse("unduhan:mulai", args=["lkjip-docx"]) in dashboard


@pytest.mark.parametrize("name", ["laporan:lkjip_pdf", "laporan:lkjip_docx"])
def test_download_access(client, demo, rencana, name):
    url = reverse(name, args=[demo.dpmptsp.pk, rencana.tahun])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(demo["kadin.kominfo"].user)
    assert client.get(url).status_code == 404
    client.force_login(get_user_model().objects.get(username="adminkab"))
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse(name, args=[demo.dpmptsp.pk, rencana.tahun - 3])).status_code
        == 404
    )
    assert client.get(reverse(name, args=[987654, rencana.tahun])).status_code == 404


def test_lkjip_runs_a_constant_number_of_queries(
    rencana, tahun_lalu, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lkjip_data(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    with CaptureQueriesContext(connection) as first:
        lkjip_data(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    sasaran = rencana.sasaran.first()
    for _n in range(8):
        ind = IndikatorFactory(sasaran=sasaran)
        Realisasi.objects.create(indikator=ind, triwulan=1, nilai=Decimal(50))
    with django_assert_num_queries(len(first.captured_queries)):
        data = lkjip_data(pd=rencana.perangkat_daerah, tahun=rencana.tahun)
    assert len(data.indikator) == Indikator.objects.for_pk(rencana).count()
