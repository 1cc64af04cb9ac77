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
