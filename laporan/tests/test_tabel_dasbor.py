"""The dashboard's IKU rows written by `baris_iku` are the text the old template loop printed."""

import dataclasses
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation

from laporan.selectors import dasbor_kantor
from laporan.selectors.siklus import LangkahKuartal, StatusSOP
from laporan.templatetags.tabel_dasbor import (
    baris_iku, baris_langkah, baris_program, kartu_grafik_iku, kartu_sop,
)

pytestmark = pytest.mark.django_db

# laporan/dasbor.html's IKU row loop before the tag
LOOP_LAMA = "{% load l10n laporan_format %}" + '    {% for i in dasbor.iku %}\n      <tr data-indikator="{{ i.id|unlocalize }}">\n        <th scope="row" class="fw-normal">{{ i.judul }}</th>\n        <td>{{ i.satuan }}</td>\n        <td class="table-num">{{ i.target_tahunan|angka:i.desimal }}</td>\n        {% for b in i.batang %}<td class="table-num" data-capaian="{{ b.capaian|angka:2 }}">{{ b.capaian|persen }}{% if b.predikat %}<br><span class="small text-muted">{{ b.predikat }}</span>{% endif %}</td>{% endfor %}\n        <td class="table-num">{{ i.kumulatif.realisasi|angka:i.desimal }}</td>\n      </tr>\n    {% endfor %}\n'


def ragam(iku):
    """The demo IKUs plus text to escape, other decimals, missing values and large numbers."""
    i = iku[0]
    b = i.batang[0]
    kosong = dataclasses.replace(b, capaian=None, predikat=None, realisasi=None)
    besar = dataclasses.replace(b, capaian=Decimal("12345.675"), predikat='<"x">')
    return list(iku) + [
        dataclasses.replace(i, id=123456, kode="<K&1>", nama='N "a"', satuan="<%>", desimal=0,
                            target_tahunan=Decimal("1234567.5")),
        dataclasses.replace(i, desimal=3, target_tahunan=None, triwulan=[kosong, besar, kosong, b],
                            kumulatif=dataclasses.replace(i.kumulatif, realisasi=Decimal("-0.0004"))),
    ]


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_rows_are_the_old_loops_text(demo, rencana, bahasa):
    for tw in (1, 2, 4):
        iku = ragam(dasbor_kantor(pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=tw).iku)
        with translation.override(bahasa):
            lama = engines["django"].from_string(LOOP_LAMA).render({"dasbor": {"iku": iku}})
            assert "    " + baris_iku(iku) + "\n" == lama


# the programme and SOP step loops before their tags
LOOP_PROGRAM = "{% load l10n laporan_format %}" + '    {% for p in dasbor.program %}\n      <tr data-program="{{ p.id|unlocalize }}"><th scope="row" class="fw-normal">{% if p.kode %}{{ p.kode }} {% endif %}{{ p.nama }}</th>\n        <td class="table-num">{{ p.anggaran|rupiah }}</td><td class="table-num">{{ p.rencana_sd|rupiah }}</td>\n        <td class="table-num">{{ p.realisasi_sd|rupiah }}</td><td class="table-num" data-serapan="{{ p.serapan_sd|angka:2 }}">{{ p.serapan_sd|persen }}</td>\n        <td class="table-num">{{ p.serapan_tw|persen }}</td></tr>\n    {% endfor %}\n'
LOOP_LANGKAH = "{% load i18n %}" + '          {% for lk in sop.langkah %}\n            <tr><td>{{ lk.nomor }}</td><td class="small">{{ lk.kegiatan }}<br><span class="text-muted">{{ lk.pelaksana }}</span></td>\n              <td class="small">{{ lk.standar }}</td><td class="table-num small">{{ lk.menit_teks|default:"–" }}</td>\n              <td><span class="badge {% if lk.status == \'selesai\' %}text-bg-success{% elif lk.status == \'berjalan\' %}text-bg-primary{% else %}text-bg-light border{% endif %}">{{ lk.status_label }}</span>\n                {% if lk.terlambat %}<span class="badge badge-terlambat">{% translate "lewat standar" %}</span>{% endif %}</td></tr>\n          {% endfor %}\n'


def lama(teks, **context):
    return engines["django"].from_string(teks).render(context)


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_programme_rows_are_the_old_loops_text(demo, rencana, bahasa):
    program = dasbor_kantor(pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=2).program
    p = program[0]
    program = list(program) + [
        dataclasses.replace(p, id=12345, kode="", nama='<P & "Q">', realisasi_sd=None, serapan_sd=None,
                            serapan_tw=None),
        dataclasses.replace(p, kode="<1.2>", anggaran=Decimal("1234567890123.456"), serapan_sd=Decimal("-0.005")),
    ]
    with translation.override(bahasa):
        assert "    " + baris_program(program) + "\n" == lama(LOOP_PROGRAM, dasbor={"program": program})


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_step_rows_are_the_old_loops_text(bahasa):
    def langkah(**kw):
        nilai = dict(nomor=1, kode="A1", kegiatan="Disposisi <Kadin> & \"x\"", pelaksana="Kepala Dinas",
                     standar="5 menit", standar_menit=5, status="selesai", jumlah=1, menit=7, terlambat=True)
        return LangkahKuartal(**{**nilai, **kw})

    daftar = [
        langkah(), langkah(nomor=2, status="berjalan", menit=None, terlambat=False),
        langkah(nomor=3, status="belum", jumlah=0, menit=None, standar_menit=None, terlambat=False),
        langkah(nomor=1234, status="lain", menit=100000, pelaksana="<P>", standar="2 hari"),
    ]
    with translation.override(bahasa):
        assert "          " + baris_langkah(daftar) + "\n" == lama(LOOP_LANGKAH, sop={"langkah": daftar})


# laporan/dasbor.html's IKU chart card loop before the tag
LOOP_KARTU = "{% load i18n %}" + """    {% for i in dasbor.iku %}
    <div class="col-md-6 col-xl-4">
      <figure class="card h-100 mb-0"><div class="card-body">
        <figcaption class="small fw-semibold mb-2">{{ i.judul }} <span class="text-muted fw-normal">({{ i.satuan }})</span></figcaption>
        <div class="grafik grafik-iku"><canvas data-grafik="capaian" data-indeks="{{ forloop.counter0 }}" role="img" aria-label="{% blocktranslate with nama=i.nama %}Grafik capaian {{ nama }}; angka lengkap ada pada tabel di bawah.{% endblocktranslate %}"></canvas></div>
      </div></figure>
    </div>
    {% endfor %}
"""


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_chart_cards_are_the_old_loops_text(demo, rencana, bahasa):
    iku = ragam(dasbor_kantor(pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=2).iku)
    iku = iku + [dataclasses.replace(iku[0], kode="", nama="100% <b>'x'</b> & %(nama)s", satuan="")] * 1100
    with translation.override(bahasa):
        html = kartu_grafik_iku(iku)
        assert "    " + html + "\n" == lama(LOOP_KARTU, dasbor={"iku": iku})
        assert 'data-indeks="1.000"' in html or bahasa == "en"  # {{ forloop.counter0 }} was localized
        assert kartu_grafik_iku([]) == ""


# laporan/dasbor.html's SOP card loop before the tag
LOOP_SOP = "{% load i18n tabel_dasbor %}" + """    {% for sop in dasbor.siklus.sop %}
    <div class="col-lg-6">
      <div class="card h-100"><div class="card-body">
        <h3 class="h6 mb-1">{{ sop.nama }} <span class="text-muted fw-normal small">({{ sop.nomor }})</span></h3>
        <p class="mb-1">{{ sop.status_label }}</p>
        <label class="small text-muted d-block" for="kemajuan-{{ sop.jenis }}">{% blocktranslate with a=sop.jumlah_selesai b=sop.jumlah_langkah %}{{ a }} dari {{ b }} langkah selesai{% endblocktranslate %}</label>
        <progress class="kemajuan mb-2" id="kemajuan-{{ sop.jenis }}" value="{{ sop.jumlah_selesai }}" max="{{ sop.jumlah_langkah }}">{{ sop.jumlah_selesai }}/{{ sop.jumlah_langkah }}</progress>
        <table class="table table-sm mb-0 align-middle">
          <caption class="visually-hidden">{% blocktranslate with nama=sop.nama %}Langkah {{ nama }}: status dan waktu terhadap standar{% endblocktranslate %}</caption>
          <thead><tr><th scope="col">{% translate "No." %}</th><th scope="col">{% translate "Kegiatan" %}</th><th scope="col">{% translate "Standar" %}</th><th scope="col" class="table-num">{% translate "Waktu" %}</th><th scope="col">{% translate "Status" %}</th></tr></thead>
          <tbody>
          {% baris_langkah sop.langkah %}{% comment %}rows written in Python (templatetags/tabel_dasbor.py){% endcomment %}
          </tbody>
        </table>
      </div></div>
    </div>
    {% endfor %}
"""


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_sop_cards_are_the_old_loops_text(demo, rencana, bahasa):
    from sop import services

    services.siklus_open(pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=2, actor=demo["kadin"].user)
    status = dasbor_kantor(pd=demo.dpmptsp, tahun=rencana.tahun, triwulan=2).siklus
    a, b = status.sop
    lk = a.langkah[0]
    banyak = [dataclasses.replace(lk, nomor=n, status="selesai" if n % 2 else "berjalan") for n in range(1001)]
    daftar = [
        a, b,
        StatusSOP(jenis='x"<y>', nama="SOP <A> & 100% %(nama)s", nomor="N/1 'q'", status="", status_label="Belum <d>",
                  langkah=[]),
        dataclasses.replace(a, langkah=banyak),  # 1.000 steps done: localized numbers
    ]
    with translation.override(bahasa):
        html = kartu_sop(daftar)
        assert "    " + html + "\n" == lama(LOOP_SOP, dasbor={"siklus": {"sop": daftar}})
        assert kartu_sop([]) == ""
