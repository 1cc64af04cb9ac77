"""The versions put to management and the concept-PDF requests, moved here from
`actieplan` (ADR 0004). actieplan's 0012 renamed their tables in place, so this migration
takes the models up without touching their rows; it moves their content types (and with
them the permissions and the admin's log entries about them) to this app, and points
background tasks that were waiting under the old module at this app's."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELLEN = ("planversie", "documentopdracht")
TAKEN = ("versie_vastleggen", "conceptpdf_maken")


def _verhuizen(van: str, naar: str):
    def verhuizen(apps, schema_editor):
        if schema_editor is None:  # the test suite's replay of data migrations (conftest)
            return
        ContentType = apps.get_model("contenttypes", "ContentType")
        LogEntry = apps.get_model("admin", "LogEntry")
        for model in MODELLEN:
            oud = ContentType.objects.filter(app_label=van, model=model).first()
            if oud is None:
                continue
            nieuw = ContentType.objects.filter(app_label=naar, model=model).first()
            if nieuw is not None:
                # Made after a step back (Django's post_migrate makes the content types of
                # the installed models): the older one, with the history, takes its place;
                # the newer one's default permissions go with it.
                LogEntry.objects.filter(content_type=nieuw).update(content_type=oud)
                nieuw.delete()
            oud.app_label = naar
            oud.save(update_fields=["app_label"])
        # Tasks enqueued before the move (waiting, or to be retried) find their function.
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        for taak in TAKEN:
            DBTaskResult.objects.filter(task_path=f"{van}.tasks.{taak}").update(
                task_path=f"{naar}.tasks.{taak}"
            )

    return verhuizen


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("actieplan", "0012_versies_naar_plandocument"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Documentopdracht",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "variant",
                            models.CharField(
                                choices=[("intern", "Intern"), ("publicatie", "Voor publicatie")],
                                max_length=12,
                                verbose_name="variant",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("wacht", "Wacht op de verwerking"),
                                    ("bezig", "Wordt gemaakt"),
                                    ("klaar", "Klaar"),
                                    ("mislukt", "Mislukt"),
                                ],
                                default="wacht",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "aangevraagd_op",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="aangevraagd op"
                            ),
                        ),
                        (
                            "klaar_op",
                            models.DateTimeField(blank=True, null=True, verbose_name="klaar op"),
                        ),
                        ("pdf", models.BinaryField(null=True, verbose_name="PDF")),
                        (
                            "aangevraagd_door",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="aangevraagd door",
                            ),
                        ),
                        (
                            "actieplan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="documentopdrachten",
                                to="actieplan.actieplan",
                                verbose_name="actieplan",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "aanvraag van een concept-PDF",
                        "verbose_name_plural": "aanvragen van een concept-PDF",
                        "ordering": ["-aangevraagd_op"],
                    },
                ),
                migrations.CreateModel(
                    name="Planversie",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("nummer", models.PositiveSmallIntegerField(verbose_name="versienummer")),
                        (
                            "jaar",
                            models.PositiveSmallIntegerField(
                                help_text="Het jaar waarover de jaarlijkse stappen gaan.",
                                verbose_name="planjaar",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("ter_goedkeuring", "Ter goedkeuring"),
                                    ("goedgekeurd", "Goedgekeurd"),
                                    ("afgewezen", "Afgewezen"),
                                    ("ingetrokken", "Ingetrokken"),
                                ],
                                default="ter_goedkeuring",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "ingediend_op",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="ingediend op"
                            ),
                        ),
                        (
                            "toelichting",
                            models.TextField(
                                blank=True, verbose_name="toelichting bij het indienen"
                            ),
                        ),
                        (
                            "beoordeeld_op",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="beoordeeld op"
                            ),
                        ),
                        (
                            "opmerking",
                            models.TextField(
                                blank=True, verbose_name="opmerking van het management"
                            ),
                        ),
                        (
                            "momentopname",
                            models.JSONField(verbose_name="momentopname van de gegevens"),
                        ),
                        (
                            "momentopname_sha256",
                            models.CharField(
                                max_length=64, verbose_name="SHA-256 van de momentopname"
                            ),
                        ),
                        (
                            "pdf_status",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Niet van toepassing"),
                                    ("wacht", "Wacht op de verwerking"),
                                    ("bezig", "Wordt gemaakt"),
                                    ("klaar", "Vastgelegd"),
                                    ("mislukt", "Mislukt"),
                                ],
                                default="",
                                max_length=10,
                                verbose_name="PDF",
                            ),
                        ),
                        (
                            "pdf_fout",
                            models.TextField(
                                blank=True, verbose_name="fout bij het maken van de PDF"
                            ),
                        ),
                        (
                            "pdf_gestart_op",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="laatste poging gestart op"
                            ),
                        ),
                        ("pdf_intern", models.BinaryField(null=True, verbose_name="PDF (intern)")),
                        ("pdf_intern_sha256", models.CharField(blank=True, max_length=64)),
                        (
                            "pdf_publicatie",
                            models.BinaryField(null=True, verbose_name="PDF (publicatie)"),
                        ),
                        ("pdf_publicatie_sha256", models.CharField(blank=True, max_length=64)),
                        (
                            "vastgelegd_op",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="vastgelegd op"
                            ),
                        ),
                        (
                            "actieplan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="versies",
                                to="actieplan.actieplan",
                                verbose_name="actieplan",
                            ),
                        ),
                        (
                            "beoordeeld_door",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="beoordeeld door",
                            ),
                        ),
                        (
                            "ingediend_door",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="ingediend door",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "versie van een actieplan",
                        "verbose_name_plural": "versies van een actieplan",
                        "ordering": ["actieplan", "-nummer"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("actieplan", "nummer"), name="uniek_versienummer"
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("status", "ter_goedkeuring")),
                                fields=("actieplan",),
                                name="een_versie_ter_goedkeuring",
                            ),
                        ],
                    },
                ),
            ]
        ),
        migrations.RunPython(
            _verhuizen("actieplan", "plandocument"),
            _verhuizen("plandocument", "actieplan"),
            elidable=False,
        ),
    ]
