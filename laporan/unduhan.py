"""The LKjIP draft (PDF and Word) as prepared downloads (unduhan/): made by the background
worker, not in the request, behind the same rights check as the direct download."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from organisasi.access import can_view_office
from organisasi.models import PerangkatDaerah
from unduhan.services import Pembuat, daftarkan

from . import selectors
from .docx import lkjip_docx as buat_docx
from .pdf import lkjip_pdf as buat_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _angka(parameter: dict) -> tuple[int, int] | None:
    try:
        return int(parameter["pd"]), int(parameter["tahun"])
    except (KeyError, TypeError, ValueError):
        return None


def _boleh(request: HttpRequest, parameter: dict) -> bool:
    """The people of the office (and the kabupaten administrator), as `laporan.views.lkjip_pdf`."""
    angka = _angka(parameter)
    return (
        angka is not None
        and 2000 <= angka[1] <= 2100
        and can_view_office(request, angka[0])
    )


def _data(parameter: dict, lapor):
    pd_id, tahun = _angka(parameter)
    data = selectors.lkjip_data(pd=PerangkatDaerah.objects.get(pk=pd_id), tahun=tahun)
    if data is None:
        raise LookupError(_("Belum ada data kinerja untuk tahun ini."))
    lapor(30)
    return data


def _nama(data, ext: str) -> str:
    from django.utils.text import slugify

    return (
        f"LKjIP-{data.tahun}-Bab-III-{slugify(data.pd.singkatan) or data.pd.pk}.{ext}"
    )


def _pdf(parameter: dict, lapor) -> tuple[bytes, str, str]:
    data = _data(parameter, lapor)
    return buat_pdf(data), _nama(data, "pdf"), "application/pdf"


def _docx(parameter: dict, lapor) -> tuple[bytes, str, str]:
    data = _data(parameter, lapor)
    return buat_docx(data), _nama(data, "docx"), DOCX


def _judul(format_: str):
    def judul(parameter: dict) -> str:
        angka = _angka(parameter)
        pd = (
            PerangkatDaerah.objects.filter(pk=angka[0])
            .values_list("singkatan", flat=True)
            .first()
            if angka
            else ""
        )
        return _("Draft LKjIP %(tahun)s %(pd)s (%(format)s)") % {
            "tahun": angka[1] if angka else "",
            "pd": pd or "",
            "format": format_,
        }

    return judul


daftarkan(Pembuat(jenis="lkjip-pdf", buat=_pdf, boleh=_boleh, judul=_judul("PDF")))
daftarkan(Pembuat(jenis="lkjip-docx", buat=_docx, boleh=_boleh, judul=_judul("Word")))
