"""The suite is order-safe: a transactional test's flush does not leak into later tests
(the restore lives in the root conftest.py).

Both tests are transactional: pytest-django runs transactional tests after the others of a
process, in file order, and the second one sees committed rows only, so it sees exactly what
the restore after the first one's flush committed."""

import pytest

SEEN = {}


def _migrated_rows():
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page, Site

    return {
        "root": list(Page.objects.filter(depth=1).values_list("pk", "content_type__model")),
        "sites": list(Site.objects.values_list("pk", "root_page_id", "is_default_site")),
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "collections": list(Collection.objects.values_list("pk", "depth")),
        "groups": sorted(Group.objects.values_list("name", "permissions__codename")),
        "content_types": ContentType.objects.get_for_model(Page).pk,
        "permissions": Permission.objects.count(),
    }


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_migrated_rows():
    SEEN.update(_migrated_rows())
    assert SEEN["root"] and SEEN["sites"] and SEEN["groups"]
    from wagtail.models import Page

    Page.objects.filter(depth=1).get().add_child(instance=Page(title="Gone after the flush"))


@pytest.mark.django_db(transaction=True)
def test_the_next_test_finds_them_again_with_the_same_ids():
    from wagtail.models import Page

    assert SEEN, "runs after the transactional test above (same file, same worker)"
    assert _migrated_rows() == SEEN
    assert not Page.objects.filter(title="Gone after the flush").exists()
    Page.objects.filter(depth=1).get().add_child(instance=Page(title="New after restore"))


@pytest.mark.django_db
def test_a_request_in_french_leaves_french_active_in_the_thread(client):
    from django.utils import translation

    from culturedegree import demo

    demo.ensure_locales()
    demo.ensure_home_page()
    client.get("/fr/")

    assert translation.get_language() == "fr"


@pytest.mark.django_db
def test_the_next_test_starts_in_the_default_language():
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    assert translation.get_language() == settings.LANGUAGE_CODE
    assert reverse("account_login").startswith(f"/{settings.LANGUAGE_CODE}/")
