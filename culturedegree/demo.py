"""The foundation of the demo data: locales, the site and its home page, demo accounts."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage, User

DEMO_ADMIN_EMAIL = "admin@culturedegree.test"
DEMO_ADMIN_PASSWORD = "culture-admin-2026"  # noqa: S105 - printed for the demo, on purpose
DEMO_LEARNER_EMAIL = "learner@culturedegree.test"
DEMO_LEARNER_PASSWORD = "culture-learner-2026"  # noqa: S105


@dataclass
class DemoAccount:
    role: str
    email: str
    password: str


def ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The site's root: a HomePage replacing Wagtail's welcome page, bound to the default Site."""
    locale = Locale.get_default()
    for welcome_page in Page.objects.filter(depth=2, content_type__model="page"):
        welcome_page.delete()
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Culture Degree",
                slug="home",
                locale=locale,
                intro="<p>Degree-like paths through the world's cultures.</p>",
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True, root_page=home)
    site.root_page = home
    site.site_name = "Culture Degree"
    site.save()
    return home


def ensure_user(email: str, password: str, **fields) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, **fields)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_demo_accounts() -> list[DemoAccount]:
    ensure_user(
        DEMO_ADMIN_EMAIL,
        DEMO_ADMIN_PASSWORD,
        name="Demo Administrator",
        is_staff=True,
        is_superuser=True,
    )
    ensure_user(DEMO_LEARNER_EMAIL, DEMO_LEARNER_PASSWORD, name="Demo Learner")
    return [
        DemoAccount("admin", DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD),
        DemoAccount("learner", DEMO_LEARNER_EMAIL, DEMO_LEARNER_PASSWORD),
    ]
