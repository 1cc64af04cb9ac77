"""Template helpers for the NL Design System crispy template pack."""

from django import template
from django.forms.formsets import BaseFormSet

register = template.Library()


@register.filter
def describedby(field) -> str:
    """The ids that describe a form field: its help text and, when invalid, its errors."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_fouten")
    return " ".join(ids)


INVALID_CLASSES = {
    "textarea": "utrecht-textarea--invalid",
    "select": "utrecht-select--invalid",
    "checkbox": "utrecht-checkbox--invalid",
}


@register.filter
def invalid_class(field) -> str:
    """The NL DS modifier class for an invalid field, or '' when the field is valid."""
    if not field.errors:
        return ""
    return INVALID_CLASSES.get(field.widget_type, "utrecht-textbox--invalid")


def _formulieren(items):
    for item in items:
        if item is None or item == "":
            continue
        if isinstance(item, BaseFormSet):
            yield from item.forms
        elif isinstance(item, list | tuple):
            yield from _formulieren(item)
        else:
            yield item


@register.inclusion_tag("includes/foutoverzicht.html")
def foutoverzicht(*formulieren, fouten=(), kop=None):
    """One NL Design System error summary for a page with several forms (a row per theme,
    a tender with its themes, a set of goals): every message, each field's linked to the
    field, with the form's `onderwerp` (e.g. the theme) before the field's label. The forms
    themselves then show no summary of their own (helper.form_show_errors = False)."""
    regels = [{"tekst": str(fout)} for fout in fouten]
    for form in _formulieren(formulieren):
        onderwerp = getattr(form, "onderwerp", "")
        regels += [{"tekst": str(fout), "onderwerp": onderwerp} for fout in form.non_field_errors()]
        for veld in form:
            for fout in veld.errors:
                label = f"{onderwerp}: {veld.label}" if onderwerp else str(veld.label)
                # A group of radio buttons or checkboxes has no label id: its first input's.
                regels.append(
                    {"tekst": str(fout), "veld": label, "id": veld.id_for_label or veld.auto_id}
                )
    return {"regels": regels, "kop": kop or ""}
