"""The measurement table's rows are written in Python (`kinerja/templatetags/tabel_pengukuran.py`)
for speed; they must print exactly what the template loop with the `sop_ui` filters printed."""

from decimal import Decimal as D

import pytest
from django.template import engines
from django.utils import translation

from kinerja.selectors import BarisIndikator, GrupSasaran, TabelPengukuran
from kinerja.templatetags.tabel_pengukuran import _penulis
from laporan.format import angka_id

# The loop as it was in sop/_tabel_pengukuran.html, the reference for the text of every cell.
LOOP_TEMPLATE = engines["django"].from_string("""{% load sop_ui %}{% for b in g.indikator %}
    <tr>
      <td>{{ forloop.counter }}</td>
      <td>{{ b.nama }}{% if b.is_iku %} <span class="badge text-bg-primary">IKU</span>{% endif %}
        {% if b.catatan %}<div class="small text-muted">{{ b.catatan }}</div>{% endif %}</td>
      <td>{{ b.satuan }}</td>
      <td class="table-num">{{ b.target|angka:b.desimal }}{% if b.target_maks %}–{{ b.target_maks|angka:b.desimal }}{% endif %}</td>
      <td class="table-num">{{ b.realisasi|angka:b.desimal }}</td>
      <td class="table-num">{{ b.capaian|persen }}</td>
      <td>{% if b.predikat %}<span class="badge {{ b.predikat|kelas_predikat }}">{{ b.predikat }}</span>{% else %}—{% endif %}</td>
      {% if tabel.triwulan %}
      <td class="table-num">{{ b.realisasi_ytd|angka:b.desimal }}</td>
      <td class="table-num">{{ b.target_tahunan|angka:b.desimal }}{% if b.target_tahunan_maks %}–{{ b.target_tahunan_maks|angka:b.desimal }}{% endif %}</td>
      <td class="table-num">{{ b.capaian_ytd|persen }}</td>
      {% endif %}
    </tr>
    {% endfor %}""")
TAG_TEMPLATE = engines["django"].from_string(
    "{% load tabel_pengukuran %}{% baris_indikator g.indikator tabel.triwulan %}"
)
FOOT_TEMPLATES = (
    engines["django"].from_string("{% load sop_ui %}{{ x|angka }}|{{ x|persen }}|{{ x|angka:2 }}"),
    engines["django"].from_string("{% load tabel_pengukuran %}{{ x|angka_tabel }}|{{ x|persen_tabel }}|{{ x|angka_tabel:2 }}"),
)


def _baris(i: int, **kw) -> BarisIndikator:
    nilai = dict(
        id=i, kode=f"I{i}", nama=f"Indikator {i}", satuan="%", is_iku=i % 2 == 0, polaritas="naik",
        agregasi="terakhir", desimal=i % 5, unit="", target=D("1234.5678") * i, target_maks=None,
        target_tahunan=D("1000"), target_tahunan_maks=None, realisasi=D("987654.321") / i, capaian=D("87.125") + i,
        realisasi_ytd=None, capaian_ytd=D("0.005"), predikat="Sangat Tinggi" if i % 3 else None,
        warna=None, realisasi_per_tw={},
    )
    nilai.update(kw)
    return BarisIndikator(**nilai)


ROWS = [
    _baris(1),
    _baris(2, nama="<b>Waktu & biaya</b> \"layanan\"", catatan="turun <karena> libur & 'cuti'", satuan="<hari>"),
    _baris(3, target=D("3"), target_maks=D("5"), target_tahunan=D("0"), target_tahunan_maks=D("0")),
    _baris(4, target=D("-0.0004"), realisasi=D("0"), capaian=D("-12.345"), capaian_ytd=D("100.005"),
           predikat="Rendah", target_tahunan_maks=D("2500000.5")),
    _baris(5, target=None, realisasi=None, capaian=None, realisasi_ytd=D("1E+3"), target_tahunan=D("12345678901.2345")),
    _baris(6, realisasi=D("1234567.89999"), desimal=0, predikat="Tinggi", catatan=""),
]


@pytest.mark.parametrize("bahasa", ["id", "en"])
@pytest.mark.parametrize("triwulan", [2, None])
def test_rows_print_what_the_template_loop_printed(triwulan, bahasa):
    g = GrupSasaran(id=1, kode="S1", uraian="Sasaran", indikator=ROWS)
    tabel = TabelPengukuran(
        perjanjian_id=1, perangkat_daerah="Dinas", tahun=2026, versi=1, triwulan=triwulan, sasaran=[g], anggaran=[],
        total_anggaran=D(0), total_realisasi_anggaran=None, serapan_total=None, total_anggaran_tahunan=D(0),
        total_realisasi_anggaran_ytd=None, serapan_total_ytd=None, rata_rata_capaian=None, predikat=None, warna=None,
    )
    ctx = {"g": g, "tabel": tabel}
    with translation.override(bahasa):
        html = TAG_TEMPLATE.render(ctx)
        assert html == LOOP_TEMPLATE.render(ctx)
    assert "&lt;b&gt;Waktu &amp; biaya&lt;/b&gt;" in html and "<b>" not in html
    ribu = "1.000" if bahasa == "id" else "1,000"
    assert (f"<td class=\"table-num\">{ribu}</td>" in html) is bool(triwulan)


def test_indonesian_numbers_need_no_format_lookup():
    with translation.override("id"):
        assert _penulis() is angka_id


@pytest.mark.parametrize("x", [None, "", D("0"), D("1234567.125"), D("-0.005"), D("99.995"), D("1E+3"), 7, "abc"])
def test_total_filters_print_what_sop_ui_printed(x):
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            lama, baru = (t.render({"x": x}) for t in FOOT_TEMPLATES)
        assert baru == lama


def test_indonesian_fast_path_writes_what_angka_id_writes():
    """`_angka`/`_persen` write an ordinary Indonesian number with Python's grouping
    (`_id_cepat`) rather than `angka_id`: the same text for every value and decimals,
    zeros (signed, with decimals), integers written with an exponent, and the
    extraordinary ones (tiny, huge, more than 20 decimals) that go to `angka_id` still."""
    import random

    from kinerja.templatetags.tabel_pengukuran import _angka, _persen

    def lewat_angka_id(d, n):  # not `angka_id` itself: the fast path is taken for that one only
        return angka_id(d, n)

    acak = random.Random(7)
    nilai = [D("0"), D("-0"), D("0E+3"), D("-0.000"), D("1E+3"), D("-1E+3"), D("0.005"), D("-0.005"), D("99.995"),
             D("1234567.125"), D("1E-25"), D("-1E+40"), D("12345678901234567890123456789.5"), 7, "12.50", D("Infinity")]
    nilai += [D(acak.randint(-10 ** acak.randint(0, 15), 10 ** acak.randint(0, 15))).scaleb(-acak.randint(0, 12))
              for _ in range(3000)]
    for v in nilai:
        for desimal in (None, "", 0, 1, 2, 3, 5, 20, 25):
            assert _angka(v, desimal, angka_id) == _angka(v, desimal, lewat_angka_id), (v, desimal)
        if not isinstance(v, D) or v.is_finite():
            assert _persen(v, angka_id) == _persen(v, lewat_angka_id), v
