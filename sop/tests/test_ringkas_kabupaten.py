"""The kabupaten overview's rows (sop/templatetags/ringkas_kabupaten.py) print what the
template loop they replaced printed: offices with and without a quarter, late steps,
escaped names, id and en."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from sop.models import LangkahBerjalan
from sop.selectors.siklus import kabupaten_overview
from sop.templatetags.ringkas_kabupaten import baris_kantor

# The loop of sop/kabupaten.html before the rows were written in Python.
LOOP = """{% load i18n %}{% translate 'Triwulan terakhir' as label_triwulan %}{% translate 'Status' as label_status %}{% translate 'Pengumpulan data' as label_pengumpulan %}{% translate 'Pengukuran' as label_pengukuran %}{% translate 'Langkah terlambat' as label_terlambat %}
  {% for k, url_tahun, url_siklus in kantor %}
    <tr>
      <td><a href="{{ url_tahun }}">{{ k.perangkat_daerah.nama }}</a></td>
      <td data-label="{{ label_triwulan }}">{% if k.siklus %}<a href="{{ url_siklus }}">{{ k.siklus.periode }}</a>{% else %}—{% endif %}</td>
      <td data-label="{{ label_status }}">{% if k.ringkas %}{{ k.ringkas.status_label }}{% else %}<span class="text-muted">{% translate "Belum ada siklus" %}</span>{% endif %}</td>
      <td data-label="{{ label_pengumpulan }}">{{ k.ringkas.pengumpulan|default:"—" }}</td>
      <td data-label="{{ label_pengukuran }}">{{ k.ringkas.pengukuran|default:"—" }}</td>
      <td class="table-num" data-label="{{ label_terlambat }}">{% if k.terlambat %}<span class="badge badge-terlambat">{{ k.terlambat }}</span>{% else %}0{% endif %}</td>
    </tr>
  {% empty %}
    <tr><td colspan="6" class="text-muted">{% translate "Belum ada perangkat daerah." %}</td></tr>
  {% endfor %}"""


def _rapat(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).replace("> ", ">").replace(" <", "<").strip()


@pytest.mark.django_db
def test_rows_equal_the_loop_they_replace(quarter, demo):
    quarter.open()
    LangkahBerjalan.objects.filter(siklus=quarter.siklus, selesai__isnull=True).update(
        mulai=timezone.now() - datetime.timedelta(days=14))
    demo.kominfo.nama = "Dinas <Kominfo> & Persandian"
    demo.kominfo.save()
    kantor = [(k, f"/tahun/{k.perangkat_daerah.pk}/?a=1&b=2", f"/siklus/{k.siklus.pk}/" if k.siklus else "")
              for k in kabupaten_overview(kabupaten="Lumajang")]
    assert any(k.siklus is None for k, _a, _b in kantor) and any(k.terlambat for k, _a, _b in kantor)
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            for rows in (kantor, []):
                assert _rapat(baris_kantor(rows)) == _rapat(Template(LOOP).render(Context({"kantor": rows})))
    assert "Dinas &lt;Kominfo&gt; &amp; Persandian" in baris_kantor(kantor) and "?a=1&amp;b=2" in baris_kantor(kantor)
