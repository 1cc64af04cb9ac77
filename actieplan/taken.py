""" "Mijn taken": what is waiting for this person, computed from the data, never stored.

Each app that knows of a kind of task registers a `Takenbron` in `AppConfig.ready()`, as
the steps do (`stappen.py`): `actieplan` loops over what is registered and never imports
an app above it. Each source keeps a constant number of queries, whatever the number of
plans, tenders or versions; the start page and the daily reminder e-mail
(`manage.py herinneringen_versturen`) read the same list."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from organisaties.models import Organisatie, User
from themes.models import Thema

from .models import Actieplan, ActieplanThema, NulmetingAntwoord


@dataclass(frozen=True)
class Taak:
    """One thing to do: what (a sentence), where (the page where it is done), and the kind
    (meldingen.models.Soort: the same kinds a person can get e-mail about)."""

    soort: str
    tekst: str
    pad: str


class Takenbron:
    def taken(self, *, user: User, organisatie: Organisatie, plannen: list) -> list[Taak]:
        """The person's tasks in the organisation; `plannen`: its action plans (read once
        for all sources)."""
        return []


class Takenbronnen:
    def __init__(self) -> None:
        self._bronnen: list[Takenbron] = []

    def registreer(self, bron: Takenbron) -> None:
        if any(type(b) is type(bron) for b in self._bronnen):
            raise ValueError(f"{type(bron).__name__} is al geregistreerd.")
        self._bronnen.append(bron)

    def voor(self, *, user: User, organisatie: Organisatie, plannen: list) -> list[Taak]:
        uit: list[Taak] = []
        for bron in self._bronnen:
            uit.extend(bron.taken(user=user, organisatie=organisatie, plannen=plannen))
        return uit


takenbronnen = Takenbronnen()


class Plantaken(Takenbron):
    """Steps 1–3: an advisor's own nulmeting while the team has not agreed every theme's
    level; the coördinator's yearly review of steps 1–3. Two queries."""

    def taken(self, *, user, organisatie, plannen):
        uit: list[Taak] = []
        if user.has_perm("actieplan.change_actieplan", organisatie):
            for plan in plannen:
                if plan.herziening_jaar and not plan.vergrendeld:
                    uit.append(
                        Taak(
                            soort="",
                            tekst=_(
                                "Loop stap 1 tot en met 3 na voor %(jaar)s in %(plan)s "
                                "(de jaarlijkse herziening)."
                            )
                            % {"jaar": plan.herziening_jaar, "plan": plan.titel},
                            pad=reverse("actieplan:detail", args=[plan.pk]),
                        )
                    )
        open_ = [p.pk for p in plannen if not p.vergrendeld]
        if open_ and user.has_perm("actieplan.vul_nulmeting_in", organisatie):

            def telling(qs):
                return Subquery(
                    qs.filter(actieplan=OuterRef("pk"))
                    .order_by()
                    .values("actieplan")
                    .annotate(n=Count("pk"))
                    .values("n"),
                    output_field=IntegerField(),
                )

            totaal = Thema.objects.count()
            rijen = Actieplan.objects.filter(pk__in=open_).annotate(
                vastgesteld=telling(ActieplanThema.objects.filter(huidig_niveau__isnull=False)),
                klaar=telling(
                    NulmetingAntwoord.objects.filter(user=user, niveau__isnull=False).exclude(
                        onderbouwing=""
                    )
                ),
            )
            for plan in rijen.order_by("-startjaar", "titel"):
                vastgesteld, klaar = plan.vastgesteld or 0, plan.klaar or 0
                if vastgesteld < totaal and klaar < totaal:
                    uit.append(
                        Taak(
                            soort="nulmeting",
                            tekst=_(
                                "Vul de nulmeting in voor %(plan)s (%(klaar)s van %(totaal)s "
                                "thema's klaar)."
                            )
                            % {"plan": plan.titel, "klaar": klaar, "totaal": totaal},
                            pad=reverse("actieplan:nulmeting_mijn", args=[plan.pk]),
                        )
                    )
        return uit
