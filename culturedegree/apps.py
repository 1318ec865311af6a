from django.apps import AppConfig


class CultureDegreeConfig(AppConfig):
    name = "culturedegree"
    verbose_name = "Culture Degree"
    default_auto_field = "django.db.models.BigAutoField"
