"""The learner site's own URLs (the pages themselves are Wagtail's)."""

from django.urls import path

from . import actions, search

urlpatterns = [
    path("my-learning/", actions.my_learning, name="my_learning"),
    path("programs/<int:program_id>/enroll/", actions.enroll_view, name="enroll"),
    path(
        "items/<int:item_id>/<slug:action>/",
        actions.item_completion_view,
        name="item_completion",
    ),
    path(
        "enrollments/<uuid:enrollment_id>/target-date/",
        actions.target_date_view,
        name="enrollment_target_date",
    ),
    path(
        "enrollments/<uuid:enrollment_id>/<slug:action>/",
        actions.change_status_view,
        name="enrollment_status",
    ),
    path("search/", search.search, name="learning_search"),
    path("search/autocomplete/", search.autocomplete, name="learning_search_autocomplete"),
]
