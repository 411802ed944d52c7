"""What the SOP pages' templates print: the measurement table and the data entry grid
with each value at its indicator's own decimals (half up, through umum.format), user
text escaped, one empty mark; and the review page printing the same numbers as the
signed PDF of the same quarter."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kinerja.models import BuktiDukung, Indikator, Realisasi, TargetTriwulan
from kinerja.selectors import BarisIndikator, GrupSasaran, TabelPengukuran
from organisasi.models import Pegawai
from sop.forms import RealisasiForm
from sop.models import PemeriksaanIndikator
from umum.format import KOSONG

# --- the measurement table (sop/_tabel_pengukuran.html) -----------------------------------------------------


def _baris(
    pk: int,
    *,
    nama="Persentase izin terbit",
    desimal=2,
    target=None,
    target_maks=None,
    realisasi=None,
    capaian=None,
    predikat=None,
    catatan="",
) -> BarisIndikator:
    return BarisIndikator(
        id=pk,
        kode="",
        nama=nama,
        satuan="%",
        is_iku=True,
        polaritas="naik",
        agregasi="terakhir",
        desimal=desimal,
        unit="",
        target=target,
        target_maks=target_maks,
        target_tahunan=Decimal("100"),
        target_tahunan_maks=None,
        realisasi=realisasi,
        capaian=capaian,
        realisasi_ytd=realisasi,
        capaian_ytd=capaian,
        predikat=predikat,
        warna=None,
        realisasi_per_tw={},
        catatan=catatan,
    )


def _tabel(*baris: BarisIndikator, anggaran=()) -> TabelPengukuran:
    return TabelPengukuran(
        perjanjian_id=1,
        perangkat_daerah="DPMPTSP",
        tahun=2026,
        versi=1,
        triwulan=2,
        sasaran=[
            GrupSasaran(
                id=1,
                kode="S1",
                uraian="Meningkatnya <mutu> layanan",
                indikator=list(baris),
            )
        ],
        anggaran=list(anggaran),
        total_anggaran=Decimal("1250000"),
        total_realisasi_anggaran=Decimal("1000000.5"),
        serapan_total=Decimal("80.00004"),
        total_anggaran_tahunan=Decimal("5000000"),
        total_realisasi_anggaran_ytd=None,
        serapan_total_ytd=None,
        rata_rata_capaian=Decimal("87.125"),
        predikat="Sangat Tinggi",
        warna=None,
    )


def _sel(html: str) -> list[list[str]]:
    """The text of each body row's cells."""
    badan = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            re.sub(r"<[^>]+>", "", td).strip()
            for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", badan, re.S)
    ]


def _render_tabel(tabel: TabelPengukuran) -> str:
    with translation.override("id"):
        return render_to_string("sop/_tabel_pengukuran.html", {"tabel": tabel})


def test_table_prints_each_value_at_its_indicators_decimals_half_up():
    html = _render_tabel(
        _tabel(
            _baris(
                1,
                desimal=2,
                target=Decimal("40"),
                realisasi=Decimal("34.85"),
                capaian=Decimal("87.125"),
            ),
            _baris(
                2,
                desimal=0,
                target=Decimal("1234.5"),
                target_maks=Decimal("2000"),
                realisasi=Decimal("999.5"),
                capaian=Decimal("99.995"),
            ),
            _baris(
                3,
                desimal=3,
                target=Decimal("0.0625"),
                realisasi=Decimal("0.0005"),
                capaian=Decimal("0.8"),
            ),
        )
    )
    satu, dua, tiga = _sel(html)
    assert satu[3:6] == ["40,00", "34,85", "87,13 %"]
    assert dua[3:6] == ["1.235–2.000", "1.000", "100,00 %"]
    assert tiga[3:6] == ["0,063", "0,001", "0,80 %"]
    assert dua[7:10] == [
        "1.000",
        "100",
        "100,00 %",
    ]  # year to date and the year's target, same decimals
    assert "87,13 %" in html.split("<tfoot>", 1)[1]  # the average


def test_table_shows_one_empty_mark_for_a_missing_value():
    html = _render_tabel(
        _tabel(
            _baris(1, target=Decimal("25"), realisasi=None, capaian=None, predikat=None)
        )
    )
    (baris,) = _sel(html)
    assert baris[3:7] == ["25,00", KOSONG, KOSONG, KOSONG]
    assert "None" not in html


def test_table_escapes_text_typed_by_people():
    html = _render_tabel(
        _tabel(
            _baris(
                1, nama="<b>x</b>", catatan="naik & <i>turun</i>", realisasi=Decimal(1)
            )
        )
    )
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert "naik &amp; &lt;i&gt;turun&lt;/i&gt;" in html
    assert "Meningkatnya &lt;mutu&gt; layanan" in html


def test_table_prints_budget_as_rupiah():
    from kinerja.selectors import BarisAnggaran

    anggaran = BarisAnggaran(
        id=1,
        kode="1.01",
        nama="Program <A>",
        anggaran=Decimal("1250000"),
        realisasi=Decimal("999999.5"),
        serapan=Decimal("80.005"),
        anggaran_tahunan=Decimal("5000000"),
        realisasi_ytd=None,
        serapan_ytd=None,
    )
    html = _render_tabel(_tabel(_baris(1), anggaran=[anggaran]))
    assert (
        '<td>Program &lt;A&gt;</td><td class="table-num">Rp 1.250.000</td>'
        '<td class="table-num">Rp 1.000.000</td><td class="table-num">80,01 %</td>'
        in html
    )
    assert "Rp 1.000.001" in html and "80,00 %" in html  # the totals


# --- the data entry grid (sop/_baris_realisasi.html) --------------------------------------------------------


def _baris_tugas(
    pk: int,
    *,
    nama="Persentase <layanan> & izin",
    desimal=2,
    target=None,
    realisasi=None,
    sebelumnya=None,
    bukti=(),
    pemeriksaan=None,
) -> SimpleNamespace:
    """A grid row as the view passes it (indikator, target, realisasi, sebelumnya, bukti, pemeriksaan)."""
    ind = Indikator(
        pk=pk, kode="IKU 1.1", nama=nama, satuan="%", is_iku=True, desimal=desimal
    )
    return SimpleNamespace(
        indikator=ind,
        target=target,
        realisasi=realisasi,
        sebelumnya=sebelumnya,
        bukti=list(bukti),
        pemeriksaan=pemeriksaan,
        dikembalikan=pemeriksaan is not None and not pemeriksaan.diterima,
    )


def _form(row: SimpleNamespace, data=None, files=None) -> RealisasiForm:
    r = row.realisasi
    form = RealisasiForm(
        data,
        files,
        prefix=f"r{row.indikator.pk}",
        indikator=row.indikator,
        initial={
            "nilai": r.nilai if r else None,
            "catatan": r.catatan if r else "",
            "revisi": r.revisi if r else 0,
        },
    )
    if data is not None:
        form.is_valid()
    return form


def _grid(pasangan, *, bisa_isi: bool) -> str:
    with translation.override("id"):
        return render_to_string(
            "sop/_baris_realisasi.html",
            {"pasangan": pasangan, "bisa_isi": bisa_isi, "judul_target": "Target TW I"},
        )


def _rapat(html: str) -> str:
    return re.sub(r"\s+", " ", html)


@pytest.mark.parametrize("bisa_isi", [True, False])
def test_grid_prints_target_and_previous_value_at_the_indicators_decimals(bisa_isi):
    row = _baris_tugas(
        7,
        desimal=1,
        target=TargetTriwulan(
            target=Decimal("1234.55"),
            target_maks=Decimal("2000"),
            rencana_aksi="Rapat <b>koordinasi</b>",
        ),
        realisasi=Realisasi(pk=3, nilai=Decimal("81.25"), catatan="", revisi=4),
        sebelumnya=Decimal("-0.25"),
    )
    html = _rapat(_grid([(_form(row), row)], bisa_isi=bisa_isi))
    assert (
        '<dd class="fs-5 target-tw">1.234,6–2.000,0 <span class="fs-6">%</span></dd>'
        in html
    )
    assert "<dd>-0,3</dd>" in html  # half up, away from zero
    assert "Rapat &lt;b&gt;koordinasi&lt;/b&gt;" in html
    assert "Persentase &lt;layanan&gt; &amp; izin" in html
    if bisa_isi:
        assert 'name="r7-nilai"' in html and 'name="r7-revisi" value="4"' in html
    else:
        assert '<dd class="fs-5">81,3 <span class="fs-6">%</span></dd>' in html
        assert f"<dd>{KOSONG}</dd>" in html  # no note: the one empty mark
        assert 'name="r7-nilai"' not in html


def test_grid_without_target_or_value_shows_the_empty_mark():
    row = _baris_tugas(8)
    html = _rapat(_grid([(_form(row), row)], bisa_isi=False))
    assert (
        f'<dd class="fs-5 target-tw">{KOSONG} <span class="fs-6">%</span></dd>' in html
    )
    assert f'<dd class="fs-5">{KOSONG} <span class="fs-6">%</span></dd>' in html
    assert "None" not in html and "Belum ada bukti dukung." in html


def test_grid_field_error_is_shown_beside_the_field_and_named_by_it():
    row = _baris_tugas(9)
    form = _form(
        row, {"r9-nilai": "lima", "r9-catatan": "<b>baru</b>", "r9-revisi": "0"}, {}
    )
    assert form.errors["nilai"]
    html = _rapat(_grid([(form, row)], bisa_isi=True))
    assert (
        'aria-invalid="true"' in html and 'aria-describedby="id_r9-nilai_error"' in html
    )
    assert (
        f'<div id="id_r9-nilai_error" class="invalid-feedback d-block"><strong>{form.errors["nilai"][0]}'
        in html
    )
    assert 'value="lima"' in html  # what was typed stays
    assert "&lt;b&gt;baru&lt;/b&gt;</textarea>" in html
    assert '<label class="form-label" for="id_r9-nilai">Realisasi (%)</label>' in html
    assert 'aria-describedby="id_r9-berkas_helptext"' in html
    assert (
        '<div id="id_r9-berkas_helptext" class="form-text">PDF, PNG, JPEG atau XLSX.</div>'
        in html
    )


def test_grid_shows_the_returned_reason_and_the_evidence_files():
    pemeriksa = Pegawai(nama="Budi <Santoso>")
    row = _baris_tugas(
        10,
        bukti=[BuktiDukung(pk=5, nama_asli="rekap <final>.pdf", ukuran=123456)],
        pemeriksaan=PemeriksaanIndikator(
            putaran=2,
            diterima=False,
            alasan="Bukti <tidak> terbaca.",
            diperiksa_oleh=pemeriksa,
        ),
    )
    html = _rapat(
        _grid(
            [
                (
                    _form(row, None, {"r10-berkas": SimpleUploadedFile("a.pdf", b"x")}),
                    row,
                )
            ],
            bisa_isi=True,
        )
    )
    assert (
        "border-warning" in html
        and "putaran 2, Budi &lt;Santoso&gt;): Bukti &lt;tidak&gt; terbaca." in html
    )
    assert (
        f'<a href="{reverse("sop:bukti_unduh", args=[5])}">rekap &lt;final&gt;.pdf</a>'
        in html
    )
    assert "(120,6 KB)" in html  # filesizeformat's no-break space, collapsed by _rapat


# --- the review page and the signed PDF ----------------------------------------------------------------------


@pytest.mark.django_db
def test_review_page_and_signed_pdf_print_the_same_numbers(client, demo, plan, quarter):
    """Capaian ties (34,85 of 40 = 87,125 %) print "87,13 %" on the Kadin's review page and
    in the document he signs; targets and realisasi at the indicator's decimals in both."""
    from pypdf import PdfReader

    inds = list(Indikator.objects.for_pk(plan).order_by("urutan"))
    TargetTriwulan.objects.filter(indikator=inds[0], triwulan=1).update(
        target=Decimal("40")
    )
    Indikator.objects.filter(pk=inds[1].pk).update(desimal=0)
    nilai = {
        inds[0].pk: Decimal("34.85"),
        inds[1].pk: Decimal("21.7813"),
        inds[2].pk: Decimal("20"),
    }
    quarter.nilai = lambda ind: nilai[ind.pk]
    quarter.upto("pass_review")
    client.force_login(demo["kadin"].user)
    halaman = client.get(
        reverse("sop:pengukuran_reviu", args=[quarter.siklus.pk])
    ).content.decode()
    quarter.pass_review()
    dok = quarter.ratify()
    dok.refresh_from_db()
    with dok.berkas.open("rb") as f:
        pdf = " ".join(
            " ".join(p.extract_text().split())
            for p in PdfReader(BytesIO(f.read())).pages
        )
    baris = {  # target, realisasi, capaian as both print them
        inds[0].nama: ("40,00", "34,85", "87,13 %"),
        inds[1].nama: ("25", "22", "87,13 %"),
        inds[2].nama: ("25,00", "20,00", "80,00 %"),
    }
    sel = {
        r[1].split("\n")[0].removesuffix(" IKU").strip(): r[3:6] for r in _sel(halaman)
    }
    for nama, (target, realisasi, capaian) in baris.items():
        assert sel[nama] == [target, realisasi, capaian], nama
        assert f"{nama} (IKU) % {target} {realisasi} {capaian}" in pdf, nama
    assert "87,12" not in halaman and "87,12" not in pdf


# --- the quarter page and the kabupaten overview -------------------------------------------------------------


@pytest.mark.django_db
def test_quarter_page_lists_steps_tasks_and_trail_with_text_escaped(
    client, demo, quarter
):
    q = quarter.upto("check")
    q.check(
        dikembalikan={
            q.indikator[0].pk: "Bukti <belum> lengkap\nmohon dilengkapi & diunggah"
        }
    )
    anggota = demo["timkerja2"]
    anggota.gelar_belakang = "S.E. <M&M>"
    anggota.save()
    client.force_login(demo["kadin"].user)
    html = client.get(reverse("sop:siklus_detail", args=[q.siklus.pk])).content.decode()
    assert "Bukti &lt;belum&gt; lengkap<br>mohon dilengkapi &amp; diunggah" in html
    assert "&lt;M&amp;M&gt;" in html and "<M&M>" not in html
    assert f'href="{reverse("sop:tugas_isi", args=[q.tugas("timkerja").pk])}"' in html
    assert (
        "Dikembalikan" in html and "Berjalan" in html
    )  # a task's status, a running step's badge
    assert (
        html.count('<th scope="rowgroup" colspan="8">') == 1
    )  # one group row: only SOP A has steps yet


@pytest.mark.django_db
def test_kabupaten_overview_rows_escape_office_names(client, demo, quarter):
    from django.contrib.auth import get_user_model

    quarter.open()
    demo.kominfo.nama = "Dinas <Kominfo> & Persandian"
    demo.kominfo.save()
    client.force_login(get_user_model().objects.get(username="adminkab"))
    html = client.get(reverse("sop:kabupaten")).content.decode()
    assert "Dinas &lt;Kominfo&gt; &amp; Persandian" in html and "<Kominfo>" not in html
    assert "Belum ada siklus" in html  # the office without a quarter
    assert f'href="{reverse("sop:siklus_detail", args=[quarter.siklus.pk])}"' in html
