"""Indonesian number formats for the report pages and the LKjIP PDF: `{{ x|angka:2 }}`,
`{{ x|persen }}`, `{{ x|rupiah }}` ("–" when there is no value)."""

from django import template

from .. import format as fmt

register = template.Library()


@register.filter
def angka(value, desimal=2):
    try:
        desimal = int(desimal)
    except (TypeError, ValueError):
        desimal = 2
    return fmt.angka(value, desimal)


@register.filter
def persen(value):
    return fmt.persen(value)


@register.filter
def rupiah(value):
    return fmt.rupiah(value)


@register.filter
def romawi(value):
    """A quarter number as the Roman numeral offices write (2 → II)."""
    from kinerja.models import TRIWULAN_ROMAWI

    try:
        return TRIWULAN_ROMAWI[int(value)]
    except (KeyError, TypeError, ValueError):
        return value
