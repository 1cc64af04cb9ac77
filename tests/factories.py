import factory
from factory.django import DjangoModelFactory

from actieplan.models import Actieplan
from organisaties.models import Lidmaatschap, Organisatie, Rol, User


class OrganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Gemeente Test {n}")
    type = Organisatie.Type.GEMEENTE


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.django.Password("een-goed-wachtwoord-123")


class LidmaatschapFactory(DjangoModelFactory):
    """A membership; pass `rollen=["beheerder", ...]` as role codes."""

    class Meta:
        model = Lidmaatschap
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)

    @factory.post_generation
    def rollen(self, create, codes, **kwargs):
        if create and codes:
            self.rollen.set(Rol.objects.filter(code__in=codes))


class ActieplanFactory(DjangoModelFactory):
    class Meta:
        model = Actieplan

    organisatie = factory.SubFactory(OrganisatieFactory)
    titel = "Actieplan MVOI"
    startjaar = 2024
    eindjaar = 2027


def veel_aanbestedingen(
    plan, aantal: int, *, van: int = 0, kenmerk: str = "T-{i}", naam="Aanbesteding {i}", **velden
):
    """`aantal` tenders in one INSERT for a plan that must be full (speed, memory, layout
    tests), numbered `i` from `van`. `kenmerk` and `naam` are formats of `i`; any other
    field is a value or a function of `i`. By default a European open services tender starting in
    the plan's current year, the quarters in turn."""
    from aanbestedingskalender.models import Aanbesteding

    standaard = {
        "procedure": "europees_openbaar",
        "soort": "diensten",
        "startjaar": plan.lopend_jaar,
        "startkwartaal": lambda i: i % 4 + 1,
    }
    waarden = standaard | velden
    return Aanbesteding.objects.bulk_create(
        Aanbesteding(
            actieplan=plan,
            kenmerk=kenmerk.format(i=i),
            naam=naam.format(i=i),
            **{veld: w(i) if callable(w) else w for veld, w in waarden.items()},
        )
        for i in range(van, van + aantal)
    )
