from django.urls import path

from . import views

urlpatterns = [
    path("assessments/<uuid:assessment_id>/", views.assessment_page, name="assessment"),
    path("assessments/<uuid:assessment_id>/start/", views.start_view, name="assessment_start"),
    path("attempts/<uuid:attempt_id>/", views.attempt_page, name="attempt"),
    path("attempts/<uuid:attempt_id>/save/", views.save_view, name="attempt_save"),
    path("attempts/<uuid:attempt_id>/submit/", views.submit_view, name="attempt_submit"),
    path("attempts/<uuid:attempt_id>/files/", views.upload_view, name="attempt_upload"),
    path("attempt-files/<uuid:file_id>/", views.download_view, name="attempt_file"),
    path(
        "attempt-files/<uuid:file_id>/delete/", views.remove_file_view, name="attempt_file_delete"
    ),
    path(
        "assessments/<uuid:assessment_id>/reviews/", views.reviews_page, name="assessment_reviews"
    ),
    path("reviews/<uuid:review_id>/", views.review_submit_view, name="review_submit"),
]
