from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CultureDegreeConfig(AppConfig):
    name = "culturedegree"
    verbose_name = "Culture Degree"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .sites import sync_site_from_settings

        post_migrate.connect(sync_site_from_settings, sender=self)

        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

        from . import privacy

        privacy.autodiscover()
