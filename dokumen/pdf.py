"""Rendering official documents to PDF with WeasyPrint.

Every printed document extends `dokumen/pdf/base.html`, which draws the kop surat,
and is styled by `dokumen/static/dokumen/cetak.css` (A4, Liberation Serif,
"Halaman X dari Y", repeated table headers). Rendering always happens in Bahasa
Indonesia, whatever the request language: dates read "25 November 2026" and
numbers "1.234,56".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from organisasi.models import Pegawai, PelaksanaTugas, PerangkatDaerah, today

STYLESHEET = "dokumen/cetak.css"


def _stylesheet():
    """The print stylesheet, parsed for each document (a few milliseconds beside the
    layout; no per-process copy to go stale when the file changes)."""
    from weasyprint import CSS

    return CSS(filename=_stylesheet_path())


def _stylesheet_path() -> str:
    path = finders.find(STYLESHEET)
    if not path:  # collected static files only (finders disabled)
        path = str(Path(settings.STATIC_ROOT) / STYLESHEET)
    return path


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _margin_css(*, draft: bool, ditandatangani: bool) -> str:
    """Page-margin texts that must be translated, so they cannot live in the static stylesheet."""
    rules = [
        "@page { @bottom-right { content: %s counter(page) %s counter(pages); } }"
        % (_css_string(_("Halaman") + " "), _css_string(" " + _("dari") + " "))
    ]
    if draft:
        mark = _("DRAFT — BELUM DISAHKAN")
    elif not ditandatangani:
        mark = _("TIDAK DITANDATANGANI SECARA ELEKTRONIK")
    else:
        mark = ""
    if mark:
        rules.append("@page { @top-right { content: %s; } }" % _css_string(mark))
    return "\n".join(rules)


def render_html(template_name: str, context: dict, *, draft: bool = False) -> str:
    """The print HTML of a document (what `render_pdf` hands to WeasyPrint), in Bahasa Indonesia."""
    with translation.override("id"):
        return render_to_string(template_name, {**context, "draft": draft})


def render_pdf(
    template_name: str, context: dict, *, draft: bool = False, extra_css: str = ""
) -> bytes:
    """Render `template_name` with `context` to PDF bytes.

    `draft` puts a diagonal DRAFT watermark on every page and "DRAFT — BELUM
    DISAHKAN" in the top margin. Without draft, a document whose context does not
    say `ditandatangani=True` carries "TIDAK DITANDATANGANI SECARA ELEKTRONIK" in
    the top margin of every page. `extra_css` is a stylesheet computed for this one
    document (e.g. the row heights the SOP flowchart is drawn for).
    """
    from weasyprint import CSS, HTML

    with translation.override("id"):
        html = render_to_string(template_name, {**context, "draft": draft})
        margin_css = _margin_css(
            draft=draft, ditandatangani=bool(context.get("ditandatangani"))
        )
    stylesheets = [_stylesheet(), CSS(string=margin_css)]
    if extra_css:
        stylesheets.append(CSS(string=extra_css))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=stylesheets
    )


# --- signature block --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlokTandaTangan:
    """What the signature block prints: place and date, position, name, pangkat, NIP."""

    tempat: str
    tanggal: datetime.date
    jabatan: str  # without the Plt./Plh. prefix
    nama: str
    pangkat: str = ""
    nip: str = ""
    sebagai: str = ""  # "Plt." / "Plh." when acting
    kabupaten: str = (
        ""  # set for the head of office only: his title names the kabupaten
    )

    @property
    def jabatan_lengkap(self) -> str:
        """ "Plt. Kepala Dinas ..." when acting, else the position."""
        return f"{self.sebagai} {self.jabatan}" if self.sebagai else self.jabatan

    @property
    def jabatan_cetak(self) -> str:
        """The position in capitals as printed above the signature, with the kabupaten
        appended when the title does not name it: "KEPALA DINAS ... KABUPATEN LUMAJANG"."""
        teks = self.jabatan
        if self.kabupaten and "kabupaten" not in teks.lower():
            teks = f"{teks} Kabupaten {self.kabupaten}"
        return teks.upper()


def jabatan_penandatangan(
    pegawai: Pegawai, *, tanggal: datetime.date | None = None
) -> tuple[str, str]:
    """(position title, "Plt."/"Plh." or "") for signing as head of office on `tanggal`.

    A person who holds the head-of-office position by acting appointment signs as
    "Plt. <that position>"; otherwise he signs with his own position.
    """
    from organisasi.models import Jabatan

    tanggal = tanggal or today()
    if pegawai.jabatan_id and pegawai.jabatan.tingkat == Jabatan.Tingkat.KEPALA:
        return pegawai.jabatan.nama, ""
    plt = (
        PelaksanaTugas.objects.berlaku_pada(tanggal)
        .filter(
            pegawai=pegawai,
            jabatan__tingkat=Jabatan.Tingkat.KEPALA,
            jabatan__perangkat_daerah_id=pegawai.perangkat_daerah_id,
        )
        .select_related("jabatan")
        .first()
    )
    if plt:
        return plt.jabatan.nama, plt.jenis
    return (pegawai.jabatan.nama if pegawai.jabatan_id else ""), ""


def _jabatan_kepala(pd: PerangkatDaerah, jabatan: str) -> bool:
    from organisasi.models import Jabatan

    return Jabatan.objects.filter(
        perangkat_daerah=pd, tingkat=Jabatan.Tingkat.KEPALA, nama__iexact=jabatan
    ).exists()


def pisah_sebagai(label_jabatan: str) -> tuple[str, str]:
    """ "Plt. Kepala Dinas" → ("Kepala Dinas", "Plt."); a plain title → (title, "")."""
    label_jabatan = label_jabatan.strip()
    for prefix in ("Plt.", "Plh."):
        if label_jabatan.lower().startswith(prefix.lower()):
            return label_jabatan[len(prefix) :].strip(), prefix
    return label_jabatan, ""


def label_jabatan_resmi(
    pegawai: Pegawai, label: str, *, tanggal: datetime.date | None = None
) -> str:
    """The position title to print for a role label the SOP engine records.

    "Kepala Dinas" → the person's own position ("Kepala Dinas Penanaman Modal dan ...");
    "Plt. Kepala Dinas" → "Plt. " + the position he acts in on `tanggal`. A label that is
    not a role name is already a title and is returned unchanged.
    """
    from organisasi.models import Peran

    jabatan, sebagai = pisah_sebagai(label or "")
    peran_dari_label = {str(p.label): p.value for p in Peran}
    if jabatan and jabatan not in peran_dari_label:
        return label
    peran = peran_dari_label.get(jabatan)
    if sebagai:
        acting = (
            PelaksanaTugas.objects.berlaku_pada(tanggal or today())
            .filter(
                pegawai=pegawai,
                jenis=sebagai,
                jabatan__perangkat_daerah_id=pegawai.perangkat_daerah_id,
            )
            .select_related("jabatan")
        )
        for plt in acting:
            if peran is None or plt.jabatan.peran == peran:
                return f"{sebagai} {plt.jabatan.nama}"
        return label
    if pegawai.jabatan_id:
        return pegawai.jabatan.nama
    return label


def blok_tanda_tangan(
    *,
    pd: PerangkatDaerah,
    pegawai: Pegawai | None,
    tanggal: datetime.date | None = None,
    label_jabatan: str | None = None,
    sebagai: str | None = None,
) -> BlokTandaTangan:
    """The signature block for `pegawai` signing for office `pd`.

    `label_jabatan` is printed as given (e.g. "Plt. Kepala Dinas ..."), except that a bare
    role label the SOP engine records ("Kepala Dinas", "Plt. Kepala Dinas") becomes the
    official position title (`label_jabatan_resmi`). When None the title follows from
    the person's position and acting appointments (`jabatan_penandatangan`). A label
    starting with "Plt."/"Plh." marks an acting signer.
    """
    tanggal = tanggal or today()
    if pegawai is None:
        return BlokTandaTangan(
            tempat=pd.tempat_ttd,
            tanggal=tanggal,
            jabatan=label_jabatan or "",
            nama="",
            kabupaten=pd.kabupaten,
        )
    if label_jabatan is None:
        label_jabatan, acting = jabatan_penandatangan(pegawai, tanggal=tanggal)
    else:
        label_jabatan, acting = pisah_sebagai(
            label_jabatan_resmi(pegawai, label_jabatan, tanggal=tanggal)
        )
    if sebagai is not None:
        acting = sebagai
    return BlokTandaTangan(
        tempat=pd.tempat_ttd,
        tanggal=tanggal,
        kabupaten=pd.kabupaten if _jabatan_kepala(pd, label_jabatan) else "",
        jabatan=label_jabatan,
        nama=pegawai.nama_lengkap,
        pangkat=pegawai.pangkat_golongan,
        nip=pegawai.nip_tercetak,
        sebagai=acting,
    )


def konteks_kop(pd: PerangkatDaerah) -> dict:
    """Context for the kop surat of `pd` (the base template reads `kantor`)."""
    return {"kantor": pd}
