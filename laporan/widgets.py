"""Select and input widgets of the report filters, written in plain Python.

Django renders every <option> of a select through two included templates; the
administrator's office list (40 offices and more) cost ~7 ms a page that way. These
widgets produce the same markup (names, ids, values, `selected`, attributes; byte for
byte what `django/forms/widgets/select.html` and `input.html` give, tested) from the
same widget context, so the form's choices and validation are untouched.
"""

from __future__ import annotations

from django import forms
from django.utils.safestring import mark_safe

from sakip.html import attrs_html as _attrs_html
from sakip.html import esc


def _option_html(option: dict) -> str:
    """`django/forms/widgets/select_option.html` of one option of the widget context."""
    return (
        f'<option value="{esc(option["value"])}"{_attrs_html(option["attrs"])}>'
        f'{esc(option["label"])}</option>'
    )


def select_html(widget: dict) -> str:
    """`django/forms/widgets/select.html` of a widget context (`get_context(...)["widget"]`)."""
    bagian = [f'<select name="{esc(widget["name"])}"{_attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            bagian.append(f'\n  <optgroup label="{esc(group_name)}">')
        for option in group_choices:
            # the included option template ends with a newline; the select's own text then adds "\n  "
            bagian.append(f"\n  {_option_html(option)}\n")
        if group_name:
            bagian.append("\n  </optgroup>")
    bagian.append("\n</select>")
    return "".join(bagian)


def input_html(widget: dict) -> str:
    """`django/forms/widgets/input.html` of a widget context: the value only when there is one
    (`""` is one), as `stringformat:'s'` printed it."""
    nilai = "" if widget["value"] is None else f' value="{esc(widget["value"])}"'
    return f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{nilai}{_attrs_html(widget["attrs"])}>'


class _PilihanCepat:
    """Render from the widget context without the template engine (see the module docstring)."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        return mark_safe(select_html(context["widget"]))


class Pilihan(_PilihanCepat, forms.Select):
    """`forms.Select`, rendered in Python."""


class PilihanBanyak(_PilihanCepat, forms.SelectMultiple):
    """`forms.SelectMultiple`, rendered in Python."""


class _InputCepat:
    """Render an <input> from the widget context without the template engine."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        return mark_safe(input_html(context["widget"]))


class Angka(_InputCepat, forms.NumberInput):
    """`forms.NumberInput`, rendered in Python."""


class Tersembunyi(_InputCepat, forms.HiddenInput):
    """`forms.HiddenInput`, rendered in Python."""
