"""The Wagtail userbar and the learner gates ask for admin access in one query, with the same
answer as Django's permission check."""

import pytest
from django.contrib.auth.models import Group, Permission

from culturedegree.admin_access import may_access_admin
from learning.tests.factories import build_program
from learning.tests.journey_helpers import make_learner

pytestmark = pytest.mark.django_db


def admin_group() -> Group:
    group = Group.objects.create(name="Page editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def test_the_answer_matches_djangos_permission_check():
    learner = make_learner("learner@example.com")
    editor = make_learner("editor@example.com")
    editor.groups.add(admin_group())
    direct = make_learner("direct@example.com")
    direct.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    superuser = make_learner("root@example.com", is_superuser=True)
    inactive = make_learner("gone@example.com", is_superuser=True, is_active=False)

    for user in (learner, editor, direct, superuser, inactive):
        fresh = type(user).objects.get(pk=user.pk)
        assert may_access_admin(fresh) == fresh.has_perm("wagtailadmin.access_admin"), user.email


def test_the_userbar_shows_to_editors_only(client):
    program = build_program(courses=1, modules=1, items=1)
    learner = make_learner("learner@example.com")
    editor = make_learner("editor@example.com")
    editor.groups.add(admin_group())

    client.force_login(learner)
    assert "wagtail-userbar" not in client.get(program.url).content.decode()
    client.force_login(editor)
    assert "wagtail-userbar" in client.get(program.url).content.decode()


def test_an_enrolled_editor_still_gets_the_userbar_on_learner_pages(client):
    from learning.journey.enrollment import enroll
    from learning.models import CoursePage

    program = build_program(courses=1, modules=1, items=1)
    editor = make_learner("editor@example.com")
    editor.groups.add(admin_group())
    learner = make_learner("learner@example.com")
    for user in (editor, learner):
        enroll(learner=user, program=program)
    course = CoursePage.objects.child_of(program).get()

    client.force_login(editor)
    assert "wagtail-userbar" in client.get(course.url).content.decode()
    client.force_login(learner)
    assert "wagtail-userbar" not in client.get(course.url).content.decode()
