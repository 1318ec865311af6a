from django.urls import path

from . import achievement_views

urlpatterns = [
    path("my-learning/goals/", achievement_views.goals_view, name="learning_goals"),
    path(
        "my-learning/leaderboard/<int:program_id>/",
        achievement_views.leaderboard_view,
        name="program_leaderboard",
    ),
    path(
        "my-learning/leaderboard/<int:program_id>/appearance/",
        achievement_views.leaderboard_appearance_view,
        name="leaderboard_appearance",
    ),
    path(
        "my-learning/achievements/<uuid:award_id>/seen/",
        achievement_views.dismiss_view,
        name="achievement_seen",
    ),
]
