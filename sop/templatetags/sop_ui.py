"""Template helpers of the SOP pages: step links and numbers as Indonesians write them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import filesizeformat
from django.templatetags.l10n import unlocalize
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize, number_format
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext

from laporan.format import angka_id
from sakip.html import attrs_html as _attrs_html
from sakip.html import esc as escape  # conditional_escape's text, without its per-call lazy wrapper

from ..forms import format_angka
from ..selectors.inbox import url_inbox

register = template.Library()


@register.filter
def url_tugas(item) -> str:
    """The page of the step an inbox item waits on (the quarter page when it has none)."""
    return url_inbox(item)


@register.filter
def angka(value, desimal=None) -> str:
    """`1.234,5`; rounded to `desimal` places when given (the indicator's precision);
    an em dash for a missing value."""
    if value is None or value == "":
        return "—"
    try:
        d = Decimal(str(value))
        if desimal not in (None, ""):
            d = d.quantize(Decimal(1).scaleb(-int(desimal)), rounding=ROUND_HALF_UP)
        return _angka_teks(d)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


def _angka_teks(d: Decimal) -> str:
    """`format_angka(d)` (no trailing zeros): written by `laporan.format.angka_id` when the
    page is in Indonesian — a grid prints a few numbers per row and Django's
    `number_format` was most of their cost — else by Django for the page's language."""
    if not d.is_finite() or not (translation.get_language() or "").startswith("id"):
        return format_angka(d)
    d = d.normalize()
    exp = d.as_tuple().exponent
    return angka_id(d, max(0, -exp))


@register.filter
def persen(value) -> str:
    """`87,50 %` (two decimals); an em dash when undefined."""
    if value is None or value == "":
        return "—"
    try:
        d = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{number_format(d, decimal_pos=2, force_grouping=True)} %"


@register.filter
def kelas_predikat(nama) -> str:
    """CSS class of a predikat band (colours live in static/css/sop.css, not inline)."""
    return f"predikat-{slugify(nama)}" if nama else "predikat-kosong"


# Widgets whose Django template is a single element; `_widget_html` writes them directly.
_INPUT_POLOS = {"django/forms/widgets/text.html", "django/forms/widgets/input.html", "django/forms/widgets/file.html",
                "django/forms/widgets/number.html", "django/forms/widgets/email.html",
                "django/forms/widgets/hidden.html"}


def _widget_html(bf, attrs: dict) -> str:
    """The HTML Django's own widget template would give (same attributes, same order, same
    value), written without a template render; anything else goes through `as_widget`."""
    widget = bf.field.widget
    final = bf.build_widget_attrs(attrs, widget)
    if bf.auto_id and "id" not in widget.attrs:
        final.setdefault("id", bf.auto_id)
    w = widget.get_context(bf.html_name, bf.value(), final)["widget"]
    template_name = w["template_name"]
    if template_name == "django/forms/widgets/clearable_file_input.html" and not w.get("is_initial"):
        template_name = "django/forms/widgets/file.html"
    if template_name == "django/forms/widgets/textarea.html":
        return mark_safe(f'<textarea name="{escape(w["name"])}"{_attrs_html(w["attrs"])}>\n'
                         f'{escape(w["value"] or "")}</textarea>')
    if template_name in _INPUT_POLOS:
        value_html = f' value="{escape(w["value"])}"' if w["value"] is not None else ""
        return mark_safe(f'<input type="{escape(w["type"])}" name="{escape(w["name"])}"{value_html}'
                         f'{_attrs_html(w["attrs"])}>')
    return bf.as_widget(attrs=attrs)


@register.simple_tag
def widget(bf) -> str:
    """`{{ bf }}` for a field shown bare (a hidden input): the same HTML, without a
    template render per field."""
    return _widget_html(bf, {})


@register.simple_tag
def bidang(bf) -> str:
    """One form field in plain Bootstrap 5 markup: label, the widget with the form's current
    value (`form-control`, `is-invalid` when it has errors), help text and each error beside
    the field in an `invalid-feedback` the input names in its `aria-describedby`. The same
    ids and names as `|as_crispy_field`, without its template tree — the data entry grid has
    hundreds of fields, and crispy's per-field rendering was most of that page's time. The
    HTML is joined from escaped pieces (not `format_html` per piece): same text, less work."""
    widget_id = bf.auto_id
    errors = bf.errors
    help_text = bf.help_text
    described = []
    if help_text:
        described.append(f"{widget_id}_helptext")
    if errors:
        described.append(f"{widget_id}_galat")
    attrs = {"class": "form-control is-invalid" if errors else "form-control"}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    wid = escape(widget_id)
    label = f'<label class="form-label" for="{wid}">{escape(bf.label)}</label>' if bf.label else ""
    help_html = f'<div id="{wid}_helptext" class="form-text">{escape(help_text)}</div>' if help_text else ""
    error_html = (f'<div id="{wid}_galat" class="invalid-feedback">'
                  f'{" ".join(f"<strong>{escape(e)}</strong>" for e in errors)}</div>') if errors else ""
    return mark_safe(f'<div id="div_{wid}" class="mb-3">{label}{_widget_html(bf, attrs)}{error_html}{help_html}</div>')


@register.simple_tag
def daftar_bukti(bukti) -> str:
    """The evidence files of one indicator as links with their size, or a line saying there
    is none (`sop/_bukti_list.html` is this tag). Written in Python: a grid shows it in every
    row, and an `{% include %}` per row cost more than the list itself."""
    if not bukti:
        return mark_safe(f'<p class="small text-muted mb-2">{escape(gettext("Belum ada bukti dukung."))}</p>')
    items = "".join(
        f'<li><i class="bi bi-file-earmark-check" aria-hidden="true"></i> '
        f'<a href="{escape(reverse("sop:bukti_unduh", args=[b.pk]))}">{escape(b.nama_asli)}</a>\n'
        f'    <span class="text-muted">({escape(filesizeformat(b.ukuran))})</span></li>'
        for b in bukti
    )
    return mark_safe(f'<ul class="list-unstyled small mb-2">{items}</ul>')


_IKU = '<span class="badge text-bg-primary">IKU</span>'


def _teks(value) -> str:
    """`{{ value }}` as the template prints it (localised, escaped; None prints "None")."""
    return escape(localize(value))


@register.simple_tag
def baris_realisasi(pasangan, bisa_isi, judul_target) -> str:
    """The rows of the data entry grid (`sop/tugas_isi.html`), one `<section>` per
    (form, row): the same HTML as the `{% for %}` loop it replaced (a test holds the two
    together), written in Python — the loop's per-row template work cost more than the
    ten rows it printed. Labels are translated once per call."""
    t_dikembalikan = escape(gettext("Dikembalikan"))
    t_putaran = gettext("putaran %(p)s")
    t_sebelumnya = escape(gettext("Realisasi triwulan sebelumnya"))
    t_rencana = escape(gettext("Rencana aksi"))
    t_bukti = escape(gettext("Bukti dukung"))
    t_realisasi = escape(gettext("Realisasi"))
    t_catatan = escape(gettext("Catatan"))
    judul = escape(judul_target)
    out = []
    for f, row in pasangan:
        ind = row.indikator
        pk = escape(unlocalize(ind.pk))
        satuan = escape(ind.satuan)
        target = row.target
        dikembalikan = row.dikembalikan
        out.append(
            f'\n  <section class="card mb-3 baris-realisasi{" border-warning" if dikembalikan and bisa_isi else ""}" '
            f'aria-labelledby="ind-{pk}">\n'
            f'    <div class="card-header">\n'
            f'      <h2 class="h6 mb-0" id="ind-{pk}">{f"{escape(ind.kode)} " if ind.kode else ""}{escape(ind.nama)}\n'
            f'        {_IKU if ind.is_iku else ""}</h2>\n'
            f'    </div>\n'
            f'    <div class="card-body">\n      '
        )
        if dikembalikan:
            p = row.pemeriksaan
            out.append(
                f'\n      <div class="alert alert-warning py-2 small" role="alert">\n'
                f'        <strong>{t_dikembalikan}</strong> ({t_putaran % {"p": _teks(p.putaran)}}, '
                f'{_teks(p.diperiksa_oleh)}): {_teks(p.alasan)}\n'
                f'      </div>\n      '
            )
        nilai_target = angka(target.target if target is not None else "")
        maks = f"–{escape(angka(target.target_maks))}" if target is not None and target.target_maks else ""
        rencana = (f"<dt>{t_rencana}</dt><dd>{_teks(target.rencana_aksi)}</dd>"
                   if target is not None and target.rencana_aksi else "")
        out.append(
            f'\n      <div class="row g-3">\n'
            f'        <div class="col-md-3">\n'
            f'          <dl class="small mb-0">\n'
            f'            <dt>{judul}</dt>\n'
            f'            <dd class="fs-5 target-tw">{escape(nilai_target)}{maks} <span class="fs-6">{satuan}</span></dd>\n'
            f'            <dt>{t_sebelumnya}</dt>\n'
            f'            <dd>{escape(angka(row.sebelumnya))}</dd>\n'
            f'            {rencana}\n'
            f'          </dl>\n'
            f'        </div>\n        '
        )
        if bisa_isi:
            out.append(
                f'\n        <div class="col-md-5">\n'
                f'          {widget(f["revisi"])}\n'
                f'          {bidang(f["nilai"])}\n'
                f'          {bidang(f["catatan"])}\n'
                f'        </div>\n'
                f'        <div class="col-md-4">\n'
                f'          <p class="small fw-semibold mb-1">{t_bukti}</p>\n'
                f'          {daftar_bukti(row.bukti)}\n'
                f'          {bidang(f["berkas"])}\n'
                f'        </div>\n        '
            )
        else:
            r = row.realisasi
            catatan = r.catatan if r is not None else ""
            out.append(
                f'\n        <div class="col-md-5">\n'
                f'          <dl class="small mb-0">\n'
                f'            <dt>{t_realisasi}</dt><dd class="fs-5">{escape(angka(r.nilai if r is not None else None))} '
                f'<span class="fs-6">{satuan}</span></dd>\n'
                f'            <dt>{t_catatan}</dt><dd>{_teks(catatan) if catatan else "—"}</dd>\n'
                f'          </dl>\n'
                f'        </div>\n'
                f'        <div class="col-md-4">\n'
                f'          <p class="small fw-semibold mb-1">{t_bukti}</p>\n'
                f'          {daftar_bukti(row.bukti)}\n'
                f'        </div>\n        '
            )
        out.append('\n      </div>\n    </div>\n  </section>\n  ')
    return mark_safe("".join(out))
