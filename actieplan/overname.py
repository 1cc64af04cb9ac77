"""A new plan period starts from the last one: the parts the coördinator chooses are
copied from the previous plan into the new one (issue 22, part 5).

Each app registers what it can take over (`Overname`) in `AppConfig.ready()`, as the steps
do: `actieplan` its steps 1–3 (themes and their rationale, the agreed levels as the new
nulmeting's start, the kinds of measurable goal), the calendar the open tenders, the year
planning the borging texts and the unfinished actions. `actieplan` only loops over what is
registered. Actor groups belong to the organisation, not to a plan: they stay as they are.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from .models import Actieplan, ActieplanThema, MeetbaarDoel


@dataclass(frozen=True)
class Voorbeeld:
    """What taking a part over would copy: a count and a few names, for the preview."""

    aantal: int
    namen: tuple[str, ...] = ()


class Overname:
    sleutel: str = ""
    label = ""
    uitleg = ""

    def voorbeeld(self, *, vorig: Actieplan, startjaar: int) -> Voorbeeld:
        raise NotImplementedError

    def overnemen(self, *, vorig: Actieplan, nieuw: Actieplan) -> int:
        raise NotImplementedError


class Overnames:
    def __init__(self) -> None:
        self._delen: list[Overname] = []

    def registreer(self, deel: Overname) -> None:
        if any(d.sleutel == deel.sleutel for d in self._delen):
            raise ValueError(f"{deel.sleutel} is al geregistreerd.")
        self._delen.append(deel)

    def __iter__(self):
        return iter(list(self._delen))

    def keuzes(self) -> list[tuple[str, str]]:
        return [(d.sleutel, d.label) for d in self._delen]

    def get(self, sleutel: str) -> Overname:
        return next(d for d in self._delen if d.sleutel == sleutel)


overnames = Overnames()

NAMEN = 5  # names shown per part in the preview


class Themas(Overname):
    sleutel = "themas"
    label = gettext_lazy("Thema's: focus en onderbouwing (stap 2)")
    uitleg = gettext_lazy("Welke thema's focusthema zijn, met de onderbouwing en wat doorloopt.")

    def _rijen(self, vorig):
        return ActieplanThema.objects.filter(actieplan=vorig).select_related("thema")

    def voorbeeld(self, *, vorig, startjaar):
        focus = [r.thema.korte_naam for r in self._rijen(vorig) if r.focus]
        return Voorbeeld(len(focus), tuple(focus[:NAMEN]))

    def overnemen(self, *, vorig, nieuw):
        aantal = 0
        for oud in self._rijen(vorig):
            rij, _nieuw = ActieplanThema.objects.get_or_create(actieplan=nieuw, thema=oud.thema)
            rij.focus, rij.onderbouwing, rij.doorlopend = (
                oud.focus,
                oud.onderbouwing,
                oud.doorlopend,
            )
            rij.full_clean()
            rij.save()
            aantal += oud.focus
        return aantal


class Niveaus(Overname):
    sleutel = "niveaus"
    label = gettext_lazy("Vastgestelde niveaus als start van de nulmeting (stap 1)")
    uitleg = gettext_lazy(
        "Het laatst vastgestelde niveau per thema, met de samenvatting; de inkoopadviseurs "
        "kunnen de nulmeting daarna opnieuw invullen."
    )

    def _rijen(self, vorig):
        return ActieplanThema.objects.filter(
            actieplan=vorig, huidig_niveau__isnull=False
        ).select_related("thema", "huidig_niveau")

    def voorbeeld(self, *, vorig, startjaar):
        rijen = list(self._rijen(vorig))
        return Voorbeeld(
            len(rijen),
            tuple(f"{r.thema.korte_naam} {r.huidig_niveau.nummer}" for r in rijen[:NAMEN]),
        )

    def overnemen(self, *, vorig, nieuw):
        aantal = 0
        for oud in self._rijen(vorig):
            rij, _nieuw = ActieplanThema.objects.get_or_create(actieplan=nieuw, thema=oud.thema)
            rij.huidig_niveau = oud.huidig_niveau
            rij.nulmeting_samenvatting = oud.nulmeting_samenvatting
            rij.full_clean()
            rij.save()
            aantal += 1
        return aantal


class Doelsoorten(Overname):
    sleutel = "doelen"
    label = gettext_lazy("Soorten meetbare doelen (stap 3)")
    uitleg = gettext_lazy(
        "Doelen voor jaren van de nieuwe periode blijven staan; van een soort zonder zo'n "
        "doel wordt de laatste streefwaarde het doel voor het eerste jaar. Het team stelt "
        "ze daarna per jaar bij."
    )

    def _over(self, vorig, startjaar: int, eindjaar: int) -> list[tuple[MeetbaarDoel, int]]:
        """(goal, year in the new plan) per goal to copy."""
        doelen = list(
            MeetbaarDoel.objects.filter(actieplan=vorig)
            .select_related("soort")
            .order_by("soort__volgorde", "soort__naam", "jaar")
        )
        binnen = [(d, d.jaar) for d in doelen if startjaar <= d.jaar <= eindjaar]
        met_doel = {d.soort_id for d, _jaar in binnen}
        laatste: dict[int, MeetbaarDoel] = {}
        for doel in doelen:
            if doel.soort_id not in met_doel:
                laatste[doel.soort_id] = doel  # ordered by year: the last one wins
        return binnen + [(d, startjaar) for d in laatste.values()]

    def voorbeeld(self, *, vorig, startjaar):
        over = self._over(vorig, startjaar, startjaar + (vorig.eindjaar - vorig.startjaar))
        soorten = list(dict.fromkeys(d.soort.naam for d, _jaar in over))
        return Voorbeeld(len(over), tuple(soorten[:NAMEN]))

    def overnemen(self, *, vorig, nieuw):
        over = self._over(vorig, nieuw.startjaar, nieuw.eindjaar)
        for oud, jaar in over:
            doel = MeetbaarDoel(
                actieplan=nieuw,
                soort=oud.soort,
                jaar=jaar,
                streefwaarde=oud.streefwaarde,
                drempel=oud.drempel,
            )
            doel.full_clean()
            doel.save()
        return len(over)


def voorbeeld(*, vorig: Actieplan, startjaar: int, delen: list[str]) -> list[dict]:
    """Per chosen part what would be copied."""
    return [
        {"deel": deel, "voorbeeld": deel.voorbeeld(vorig=vorig, startjaar=startjaar)}
        for deel in overnames
        if deel.sleutel in delen
    ]
