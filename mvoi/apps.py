from django.apps import AppConfig


class MvoiConfig(AppConfig):
    """The project package, installed for its shared template tags and commands."""

    name = "mvoi"
    verbose_name = "MVOI"
