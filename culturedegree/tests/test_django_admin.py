"""Security finding 18: only superusers open Django's admin at /django-admin/."""

import pytest
from django.test import Client

from learning.tests.factories import staff_user
from learning.tests.journey_helpers import make_learner

pytestmark = pytest.mark.django_db

PAGES = ["/django-admin/", "/django-admin/account/emailaddress/", "/django-admin/auth/group/"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", PAGES)
def test_a_superuser_opens_it(site, url):
    response = signed_in(staff_user("root@example.com", superuser=True)).get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_staff_who_are_not_superusers_get_403(site, url):
    from django.contrib.auth.models import Permission

    editor = staff_user("editor@example.com")
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_emailaddress", "view_group"])
    )
    assert signed_in(editor).get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_learners_get_403_and_anonymous_visitors_are_sent_to_sign_in(site, url):
    assert signed_in(make_learner()).get(url).status_code == 403
    response = Client().get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
