from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import integrations, listeners, signal_handlers

        listeners.connect()
        integrations.connect()
        signal_handlers.register_signal_handlers()
