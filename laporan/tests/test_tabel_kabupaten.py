"""The kabupaten table's rows written by `baris_kabupaten` are the text the old template loop printed."""

import dataclasses
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation

from kinerja import calculations as calc
from laporan.selectors import ringkasan_kabupaten
from laporan.templatetags.tabel_kabupaten import baris_kabupaten

pytestmark = pytest.mark.django_db

# laporan/kabupaten.html's row loop before the tag (its {% empty %} branch stays in the page)
LOOP_LAMA = """{% load l10n i18n laporan_format %}""" + '  {% url \'laporan:dasbor\' as url_dasbor %}{% translate "Pengumpulan" as t_pengumpulan %}{% translate "Pengukuran" as t_pengukuran %}{% translate "belum dimulai" as t_belum_dimulai %}{% translate "Siklus belum dibuka" as t_belum_dibuka %}{% translate \'Kemajuan siklus\' as t_kemajuan %}{% translate "PK belum ada" as t_tanpa_pk %}\n  {% with tahun_id=tahun|unlocalize %}\n  {% for b in baris %}\n    <tr data-pd="{{ b.pd.pk|unlocalize }}">\n      <th scope="row" class="fw-normal"><a href="{{ url_dasbor }}?pd={{ b.pd.pk|unlocalize }}&amp;tahun={{ tahun_id }}&amp;tw={{ tw }}">{{ b.pd.nama }}</a></th>\n      <td class="small">{% if b.siklus %}{{ t_pengumpulan }}: {{ b.status_pengumpulan|default:"–" }}<br>{{ t_pengukuran }}: {% if b.status_pengukuran %}{{ b.status_pengukuran }}{% else %}{{ t_belum_dimulai }}{% endif %}{% else %}<span class="text-muted">{{ t_belum_dibuka }}</span>{% endif %}</td>\n      <td class="table-num" data-tahap="{{ b.tahap|default_if_none:\'\' }}">{% if b.tahap is not None %}<progress class="kemajuan" value="{{ b.tahap }}" max="11" aria-label="{{ t_kemajuan }}">{{ b.tahap }}/11</progress><span class="small">{{ b.tahap }}/11</span>{% else %}–{% endif %}</td>\n      <td class="table-num" data-capaian="{{ b.rata_rata_capaian|angka:2 }}">{% if b.ada_pk %}{{ b.rata_rata_capaian|persen }}<br>{% if b.predikat.nama %}<span class="badge badge-predikat" data-warna="{{ b.predikat.warna }}">{{ b.predikat.nama }}</span>{% else %}<span class="text-muted">–</span>{% endif %}\n{% else %}<span class="text-muted">{{ t_tanpa_pk }}</span>{% endif %}</td>\n      <td class="small sebaran-predikat">{% for band, n in b.sebaran %}{% if n %}<span class="text-nowrap me-2"><span class="chip-predikat" data-warna="{{ band.warna }}" aria-hidden="true"></span>{{ band.nama }}: {{ n }}</span> {% endif %}{% endfor %}</td>\n      <td class="table-num" data-terlambat="{{ b.terlambat }}">{% if b.terlambat %}<span class="badge badge-terlambat">{{ b.terlambat }}</span>{% if b.terlambat_berjalan %}<br><span class="small text-muted">{% blocktranslate with n=b.terlambat_berjalan %}{{ n }} masih berjalan{% endblocktranslate %}</span>{% endif %}{% else %}0{% endif %}</td>\n    </tr>\n  {% empty %}\n    <tr><td colspan="6" class="text-muted">{% translate "Belum ada perangkat daerah." %}</td></tr>\n  {% endfor %}\n  {% endwith %}\n'


def lama(baris, tahun, tw):
    teks = engines["django"].from_string(LOOP_LAMA).render({"baris": baris, "tahun": tahun, "tw": tw})
    # the loop's own lines around the rows
    kepala, ekor = "  \n  \n  ", "\n  \n"
    assert teks.startswith(kepala) and teks.endswith(ekor)
    return teks[len(kepala):-len(ekor)]


def ragam(baris):
    """The demo rows plus every branch: no cycle, no plan, no predikat, late steps (open ones too,
    thousands), a name to escape."""
    b = baris[0]
    band = calc.Predikat(batas_bawah=Decimal(0), nama="A<&>", warna='#"1"')
    extra = [
        dataclasses.replace(b, siklus=None, tahap=None, status_pengumpulan="", status_pengukuran=""),
        dataclasses.replace(b, jumlah_iku=0, rata_rata_capaian=None, predikat=None, sebaran=[]),
        dataclasses.replace(b, rata_rata_capaian=None, predikat=None),
        dataclasses.replace(b, terlambat_selesai=3, terlambat_berjalan=2, status_pengukuran="",
                            status_pengumpulan=""),
        dataclasses.replace(b, terlambat_selesai=1500, terlambat_berjalan=1200, tahap=0),
        dataclasses.replace(b, terlambat_selesai=0, terlambat_berjalan=0),
        dataclasses.replace(b, predikat=band, sebaran=[(band, 2), (band, 0), (band, 1234)]),
    ]
    return list(baris) + extra


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_rows_are_the_old_loops_text(demo, rencana, bahasa):
    baris = ragam(ringkasan_kabupaten(tahun=rencana.tahun, triwulan=2))
    nama_asli = baris[0].pd.nama
    try:
        baris[0].pd.nama = 'Dinas <A & "B">'
        with translation.override(bahasa):
            for tahun, tw in ((rencana.tahun, 2), (2031, 4)):
                assert baris_kabupaten(baris, tahun, tw) == lama(baris, tahun, tw)
    finally:
        baris[0].pd.nama = nama_asli
