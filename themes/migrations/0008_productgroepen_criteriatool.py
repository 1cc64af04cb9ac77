"""Every product group links to the MVI criteria tool (mvicriteria.nl). The tool addresses
its pages per product group by numbers in a '#//…' fragment that we could not verify for all
ten groups, so the groups start at the tool's start page, where the user picks the group. A
platform administrator sets a group's own page in the admin; this migration only fills
groups that have none."""

from django.db import migrations

CRITERIATOOL = "https://www.mvicriteria.nl/nl/webtool"


def laden(apps, schema_editor):
    Productgroep = apps.get_model("themes", "Productgroep")
    Productgroep.objects.filter(criteriatool_url="").update(criteriatool_url=CRITERIATOOL)


class Migration(migrations.Migration):
    dependencies = [("themes", "0007_productgroep_criteriatool")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
