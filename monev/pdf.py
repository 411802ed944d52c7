"""The monitoring and evaluation forms as PDF, through the print base of `dokumen`
(kop surat, A4, "Halaman X dari Y", signature block, QR code of the verification page).

The monitoring form follows Tabel 7 "Monitoring Pelaksanaan SOP AP" of the Lampiran of
PermenPAN-RB 35/2012 (No, Prosedur, Penilaian terhadap penerapan: Berjalan dengan baik /
Tidak berjalan dengan baik, Catatan hasil penilaian, Tindakan yang harus diambil, Paraf
penilai), with the figures measured from the runs beside each procedure. The assessor
signs the form once instead of initialling each row: the archived PDF carries his
signature block (and the office's electronic signature when it has a certificate).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from dokumen.pdf import blok_tanda_tangan, render_pdf
from umum.format import tanggal

from .models import Evaluasi, Monitoring
from .selectors.halaman import evaluasi_halaman, monitoring_halaman

# Small print for the measured figures, big ticks in the assessment columns.
CSS_FORM = (
    "td.kecil, span.kecil { font-size: 8.5pt; } td.centang { font-size: 14pt; vertical-align: middle; }"
    " table.data th { font-size: 9pt; } p.keterangan { font-size: 8.5pt; margin: 4pt 0 0; }"
)


def judul_monitoring(m: Monitoring) -> str:
    return _("Monitoring Pelaksanaan SOP AP %(sop)s, %(mulai)s s.d. %(selesai)s") % {
        "sop": m.sop.nama,
        "mulai": tanggal(m.mulai),
        "selesai": tanggal(m.selesai),
    }


def render_monitoring(
    m: Monitoring,
    *,
    nomor: str | None = None,
    verify_url: str | None = None,
    qr: str | None = None,
    ditandatangani: bool = False,
    draft: bool = False,
) -> bytes:
    """The form as PDF; `draft` marks a form not issued yet (watermark, no number)."""
    halaman = monitoring_halaman(m.pk)
    penilai = m.penilai or halaman.monitoring.dibuat_oleh
    hari = timezone.localtime(m.diterbitkan_pada).date() if m.diterbitkan_pada else None
    ttd = blok_tanda_tangan(
        pd=m.perangkat_daerah,
        pegawai=penilai,
        tanggal=hari,
        label_jabatan=m.penilai_jabatan or None,
    )
    return render_pdf(
        "monev/pdf/monitoring.html",
        {
            "kantor": m.perangkat_daerah,
            "m": m,
            "baris": halaman.baris,
            "ttd": ttd,
            "nomor": nomor,
            "verify_url": verify_url,
            "qr": qr,
            "ditandatangani": ditandatangani,
        },
        draft=draft,
        extra_css=CSS_FORM,
    )


def judul_evaluasi(ev: Evaluasi) -> str:
    return _("Evaluasi Penerapan SOP AP %(sop)s, %(mulai)s s.d. %(selesai)s") % {
        "sop": ev.sop.nama,
        "mulai": tanggal(ev.mulai),
        "selesai": tanggal(ev.selesai),
    }


def render_evaluasi(
    ev: Evaluasi,
    *,
    nomor: str | None = None,
    verify_url: str | None = None,
    qr: str | None = None,
    ditandatangani: bool = False,
    draft: bool = False,
) -> bytes:
    """The evaluation as PDF: the questions with Ya/Tidak, the note and the evidence."""
    halaman = evaluasi_halaman(ev.pk)
    penilai = ev.penilai or halaman.evaluasi.dibuat_oleh
    hari = (
        timezone.localtime(ev.diterbitkan_pada).date() if ev.diterbitkan_pada else None
    )
    ttd = blok_tanda_tangan(
        pd=ev.perangkat_daerah,
        pegawai=penilai,
        tanggal=hari,
        label_jabatan=ev.penilai_jabatan or None,
    )
    return render_pdf(
        "monev/pdf/evaluasi.html",
        {
            "kantor": ev.perangkat_daerah,
            "ev": ev,
            "jawaban": halaman.jawaban,
            "ttd": ttd,
            "nomor": nomor,
            "verify_url": verify_url,
            "qr": qr,
            "ditandatangani": ditandatangani,
        },
        draft=draft,
        extra_css=CSS_FORM,
    )
