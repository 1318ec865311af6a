"""Fixtures for the community tests: a program with a discussion module, learners."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission

from learning.journey.enrollment import enroll
from learning.models import ModulePage
from learning.tests.journey_helpers import build_tree, make_learner


@pytest.fixture
def tree():
    """Two courses of one module each; the second course's module is a discussion."""
    tree = build_tree()
    ModulePage.objects.filter(pk=tree.modules[1].pk).update(module_type="discussion")
    tree.modules[1].refresh_from_db()
    return tree


@pytest.fixture
def ada(tree):
    learner = make_learner("ada@example.com", name="Ada Lovelace")
    enroll(learner=learner, program=tree.program)
    return learner


@pytest.fixture
def bob(tree):
    learner = make_learner("bob@example.com", name="Bob Marley")
    enroll(learner=learner, program=tree.program)
    return learner


@pytest.fixture
def outsider(tree):
    return make_learner("eve@example.com", name="Eve Outsider")


def moderators_group(program, name="Moderators"):
    group = Group.objects.create(name=f"{name}: {program.title}")
    group.permissions.add(Permission.objects.get(codename="moderate_discussions"))
    GroupPagePermission.objects.create(
        group=group,
        page=program,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="view_page"
        ),
    )
    return group


@pytest.fixture
def moderator(tree):
    user = make_learner("mod@example.com", name="Mo Derator")
    user.groups.add(moderators_group(tree.program))
    return user


def as_user(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post_json(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")
