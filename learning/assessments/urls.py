from django.urls import path

from . import views

urlpatterns = [
    path("assessments/<uuid:assessment_id>/", views.assessment_page, name="assessment"),
    path("assessments/<uuid:assessment_id>/start/", views.start_view, name="assessment_start"),
    path("attempts/<uuid:attempt_id>/", views.attempt_page, name="attempt"),
    path("attempts/<uuid:attempt_id>/save/", views.save_view, name="attempt_save"),
    path("attempts/<uuid:attempt_id>/submit/", views.submit_view, name="attempt_submit"),
]
