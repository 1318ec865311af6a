from django.urls import path

from . import actions as learner_views

urlpatterns = [
    path("my-learning/", learner_views.my_learning, name="my_learning"),
    path("programs/<int:program_id>/enroll/", learner_views.enroll_view, name="enroll"),
    path(
        "items/<int:item_id>/<slug:action>/",
        learner_views.item_completion_view,
        name="item_completion",
    ),
    path(
        "enrollments/<uuid:enrollment_id>/target-date/",
        learner_views.target_date_view,
        name="enrollment_target_date",
    ),
    path(
        "enrollments/<uuid:enrollment_id>/<slug:action>/",
        learner_views.change_status_view,
        name="enrollment_status",
    ),
]
