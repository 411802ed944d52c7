"""The dashboard's IKU rows written by `baris_iku` are the text the old template loop printed."""

import dataclasses
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation

from laporan.selectors import dasbor_kantor
from laporan.templatetags.tabel_dasbor import baris_iku

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
