"""Numbers the Dutch way: read what a Dutch user types or a spreadsheet holds, and show
amounts as € 1.250.000.

Why not Django's localized number fields and django-import-export's Decimal/IntegerWidget:
both read through `django.utils.formats.sanitize_separators`, which removes the thousands
separator only when USE_THOUSAND_SEPARATOR is on – and that setting also prints every year
in every template as 2.025 – and which guesses that "450.5" means four hundred and fifty
and a half. An amount must be stored as the user meant it or refused, never guessed: this
one small reader is strict. Showing numbers does use Django (`number_format`).
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

_DUIZENDTALLEN = re.compile(r"\d{1,3}(\.\d{3})+")
_CIJFERS = re.compile(r"\d+")


class GeenGetal(ValueError):
    """The text is no number as a Dutch user writes it; the message says how to write it."""


def getal_lezen(waarde) -> Decimal | None:
    """`€ 1.250.000,50`, `1250000,50`, `450.000` (four hundred and fifty thousand), `2,5`,
    `-3`, or a spreadsheet's number cell. Empty: None. Ambiguous (`450.5`) or anything
    else: GeenGetal."""
    if waarde is None or isinstance(waarde, bool):
        if waarde is None:
            return None
        raise GeenGetal(_("'%(waarde)s' is geen getal.") % {"waarde": waarde})
    if isinstance(waarde, int | Decimal):
        return Decimal(waarde)
    if isinstance(waarde, float):  # a number cell of a spreadsheet: its shortest form
        return Decimal(repr(waarde))
    tekst = re.sub(r"[\s\u00a0€]", "", str(waarde))
    if not tekst:
        return None
    teken = ""
    if tekst[0] in "+-":
        teken, tekst = ("-" if tekst[0] == "-" else ""), tekst[1:]
    geheel, komma, decimalen = tekst.partition(",")
    if "." in geheel and not _DUIZENDTALLEN.fullmatch(geheel):
        raise GeenGetal(
            _(
                "'%(waarde)s' is geen getal zoals we het lezen: schrijf decimalen na een komma "
                "(2,5) en duizendtallen met punten of zonder (1.250.000 of 1250000)."
            )
            % {"waarde": waarde}
        )
    geheel = geheel.replace(".", "") or ("0" if komma else "")
    if not _CIJFERS.fullmatch(geheel) or (komma and not _CIJFERS.fullmatch(decimalen)):
        raise GeenGetal(_("'%(waarde)s' is geen getal.") % {"waarde": waarde})
    return Decimal(f"{teken}{geheel}.{decimalen}" if komma else f"{teken}{geheel}")


def getal_tonen(waarde, *, decimalen: int | None = None) -> str:
    """A number with Dutch separators: 1.250.000,5. None: "–"."""
    if waarde is None or waarde == "":
        return "–"
    waarde = Decimal(waarde)
    if decimalen is None:
        decimalen = (
            0
            if waarde == waarde.to_integral_value()
            else max(0, -waarde.normalize().as_tuple().exponent)
        )
    return number_format(waarde, decimal_pos=decimalen, use_l10n=True, force_grouping=True)


def _bedrag_cijfers(waarde) -> str:
    """An amount's digits: 1.250.000, or 1.250.000,50 when there are cents."""
    waarde = Decimal(waarde)
    return getal_tonen(waarde, decimalen=0 if waarde == waarde.to_integral_value() else 2)


def bedrag_tonen(waarde) -> str:
    """An amount in euros: € 1.250.000, or € 1.250.000,50 when there are cents."""
    if waarde is None or waarde == "":
        return "–"
    return "€\u00a0" + _bedrag_cijfers(waarde)


class GetalField(forms.DecimalField):
    """A decimal typed the Dutch way (see `getal_lezen`), shown the Dutch way in the form.
    The model field's limits (digits, decimal places, minimum) still apply."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return getal_lezen(value)
        except GeenGetal as fout:
            raise ValidationError(str(fout), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return getal_tonen(value)
        return value

    def widget_attrs(self, widget):
        # DecimalField sets type=number's step; a text box with inputmode=decimal instead
        # (a number input refuses "1.250.000,50").
        return {
            key: waarde
            for key, waarde in super().widget_attrs(widget).items()
            if key not in ("step", "min", "max")
        }


class BedragField(GetalField):
    """An amount in euros: `€ 1.250.000,50`, `1250000,50`, `450.000`."""

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return _bedrag_cijfers(value)
        return value
