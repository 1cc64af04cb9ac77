from django.apps import AppConfig
from django.conf import settings
from django.db.backends.signals import connection_created


def _planner_instellen(sender, connection, **kwargs):
    """PostgreSQL's cost of a random read, as settings.POSTGRES_RANDOM_PAGE_COST says."""
    kosten = getattr(settings, "POSTGRES_RANDOM_PAGE_COST", 0)
    if connection.vendor == "postgresql" and kosten:
        with connection.cursor() as cursor:
            cursor.execute(f"SET random_page_cost = {float(kosten)}")  # a number, no input


class BasisConfig(AppConfig):
    """The ground every app stands on: Dutch numbers, quarters, the edit-conflict guard,
    request hardening, the form helper and the template tags. It imports no app of the
    product (tests/test_lagen.py)."""

    name = "basis"
    verbose_name = "Basis"

    def ready(self):
        connection_created.connect(_planner_instellen, dispatch_uid="mvoi-planner")
