from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the models are loaded: the modules below import them.
        from .signal_handlers import register_signal_handlers
        from .views.pages import register_page_contexts

        register_signal_handlers()
        register_page_contexts()
