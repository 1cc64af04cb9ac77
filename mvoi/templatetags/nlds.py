"""Template helpers for the NL Design System crispy template pack."""

from django import template

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
