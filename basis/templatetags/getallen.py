"""{% load getallen %}: {{ waarde|bedrag }} → € 1.250.000; {{ waarde|getal }} → 2,5."""

from django import template

from basis.getallen import bedrag_tonen, getal_tonen

register = template.Library()


@register.filter
def bedrag(waarde) -> str:
    return bedrag_tonen(waarde)


@register.filter
def getal(waarde) -> str:
    return getal_tonen(waarde)
