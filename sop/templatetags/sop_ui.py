"""Template helpers of the SOP pages: step links and numbers as Indonesians write them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from ..forms import format_angka
from ..halaman import url_inbox

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
        return format_angka(d)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


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
                "django/forms/widgets/number.html", "django/forms/widgets/email.html"}


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
    attr_html = format_html_join("", "{}", (
        (format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v),)
        for k, v in w["attrs"].items() if v is not False
    ))
    if template_name == "django/forms/widgets/textarea.html":
        return format_html('<textarea name="{}"{}>\n{}</textarea>', w["name"], attr_html, w["value"] or "")
    if template_name in _INPUT_POLOS:
        value_html = format_html(' value="{}"', w["value"]) if w["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', w["type"], w["name"], value_html, attr_html)
    return bf.as_widget(attrs=attrs)


@register.simple_tag
def bidang(bf) -> str:
    """One form field in plain Bootstrap 5 markup: label, the widget with the form's current
    value (`form-control`, `is-invalid` when it has errors), help text and each error beside
    the field in an `invalid-feedback` the input names in its `aria-describedby`. The same
    ids and names as `|as_crispy_field`, without its template tree — the data entry grid has
    hundreds of fields, and crispy's per-field rendering was most of that page's time."""
    widget_id = bf.auto_id
    errors = bf.errors
    css = "form-control is-invalid" if errors else "form-control"
    described = []
    if bf.help_text:
        described.append(f"{widget_id}_helptext")
    if errors:
        described.append(f"{widget_id}_galat")
    attrs = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    label = format_html('<label class="form-label" for="{}">{}</label>', widget_id, bf.label) if bf.label else ""
    help_html = format_html('<div id="{}_helptext" class="form-text">{}</div>', widget_id, bf.help_text) \
        if bf.help_text else ""
    error_html = format_html(
        '<div id="{}_galat" class="invalid-feedback">{}</div>', widget_id,
        format_html_join(" ", "<strong>{}</strong>", ((e,) for e in errors)),
    ) if errors else ""
    return format_html('<div id="div_{}" class="mb-3">{}{}{}{}</div>', widget_id, label, _widget_html(bf, attrs),
                       error_html, help_html)
