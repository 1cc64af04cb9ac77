from django.apps import AppConfig


class BasisConfig(AppConfig):
    """The ground every app stands on: Dutch numbers, quarters, the edit-conflict guard,
    request hardening, the form helper and the template tags. It imports no app of the
    product (tests/test_lagen.py)."""

    name = "basis"
    verbose_name = "Basis"
