"""A version keeps the document's body as it was submitted (ADR 0005). A version that is
open when this runs (under review, or approved and not yet frozen) was submitted under the
old lock, which kept the whole plan as it was: its body is made now from the data, when the
data is still what was submitted (the snapshot's hash), so the work that goes on from now
does not make its freezing fail. A closed version needs none: its PDFs are frozen, or it
never will be."""

from django.db import migrations, models

OPEN = {"status": "ter_goedkeuring"}, {"status": "goedgekeurd", "vastgelegd_op__isnull": True}


def bewaren(apps, schema_editor):
    if schema_editor is None:  # the test suite's replay of data migrations (conftest)
        return
    Planversie = apps.get_model("plandocument", "Planversie")
    open_ = [v for filter_ in OPEN for v in Planversie.objects.filter(romp={}, **filter_)]
    if not open_:
        return
    # Only when there is one to keep: the application's own code, as it is at this release.
    from actieplan.models import Actieplan
    from plandocument import document, teksten

    # A plan's own document texts came later (0005): at this point no plan has any, and
    # their table is not there yet, so the code of today reads none.
    eigen_teksten = teksten.eigen_teksten
    teksten.eigen_teksten = lambda **kwargs: {}
    try:
        for versie in open_:
            plan = Actieplan.objects.get(pk=versie.actieplan_id)
            gegevens = document.momentopname(actieplan=plan)
            if document.sha256(document.canoniek(gegevens)) != versie.momentopname_sha256:
                continue  # changed past the lock: its freezing fails in words, as it did
            romp = document.rompen(actieplan=plan, jaar=versie.jaar)
            Planversie.objects.filter(pk=versie.pk).update(
                romp=romp, romp_sha256=document.sha256(document.canoniek(romp))
            )
    finally:
        teksten.eigen_teksten = eigen_teksten


class Migration(migrations.Migration):
    dependencies = [
        ("plandocument", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="planversie",
            name="romp",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="het document zoals ingediend"
            ),
        ),
        migrations.AddField(
            model_name="planversie",
            name="romp_sha256",
            field=models.CharField(
                blank=True, max_length=64, verbose_name="SHA-256 van het document"
            ),
        ),
        migrations.RunPython(bewaren, migrations.RunPython.noop, elidable=False),
    ]
