from django.apps import AppConfig


class MvoiConfig(AppConfig):
    """The project shell: settings, URLs, WSGI and the commands that compose the apps
    (demo data, an organisation's export and restore). No app imports it."""

    name = "mvoi"
    verbose_name = "MVOI"
