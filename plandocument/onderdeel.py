"""The document and its approval on the pages of a plan (actieplan.planonderdelen): the
approval section and the document's download on the plan page, and while the plan is
locked, the note at the head of every page of the plan that says which version is with
management."""

from actieplan.planonderdelen import PlanOnderdeel

from . import selectors


class Goedkeuring(PlanOnderdeel):
    template = "plandocument/_plan_pagina.html"
    vergrendeld_template = "plandocument/_vergrendeld.html"
    weigering_template = "plandocument/_vergrendeld_link.html"

    def pagina(self, request, actieplan) -> dict:
        return {
            "laatste_vastgestelde": selectors.laatste_vastgestelde(actieplan=actieplan),
            "laatste_versie": selectors.laatste_versie(actieplan=actieplan),
        }

    def vergrendeling(self, actieplan) -> dict:
        return {"versie_ter_goedkeuring": selectors.versie_ter_goedkeuring(actieplan=actieplan)}
