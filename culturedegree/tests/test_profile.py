"""The profile page: name, avatar, language and time zone, and the bad input around them."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from culturedegree.accounts import avatars
from culturedegree.models import User

pytestmark = pytest.mark.django_db

PROFILE_URL = "/en/accounts/profile/"


@pytest.fixture
def user():
    user = User.objects.create_user(
        email="ada@example.org", password="a long passphrase for tests", name="Ada"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (640, 480), mode: str = "RGB") -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, "teal" if mode == "RGB" else 1).save(output, format=fmt)
    return output.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_profile(client: Client, **overrides):
    data = {"name": "Ada Lovelace", "preferred_language": "en", "timezone": "Europe/London"}
    data.update(overrides)
    return client.post(PROFILE_URL, {k: v for k, v in data.items() if v is not None})


def test_profile_needs_sign_in(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_profile_shows_the_fields_and_a_searchable_time_zone(signed_in):
    response = signed_in.get(PROFILE_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert 'list="timezone-list"' in content
    assert '<option value="Asia/Tokyo">' in content
    for code, _name in settings.LANGUAGES:
        assert f'value="{code}"' in content


def test_saving_name_and_time_zone(signed_in, user):
    response = post_profile(signed_in, name="Ada Lovelace", timezone="Asia/Tokyo")

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.timezone) == ("Ada Lovelace", "Asia/Tokyo")


def test_avatar_is_cropped_and_reencoded_as_a_small_webp(signed_in, user):
    post_profile(signed_in, avatar=upload("me.png", image_bytes("PNG", (640, 480))))

    user.refresh_from_db()
    assert user.avatar.name.endswith(".webp")
    with user.avatar.open("rb") as stored, Image.open(stored) as image:
        assert (image.format, image.size) == ("WEBP", (avatars.AVATAR_SIZE, avatars.AVATAR_SIZE))


def test_replacing_the_avatar_deletes_the_old_file(
    signed_in, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_profile(signed_in, avatar=upload("one.jpg", image_bytes("JPEG"), "image/jpeg"))
    user.refresh_from_db()
    first = user.avatar.name
    storage = user.avatar.storage

    with django_capture_on_commit_callbacks(execute=True):
        post_profile(signed_in, avatar=upload("two.webp", image_bytes("WEBP"), "image/webp"))

    user.refresh_from_db()
    assert user.avatar.name != first
    assert not storage.exists(first)
    assert storage.exists(user.avatar.name)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><script>alert(1)</script></html>"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("me.svg", SVG, "Upload a JPEG, PNG, GIF or WebP image."),
        ("me.html", HTML, "Upload a JPEG, PNG, GIF or WebP image."),
        ("me.png", HTML, "not an image we can read"),
        ("me.png", SVG, "not an image we can read"),
        ("me.png", b"", "The submitted file is empty."),
        ("me.png", image_bytes("GIF"), "its content is not"),
        ("me.jpg", image_bytes("PNG"), "its content is not"),
        ("me.png", image_bytes("BMP"), "Upload a JPEG, PNG, GIF or WebP image."),
        ("me.png", image_bytes("PNG", (6000, 6000), mode="1"), "pick a smaller one"),
        ("me.png", image_bytes("PNG") + b"\0" * (5 * 1024 * 1024), "at most 5"),
    ],
    ids=[
        "svg",
        "html",
        "html-named-png",
        "svg-named-png",
        "empty",
        "gif-named-png",
        "png-named-jpg",
        "bmp-named-png",
        "too-many-pixels",
        "too-large",
    ],
)
def test_bad_avatars_are_refused_with_a_clear_error(signed_in, user, name, content, message):
    response = post_profile(signed_in, name="Changed", avatar=upload(name, content))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["avatar"])
    user.refresh_from_db()
    assert (user.name, user.avatar.name) == ("Ada", "")


@pytest.mark.parametrize("timezone", ["Mars/Olympus_Mons", "europe/paris ", "", "../../etc/passwd"])
def test_unknown_time_zones_are_refused(signed_in, user, timezone):
    response = post_profile(signed_in, timezone=timezone)

    assert response.status_code == 400
    assert response.context["form"].errors["timezone"]
    user.refresh_from_db()
    assert (user.name, user.timezone) == ("Ada", "UTC")


@pytest.mark.parametrize("language", ["de", "xx", "", "en-us"])
def test_unknown_languages_are_refused(signed_in, user, language):
    response = post_profile(signed_in, preferred_language=language)

    assert response.status_code == 400
    assert response.context["form"].errors["preferred_language"]
    user.refresh_from_db()
    assert (user.name, user.preferred_language) == ("Ada", "en")


def test_changing_the_language_switches_the_interface(signed_in, user):
    response = post_profile(signed_in, preferred_language="fr")

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/profile/"
    assert signed_in.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    user.refresh_from_db()
    assert user.preferred_language == "fr"
    page = signed_in.get(response["Location"])
    assert '<html lang="fr"' in page.content.decode()


def test_profile_post_without_csrf_token_changes_nothing(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = post_profile(client, name="Mallory")

    assert response.status_code == 403
    user.refresh_from_db()
    assert user.name == "Ada"


def test_removing_the_avatar_deletes_its_file(signed_in, user, django_capture_on_commit_callbacks):
    post_profile(signed_in, avatar=upload("me.png", image_bytes()))
    user.refresh_from_db()
    stored = user.avatar.name
    storage = user.avatar.storage

    with django_capture_on_commit_callbacks(execute=True):
        post_profile(signed_in, remove_avatar="on")

    user.refresh_from_db()
    assert user.avatar.name == ""
    assert not storage.exists(stored)
