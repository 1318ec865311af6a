"""Editors manage achievements in the admin; staff award special ones with a reason."""

import pytest
from django.urls import reverse

from certificates.evaluation import ACHIEVEMENT_AWARDED
from certificates.models import Achievement, UserAchievement
from culturedegree import audit
from learning.tests.factories import staff_user

from .helpers import make_achievement, make_learner

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_certificates_achievement:add")


@pytest.fixture
def admin(client, site):
    user = staff_user("admin@example.com", superuser=True)
    client.force_login(user)
    return user


def form_data(**fields):
    return {
        "name": "Silk Road scholar",
        "description": "Finish the first course.",
        "icon": "trophy",
        "points": "50",
        "is_active": "on",
        **fields,
    }


def test_an_editor_creates_a_course_achievement(client, admin, tree):
    form = client.get(ADD_URL).content.decode()
    assert 'name="criteria_course"' in form
    assert tree.courses[0].title in form
    response = client.post(
        ADD_URL, form_data(kind="course_completion", criteria_course=tree.courses[0].id)
    )
    assert response.status_code == 302, response.context["form"].errors
    achievement = Achievement.objects.get()
    assert achievement.criteria == {"course": tree.courses[0].id}
    assert achievement.locale.language_code == "en"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "course_completion"}, "criteria_course", "Choose the course to complete."),
        ({"kind": "program_completion"}, "criteria_program", "Choose the program to complete."),
        ({"kind": "streak", "criteria_length": "1"}, "criteria_length", "from 2 to 1000"),
        ({"kind": "streak"}, "criteria_length", "from 2 to 1000"),
        (
            {"kind": "community", "criteria_count": "3"},
            "criteria_activity",
            "Choose what the learner does",
        ),
        (
            {"kind": "community", "criteria_activity": "accepted_answers", "criteria_count": "0"},
            "criteria_count",
            "from 1 to 100000",
        ),
        (
            {"kind": "assessment", "criteria_assessment": "not-an-id", "criteria_min_score": "90"},
            "criteria_assessment",
            "Choose the assessment to pass.",
        ),
        (
            {
                "kind": "assessment",
                "criteria_assessment": "0b7c0a8e-6a52-4c55-9f0e-5d5a1d1f2d55",
                "criteria_min_score": "120",
            },
            "criteria_min_score",
            "from 1 to 100",
        ),
    ],
)
def test_invalid_criteria_are_refused_on_the_field_they_concern(
    client, admin, tree, fields, field, message
):
    response = client.post(ADD_URL, form_data(**fields))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert message in response.content.decode()
    assert not Achievement.objects.exists()


def test_the_criteria_show_again_when_editing(client, admin):
    achievement = make_achievement("streak", {"length": 7})
    url = reverse("wagtailsnippets_certificates_achievement:edit", args=[achievement.pk])
    html = client.get(url).content.decode()
    assert 'name="criteria_length"' in html
    assert 'value="7"' in html


def test_staff_award_a_special_achievement_with_a_reason_in_the_audit_log(client, admin):
    achievement = make_achievement("special", name="Helping hand")
    learner = make_learner("grace@example.com")
    url = reverse("certificates_award_achievement", args=[achievement.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"email": "grace@example.com", "reason": "  "})
    assert refused.status_code == 400
    assert not UserAchievement.objects.exists()
    response = client.post(url, {"email": "grace@example.com", "reason": "Ran the study group"})
    assert response.status_code == 302
    row = UserAchievement.objects.get(learner=learner)
    assert row.earned_at is not None
    assert (row.awarded_by, row.reason) == (admin, "Ran the study group")
    entry = audit.entries_about(learner).get(action=ACHIEVEMENT_AWARDED)
    assert entry.user_id == admin.pk
    assert entry.data["reason"] == "Ran the study group"
    again = client.post(url, {"email": "grace@example.com", "reason": "Twice"})
    assert again.status_code == 400
    assert "already has this achievement" in again.content.decode()


def test_only_special_achievements_are_awarded_by_hand_and_only_by_permitted_staff(
    client, site, tree
):
    special = make_achievement("special")
    course = make_achievement("course_completion", {"course": tree.courses[0].id})
    client.force_login(staff_user("admin@example.com", superuser=True))
    url = reverse("certificates_award_achievement", args=[course.pk])
    assert client.get(url, follow=True).status_code == 404
    client.force_login(staff_user("helper@example.com"))
    response = client.get(reverse("certificates_award_achievement", args=[special.pk]))
    assert response.status_code in (302, 403)
    make_learner("grace@example.com")
    client.post(
        reverse("certificates_award_achievement", args=[special.pk]),
        {"email": "grace@example.com", "reason": "Because"},
    )
    assert not UserAchievement.objects.exists()


def test_the_listing_offers_the_award_for_special_achievements(client, admin):
    special = make_achievement("special", name="Helping hand")
    html = client.get(reverse("wagtailsnippets_certificates_achievement:list")).content.decode()
    assert reverse("certificates_award_achievement", args=[special.pk]) in html


def test_wagtail_localize_translates_an_achievement_keeping_its_criteria(tree):
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    achievement = make_achievement(
        "course_completion", {"course": tree.courses[0].id}, name="Scholar", points=70
    )
    source, _ = TranslationSource.get_or_create_from_instance(achievement)
    segments = source.stringsegment_set.select_related("string")
    assert {s.string.data for s in segments} == {"Scholar", "Do the thing."}
    french = Locale.objects.get(language_code="fr")
    translation, created = source.create_or_update_translation(french, fallback=True)
    assert created
    assert translation.pk != achievement.pk
    assert translation.translation_key == achievement.translation_key
    assert (translation.kind, translation.criteria, translation.points) == (
        "course_completion",
        {"course": tree.courses[0].id},
        70,
    )


def test_personal_data_export_lists_awards_and_goals(tree, learner):
    from certificates.evaluation import award
    from certificates.models import LearnerGoals
    from culturedegree.privacy import export_personal_data

    award(learner=learner, achievement=make_achievement("special", name="Kind"), reason="Help")
    LearnerGoals.objects.create(learner=learner, goal_kind="weekly", days_per_week=4)
    data = export_personal_data(user=learner)
    flat = str(data)
    assert "Kind" in flat and "Help" in flat
    assert "weekly" in flat


def test_an_earned_achievement_cannot_be_deleted_one_in_progress_can(client, admin, tree):
    from certificates.evaluation import award, record_progress

    learner = make_learner("grace@example.com")
    earned = make_achievement("special", name="Kept")
    award(learner=learner, achievement=earned, reason="x")
    url = reverse("wagtailsnippets_certificates_achievement:delete", args=[earned.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "make it inactive instead of deleting it" in response.content.decode()
    assert Achievement.objects.filter(pk=earned.pk).exists()

    started = make_achievement("course_completion", {"course": tree.courses[0].id}, name="Gone")
    record_progress(learner=learner, achievement=started, progress={"current": 1, "target": 2})
    url = reverse("wagtailsnippets_certificates_achievement:delete", args=[started.pk])
    assert client.post(url).status_code == 302
    assert not Achievement.objects.filter(pk=started.pk).exists()
    assert UserAchievement.objects.filter(learner=learner).count() == 1
