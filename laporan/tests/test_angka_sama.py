"""A capaian prints the same on the dashboard, in the LKjIP PDF and in its .docx: one
formatting module, half up at two decimals (87,125 → "87,13 %", 99,995 → "100,00 %")."""

import io
from decimal import Decimal

import docx
import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from kinerja.models import Realisasi
from kinerja.tests.factories import (
    IndikatorFactory,
    PerjanjianKinerjaFactory,
    SasaranFactory,
)
from laporan.docx import lkjip_docx
from laporan.pdf import lkjip_pdf
from laporan.selectors import lkjip_data
from organisasi.tests.factories import PerangkatDaerahFactory

pytestmark = pytest.mark.django_db

# (annual target, TW I realisasi, the year-to-date capaian as printed)
KASUS = {
    "T1": ("800", "697", "87,13 %"),  # 87,125
    "T2": ("400", "399.98", "100,00 %"),  # 99,995
    "T3": ("800", "697.96", "87,25 %"),  # 87,245
}


@pytest.fixture
def kantor(demo, tahun):
    pd = PerangkatDaerahFactory(
        nama="Dinas Uji Angka", singkatan="DUA", kabupaten=demo.dpmptsp.kabupaten
    )
    pk = PerjanjianKinerjaFactory(perangkat_daerah=pd, tahun=tahun)
    sasaran = SasaranFactory(perjanjian=pk, kode="S1")
    for kode, (target, nilai, _teks) in KASUS.items():
        ind = IndikatorFactory(
            sasaran=sasaran, kode=kode, target_tahunan=Decimal(target), desimal=2
        )
        Realisasi.objects.create(
            indikator=ind, triwulan=1, nilai=Decimal(nilai), revisi=1
        )
    return pd


def test_ties_print_alike_on_the_dashboard_in_the_pdf_and_in_word(
    client, kantor, tahun
):
    client.force_login(get_user_model().objects.get(username="adminkab"))
    response = client.get(
        reverse("laporan:dasbor"), {"pd": kantor.pk, "tahun": tahun, "tw": 1}
    )
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    data = lkjip_data(pd=kantor, tahun=tahun)
    assert data.sampai == 1
    pdf = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(lkjip_pdf(data))).pages
    )
    pdf = " ".join(pdf.split())
    word = docx.Document(io.BytesIO(lkjip_docx(data)))
    sel = [c.text for t in word.tables for row in t.rows for c in row.cells]
    for item in data.indikator:
        harap = KASUS[item.ini.kode][2]
        row = doc.xpath(
            f'//table[@id="tabel-capaian"]//tr[@data-indikator="{item.ini.id}"]'
        )[0]
        ytd = row.xpath("./td[@data-capaian]")[-1]
        assert ytd.text.strip() == harap
        assert ytd.get("data-capaian") == harap.removesuffix(" %")
        assert harap in pdf
        assert harap in sel
