"""Uploads whose preview is never confirmed are deleted after a day, and only those."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from aanbestedingskalender.models import Importbestand


def upload(actieplan, user, uren_oud: float) -> Importbestand:
    bestand = Importbestand.objects.create(
        actieplan=actieplan, door=user, bestandsnaam="k.csv", formaat="csv", inhoud=b"x"
    )
    Importbestand.objects.filter(pk=bestand.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=uren_oud)
    )
    return bestand


def test_the_command_deletes_only_unconfirmed_uploads_older_than_a_day(
    actieplan, ander_actieplan, adviseur, capsys
):
    oud = upload(actieplan, adviseur, 25)
    oud_elders = upload(ander_actieplan, adviseur, 48)
    vandaag = upload(actieplan, adviseur, 23)
    net = upload(actieplan, adviseur, 0)

    call_command("importbestanden_opruimen")

    assert set(Importbestand.objects.values_list("pk", flat=True)) == {vandaag.pk, net.pk}
    assert not Importbestand.objects.filter(pk__in=[oud.pk, oud_elders.pk]).exists()
    assert "2 niet-bevestigde importbestanden verwijderd." in capsys.readouterr().out

    call_command("importbestanden_opruimen")  # again: nothing more to do
    assert Importbestand.objects.count() == 2
