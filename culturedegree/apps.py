from django.apps import AppConfig


class CultureDegreeConfig(AppConfig):
    name = "culturedegree"
    verbose_name = "Culture Degree"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()

        from . import privacy

        privacy.autodiscover()
