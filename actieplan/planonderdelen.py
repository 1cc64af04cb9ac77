"""What the pages of a plan show beside the seven steps, from an app above `actieplan`.

The plan page and the head of every page inside a plan have room for parts that belong to
no step: the plan document and its approval (`plandocument`) is one. Like a step, such a
part is registered by its own app in `AppConfig.ready()`, and `actieplan` only loops over
what is registered: it never imports an app above it (tests/test_lagen.py)."""

from django.http import HttpRequest


class PlanOnderdeel:
    """One part. `template` is included on the plan page with `pagina()`'s context;
    while the plan is locked, `vergrendeld_template` is included at the head of every
    page of the plan, and `weigering_template` on the page that says a change is not
    possible now (where to look instead), both with `vergrendeling()`'s context. Each
    keeps a constant number of queries."""

    template: str = ""
    vergrendeld_template: str = ""
    weigering_template: str = ""

    def pagina(self, request: HttpRequest, actieplan) -> dict:
        return {}

    def vergrendeling(self, actieplan) -> dict:
        return {}


class PlanOnderdelen:
    def __init__(self) -> None:
        self._onderdelen: list[PlanOnderdeel] = []

    def registreer(self, onderdeel: PlanOnderdeel) -> None:
        if any(type(o) is type(onderdeel) for o in self._onderdelen):
            raise ValueError(f"{type(onderdeel).__name__} is al geregistreerd.")
        self._onderdelen.append(onderdeel)

    def __iter__(self):
        return iter(list(self._onderdelen))

    def plan_pagina(self, request: HttpRequest, actieplan) -> dict:
        """The plan page's context: each part's own, and the templates to include."""
        context: dict = {"planonderdelen": [o.template for o in self if o.template]}
        for onderdeel in self:
            context.update(onderdeel.pagina(request, actieplan))
        return context

    def vergrendeld(self, actieplan) -> dict:
        """A locked plan's context: each part's note for the pages' head and for the
        page that refuses a change, and each part's context."""
        context: dict = {
            "vergrendeld_meldingen": [
                o.vergrendeld_template for o in self if o.vergrendeld_template
            ],
            "weigering_meldingen": [o.weigering_template for o in self if o.weigering_template],
        }
        for onderdeel in self:
            context.update(onderdeel.vergrendeling(actieplan))
        return context


planonderdelen = PlanOnderdelen()
