"""The quarter page's timeline and trail rows (sop/templatetags/lini_siklus.py) print what
the template loops they replaced printed, for open, late, repeated and finished steps."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from sop.selectors.langkah import url_langkah, waktu_singkat
from sop.selectors.siklus import jejak_list_for_siklus, siklus_timeline, tugas_list_for_pengumpulan
from sop.templatetags.lini_siklus import baris_jejak, baris_lini, baris_tugas
from sop.worktime import format_menit

# The loops of sop/siklus_detail.html before the rows were written in Python.
LOOP_LINI = """{% load i18n %}{% translate "No." as t_no %}{% translate "Pelaksana" as t_pelaksana %}{% translate "Mulai" as t_mulai %}{% translate "Selesai" as t_selesai %}{% translate "Waktu kerja" as t_waktu %}{% translate "Standar" as t_standar %}{% translate "putaran" as t_putaran %}{% translate "Terlambat" as t_terlambat %}{% translate "Tepat waktu" as t_tepat %}{% translate "Berjalan" as t_berjalan %}
  {% for t in timeline %}
    {% ifchanged t.baris.sop %}<tr class="table-light"><th scope="rowgroup" colspan="8">{% translate "SOP" %} {{ t.baris.sop|title }}</th></tr>{% endifchanged %}
    <tr>
      <td data-label="{{ t_no }}">{{ t.baris.nomor }}</td>
      <td><a href="{{ t.url }}">{{ t.baris.kegiatan }}</a>{% if t.baris.putaran > 1 %} <span class="badge text-bg-light">{{ t_putaran }} {{ t.baris.putaran }}</span>{% endif %}</td>
      <td data-label="{{ t_pelaksana }}">{% if t.baris.selesai %}{{ t.baris.oleh }}{% else %}{{ t.baris.menunggu }}{% endif %}</td>
      <td class="text-nowrap" data-label="{{ t_mulai }}">{{ t.mulai }}</td>
      <td class="text-nowrap" data-label="{{ t_selesai }}">{{ t.selesai|default:"—" }}</td>
      <td class="text-nowrap" data-label="{{ t_waktu }}">{{ t.waktu }}</td><td class="text-nowrap" data-label="{{ t_standar }}">{{ t.baris.standar }}</td>
      <td>{% if t.baris.terlambat %}<span class="badge badge-terlambat"><i class="bi bi-exclamation-triangle" aria-hidden="true"></i> {{ t_terlambat }}</span>{% elif t.baris.selesai %}<span class="badge text-bg-success">{{ t_tepat }}</span>{% else %}<span class="badge text-bg-info">{{ t_berjalan }}</span>{% endif %}</td>
    </tr>
  {% empty %}
    <tr><td colspan="8" class="text-muted">{% translate "Belum ada langkah." %}</td></tr>
  {% endfor %}"""

LOOP_JEJAK = """{% load i18n %}{% translate "Terlambat" as t_terlambat %}{% translate "langkah" as t_langkah %}{% translate "Output" as t_output %}
{% for j in jejak %}
  <li class="list-group-item d-flex gap-2"><div>
    <div class="fw-semibold">{{ j.baris.transisi_label }}{% if j.baris.langkah_nomor %} · {{ t_langkah }} {{ j.baris.langkah_nomor }}{% endif %}
      {% if j.baris.terlambat %}<span class="badge badge-terlambat">{{ t_terlambat }}</span>{% endif %}</div>
    <div class="small">{{ j.waktu }} · {{ j.baris.aktor_label }} — {{ j.baris.aktor_nama }}</div>
    {% if j.baris.output %}<div class="small">{{ t_output }}: {{ j.baris.output }}</div>{% endif %}
    {% if j.baris.catatan %}<div class="small text-muted">{{ j.baris.catatan|linebreaksbr }}</div>{% endif %}
  </div></li>
{% empty %}
  <li class="list-group-item text-muted">{% translate "Belum ada jejak." %}</li>
{% endfor %}"""


def _rapat(html: str) -> str:
    """Whitespace between and around tags does not show; collapse it."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).replace("> ", ">").replace(" <", "<").strip()


def _baris(siklus):
    timeline = [
        {"baris": b, "waktu": format_menit(b.menit_kerja), "mulai": waktu_singkat(b.mulai),
         "selesai": waktu_singkat(b.selesai), "url": url_langkah(b.kode, siklus_id=siklus.pk,
                                                                                 tugas_id=b.tugas_id)}
        for b in siklus_timeline(siklus=siklus)
    ]
    jejak = [{"baris": j, "waktu": waktu_singkat(j.waktu)} for j in jejak_list_for_siklus(siklus=siklus)]
    return timeline, jejak


def _sama(timeline, jejak):
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            assert _rapat(baris_lini(timeline)) == _rapat(Template(LOOP_LINI).render(Context({"timeline": timeline})))
            assert _rapat(baris_jejak(jejak)) == _rapat(Template(LOOP_JEJAK).render(Context({"jejak": jejak})))


@pytest.mark.django_db
def test_rows_of_a_quarter_with_returned_data_and_open_steps(quarter):
    q = quarter.upto("check")
    q.check(dikembalikan={q.indikator[0].pk: "Bukti <belum> lengkap\nmohon dilengkapi & diunggah"})
    timeline, jejak = _baris(q.refresh())
    assert any(t["baris"].selesai is None for t in timeline)
    assert any("<belum>" in (j["baris"].catatan or "") for j in jejak)
    _sama(timeline, jejak)
    assert "&lt;belum&gt;" in baris_jejak(jejak) and "<br>" in baris_jejak(jejak)


@pytest.mark.django_db
def test_rows_of_a_finished_quarter_with_a_late_step(quarter, clock):
    q = quarter.upto("ratify")
    clock.set(timezone.now() + datetime.timedelta(days=30))
    q.ratify()
    q.archive()
    timeline, jejak = _baris(q.refresh())
    assert all(t["baris"].selesai for t in timeline)
    assert any(t["baris"].terlambat for t in timeline) and any(j["baris"].terlambat for j in jejak)
    _sama(timeline, jejak)


def test_empty_timeline_and_trail():
    _sama([], [])


LOOP_TUGAS = """{% load i18n %}{% for row in tugas_list %}{% with t=row.tugas %}
      <tr><td><a href="{% url 'sop:tugas_isi' t.pk %}">{{ t.anggota.nama_lengkap }}</a></td>
        <td class="small">{{ row.indikator }}</td>
        <td data-label="{% translate 'Status' %}">{{ t.get_status_display }}</td><td data-label="{% translate 'Putaran' %}">{{ t.putaran }}</td></tr>
    {% endwith %}{% endfor %}"""


@pytest.mark.django_db
def test_task_rows_equal_the_loop_they_replace(quarter, demo):
    """Tasks in different states and rounds, a member's name with markup characters."""
    q = quarter.upto("check")
    q.check("timkerja", dikembalikan={q.indikator[0].pk: "lengkapi"})
    anggota = demo["timkerja2"]
    anggota.gelar_belakang = "S.E. <M&M>"
    anggota.save()
    tugas = tugas_list_for_pengumpulan(pengumpulan=q.refresh().pengumpulan)
    tugas_list = [{"tugas": t, "indikator": t.nama_indikator} for t in tugas]
    assert len({t["tugas"].status for t in tugas_list}) == 2
    for bahasa in ("id", "en"):
        with translation.override(bahasa):
            html = baris_tugas(tugas_list)
            assert _rapat(html) == _rapat(Template(LOOP_TUGAS).render(Context({"tugas_list": tugas_list})))
    assert "&lt;M&amp;M&gt;" in html and baris_tugas([]) == ""
