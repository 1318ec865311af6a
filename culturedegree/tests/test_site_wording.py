"""What the site says is true: its emails' name and host, page titles, the style guide link
and what a program page promises."""

import re

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command

from culturedegree.demo import ensure_home_page
from culturedegree.models import User
from culturedegree.sites import site_domain
from learning.tests.factories import build_program

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for tests"


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_sign_up_email_names_culture_degree_and_the_site_host(client):
    client.post(
        "/en/accounts/signup/",
        {"email": "grace@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[Culture Degree] ")
    assert "Hello from Culture Degree!" in message.body
    assert f"Thank you for using Culture Degree!\n{site_domain()}" in message.body
    assert "example.com" not in message.body and "example.com" not in message.subject


def test_password_reset_email_names_culture_degree(client):
    User.objects.create_user(email="ada@example.org", password=PASSWORD)
    client.post("/en/accounts/password/reset/", {"email": "ada@example.org"})

    body = mail.outbox[0].body
    assert "Culture Degree" in body and site_domain() in body and "example.com" not in body


def test_the_site_record_follows_site_url_at_every_migrate(settings):
    settings.SITE_URL = "https://learn.culturedegree.example"
    Site.objects.filter(pk=settings.SITE_ID).update(name="example.com", domain="example.com")

    call_command("migrate", verbosity=0)

    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.name, site.domain) == ("Culture Degree", "learn.culturedegree.example")


def test_home_page_title_reads_the_site_name_once(client):
    ensure_home_page()

    assert title_of(client.get("/en/")) == "Culture Degree"


def test_other_titles_end_with_the_site_name(client):
    program = build_program(courses=1, modules=1, items=1, title="Silk & Road")

    assert title_of(client.get(program.url)) == "Silk &amp; Road · Culture Degree"
    assert title_of(client.get("/en/accounts/login/")).endswith(" · Culture Degree")


def test_the_style_guide_is_linked_for_staff_only(client):
    ensure_home_page()
    style_link = 'href="/en/style/"'
    assert style_link not in client.get("/en/").content.decode()
    learner = User.objects.create_user(email="learner@example.org", password=PASSWORD)
    client.force_login(learner)
    assert style_link not in client.get("/en/").content.decode()
    staff = User.objects.create_user(email="staff@example.org", password=PASSWORD, is_staff=True)
    client.force_login(staff)
    assert style_link in client.get("/en/").content.decode()


def test_program_page_promises_no_certificate(client):
    """The program's own text makes no promise; certificates are earned and shown elsewhere
    (the footer's "Verify a certificate" link is the site's, not the program's)."""
    program = build_program(courses=1, modules=1, items=1)

    html = client.get(program.url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]

    assert "certificate" not in main.lower()
    assert "Complete the required courses to finish the program." in html
    assert settings.WAGTAIL_SITE_NAME in html
