"""The data entry grid (SOP A step 4) written in Python prints what its template printed:
the rows (`{% baris_realisasi %}`) against the `{% for %}` loop they replaced, for empty,
filled, returned and read-only rows and refused forms, in Indonesian and English."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import translation

from kinerja.models import BuktiDukung, Indikator, Realisasi, TargetTriwulan
from organisasi.models import Pegawai
from sop.forms import RealisasiForm
from sop.selectors.pengumpulan import BarisTugas
from sop.models import PemeriksaanIndikator

# The loop of sop/tugas_isi.html before the rows were written in Python.
LOOP = """{% for f, row in pasangan %}
  <section class="card mb-3 baris-realisasi{% if row.dikembalikan and bisa_isi %} border-warning{% endif %}" aria-labelledby="ind-{{ row.indikator.pk|unlocalize }}">
    <div class="card-header">
      <h2 class="h6 mb-0" id="ind-{{ row.indikator.pk|unlocalize }}">{% if row.indikator.kode %}{{ row.indikator.kode }} {% endif %}{{ row.indikator.nama }}
        {% if row.indikator.is_iku %}<span class="badge text-bg-primary">IKU</span>{% endif %}</h2>
    </div>
    <div class="card-body">
      {% if row.dikembalikan %}
      <div class="alert alert-warning py-2 small" role="alert">
        <strong>{% translate "Dikembalikan" %}</strong> ({% blocktranslate with p=row.pemeriksaan.putaran %}putaran {{ p }}{% endblocktranslate %}, {{ row.pemeriksaan.diperiksa_oleh }}): {{ row.pemeriksaan.alasan }}
      </div>
      {% endif %}
      <div class="row g-3">
        <div class="col-md-3">
          <dl class="small mb-0">
            <dt>{{ judul_target }}</dt>
            <dd class="fs-5 target-tw">{{ row.target.target|angka }}{% if row.target.target_maks %}–{{ row.target.target_maks|angka }}{% endif %} <span class="fs-6">{{ row.indikator.satuan }}</span></dd>
            <dt>{% translate "Realisasi triwulan sebelumnya" %}</dt>
            <dd>{{ row.sebelumnya|angka }}</dd>
            {% if row.target.rencana_aksi %}<dt>{% translate "Rencana aksi" %}</dt><dd>{{ row.target.rencana_aksi }}</dd>{% endif %}
          </dl>
        </div>
        {% if bisa_isi %}
        <div class="col-md-5">
          {% widget f.revisi %}
          {% bidang f.nilai %}
          {% bidang f.catatan %}
        </div>
        <div class="col-md-4">
          <p class="small fw-semibold mb-1">{% translate "Bukti dukung" %}</p>
          {% daftar_bukti row.bukti %}
          {% bidang f.berkas %}
        </div>
        {% else %}
        <div class="col-md-5">
          <dl class="small mb-0">
            <dt>{% translate "Realisasi" %}</dt><dd class="fs-5">{{ row.realisasi.nilai|angka }} <span class="fs-6">{{ row.indikator.satuan }}</span></dd>
            <dt>{% translate "Catatan" %}</dt><dd>{{ row.realisasi.catatan|default:"—" }}</dd>
          </dl>
        </div>
        <div class="col-md-4">
          <p class="small fw-semibold mb-1">{% translate "Bukti dukung" %}</p>
          {% daftar_bukti row.bukti %}
        </div>
        {% endif %}
      </div>
    </div>
  </section>
  {% endfor %}"""
TAG = "{% baris_realisasi pasangan bisa_isi judul_target %}"
AWAL = ("{% load l10n i18n sop_ui %}{% blocktranslate with periode=periode asvar judul_target %}"
        "Target {{ periode }}{% endblocktranslate %}")


def _baris(pk, *, kode="IKU 1.1", nama="Persentase <layanan> & izin", satuan="%", is_iku=True, target=None,
           realisasi=None, sebelumnya=None, bukti=(), pemeriksaan=None) -> BarisTugas:
    ind = Indikator(pk=pk, kode=kode, nama=nama, satuan=satuan, is_iku=is_iku, desimal=2)
    return BarisTugas(indikator=ind, target=target, realisasi=realisasi, sebelumnya=sebelumnya, bukti=list(bukti),
                      pemeriksaan=pemeriksaan)


def _form(row, data=None, files=None):
    r = row.realisasi
    form = RealisasiForm(data, files, prefix=f"r{row.indikator.pk}", indikator=row.indikator,
                         initial={"nilai": r.nilai if r else None, "catatan": r.catatan if r else "",
                                  "revisi": r.revisi if r else 0})
    if data is not None:
        form.is_valid()
    return form


def _pasangan():
    pemeriksa = Pegawai(nama="Budi <Santoso>", gelar_depan="Dr.", gelar_belakang="M.Si")
    rows = [
        _baris(7),
        _baris(1234, kode="", is_iku=False, satuan="dokumen",
               target=TargetTriwulan(target=Decimal("1234.50"), target_maks=Decimal("2000"), rencana_aksi="Rapat <b>"),
               realisasi=Realisasi(pk=3, nilai=Decimal("81.3200"), catatan='catatan "lama" & <x>', revisi=4),
               sebelumnya=Decimal("-0.5"),
               bukti=[BuktiDukung(pk=9, nama_asli="rekap <1>.pdf", ukuran=123456)],
               pemeriksaan=PemeriksaanIndikator(putaran=1, diterima=True, alasan="")),
        _baris(55, target=TargetTriwulan(target=Decimal("0"), target_maks=Decimal("0"), rencana_aksi=""),
               realisasi=Realisasi(pk=4, nilai=None, catatan="", revisi=0),
               pemeriksaan=PemeriksaanIndikator(putaran=1234, diterima=False, alasan="Bukti <tidak> terbaca.",
                                                diperiksa_oleh=pemeriksa)),
        _baris(56, pemeriksaan=PemeriksaanIndikator(putaran=2, diterima=False, alasan="",
                                                                 diperiksa_oleh=Pegawai(nama="Ani"))),
    ]
    kosong = [(_form(row), row) for row in rows]
    ditolak = [
        (_form(rows[0], {"r7-nilai": "lima", "r7-catatan": "x" * 4001, "r7-revisi": "-1"}, {}), rows[0]),
        (_form(rows[1], {"r1234-nilai": "1.234,5", "r1234-catatan": "<b>baru</b>\nbaris", "r1234-revisi": "4"},
               {"r1234-berkas": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}), rows[1]),
        (_form(rows[2], {"r55-nilai": "", "r55-catatan": "", "r55-revisi": ""}, {}), rows[2]),
        (_form(rows[3]), rows[3]),
    ]
    return kosong, ditolak


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("bisa_isi", [True, False])
@pytest.mark.parametrize("jenis", ["kosong", "ditolak"])
def test_rows_are_the_loop_byte_for_byte(lang, bisa_isi, jenis):
    kosong, ditolak = _pasangan()
    pasangan = kosong if jenis == "kosong" else ditolak
    assert all(f.errors for f, _r in ditolak[:1]) and not ditolak[1][0].errors
    with translation.override(lang):
        ctx = {"pasangan": pasangan, "bisa_isi": bisa_isi, "periode": "Triwulan III <2026>"}
        lama = Template(AWAL + LOOP).render(Context(ctx))
        baru = Template(AWAL + TAG).render(Context(ctx))
    assert baru == lama
    assert baru.count("<section ") == 4


def test_no_rows_print_nothing():
    assert Template(AWAL + TAG).render(Context({"pasangan": [], "bisa_isi": True, "periode": "x"})) == ""


def test_the_template_uses_the_tag_where_the_loop_was():
    teks = get_template("sop/tugas_isi.html").template.source
    assert TAG in teks and "{% for f, row in pasangan %}" not in teks
