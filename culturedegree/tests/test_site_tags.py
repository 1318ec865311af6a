"""The frame's header: catalog link, language switcher, account menu."""

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils import translation
from wagtail.models import Locale

from culturedegree.models import User
from culturedegree.templatetags.site_tags import language_links, swap_language_prefix
from culturedegree.urls import urlpatterns as site_urlpatterns
from learning.models import ProgramIndexPage


def _with_messages(request):
    messages.success(request, "Your profile was saved.")
    messages.error(request, "The upload was too large.")
    template = engines["django"].from_string('{% extends "base.html" %}')
    return HttpResponse(template.render({}, request))


# This module doubles as a URLconf: the site's URLs plus a view that leaves messages.
urlpatterns = [path("en/with-messages/", _with_messages), *site_urlpatterns]


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/en/style/", "fr", "/fr/style/"),
        ("/en/", "ar", "/ar/"),
        ("/fr/accounts/login/", "en", "/en/accounts/login/"),
        ("/healthz", "ja", "/ja/"),
    ],
)
def test_swap_language_prefix(path, language, expected):
    assert swap_language_prefix(path=path, language_code=language) == expected


@pytest.fixture
def catalog(site):
    catalog = site.add_child(instance=ProgramIndexPage(title="Catalog", slug="catalog"))
    catalog.save_revision().publish()
    return catalog


@pytest.fixture
def french_catalog(site, catalog):
    """The French home page and catalog, as wagtail-localize would create them."""
    french = Locale.objects.get(language_code="fr")
    french_home = site.copy_for_translation(french)
    french_home.save_revision().publish()
    page = catalog.copy_for_translation(french)
    page.title = "Catalogue"
    page.slug = "catalogue"
    page.save_revision().publish()
    return page


def test_header_links_to_the_catalog_of_the_current_language(client, catalog):
    html = client.get("/en/").content.decode()
    assert 'href="/en/catalog/"' in html


def test_catalog_link_falls_back_to_the_default_catalog_under_the_language_prefix(client, catalog):
    html = client.get("/ja/style/").content.decode()
    assert 'href="/ja/catalog/"' in html


def test_catalog_link_is_hidden_when_there_is_no_catalog(client, site):
    html = client.get("/en/").content.decode()
    assert "Catalog" not in html


def _links_for(page, path: str, rf) -> dict[str, str]:
    with translation.override("en"):
        links = language_links({"page": page, "request": rf.get(path)})
    return {link.code: link.url for link in links}


def test_language_switcher_links_to_the_translated_page(rf, catalog, french_catalog):
    assert _links_for(catalog, "/en/catalog/", rf)["fr"] == "/fr/catalogue/"


def test_language_switcher_falls_back_to_that_languages_home(rf, catalog, french_catalog):
    """Arabic has a home page here but no catalog; Japanese has neither."""
    arabic = Locale.objects.get(language_code="ar")
    site = catalog.get_parent().specific
    site.copy_for_translation(arabic).save_revision().publish()
    links = _links_for(catalog, "/en/catalog/", rf)
    assert links["ar"] == "/ar/"
    assert links["ja"] == "/ja/"


def test_language_switcher_keeps_the_path_outside_wagtail(client, site):
    html = client.get("/en/style/").content.decode()
    assert 'href="/ar/style/" hreflang="ar"' in html
    assert 'href="/en/style/" hreflang="en" lang="en" aria-current="true"' in html


def test_signed_out_header_offers_sign_in_and_sign_up(client, site):
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/accounts/login/"' in html
    assert 'href="/fr/accounts/signup/"' in html
    assert "my-learning" not in html


def test_signed_in_header_has_the_account_menu_and_a_post_sign_out(client, site):
    user = User.objects.create_user(email="ada@example.com", password="x" * 16, name="Ada")
    client.force_login(user)
    html = client.get("/en/").content.decode()
    assert 'href="/en/my-learning/"' in html
    assert 'href="/en/accounts/profile/"' in html
    assert 'action="/en/accounts/logout/"' in html
    assert 'method="post"' in html
    assert "/admin/" not in html


def test_staff_see_the_admin_link(client, site):
    user = User.objects.create_user(email="ed@example.com", password="x" * 16, is_staff=True)
    client.force_login(user)
    assert 'href="/admin/"' in client.get("/en/").content.decode()


@pytest.mark.urls(__name__)
def test_messages_appear_as_notices_in_the_frame(client, site):
    html = client.get("/en/with-messages/").content.decode()
    assert '<div role="status"><ul class="messages">' in html
    assert 'class="notice notice--success"' in html
    assert "Your profile was saved." in html
    assert 'class="notice notice--error" role="alert"' in html
