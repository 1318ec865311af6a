"""The site as a whole: the User model, the abstract BasePage and the HomePage."""

import uuid
import zoneinfo

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Pick one such as Europe/Paris."),
            code="invalid_timezone",
            params={"value": value},
        )


def validate_language(value: str) -> None:
    if value not in dict(settings.LANGUAGES):
        raise ValidationError(
            _("“%(value)s” is not a language this site offers."),
            code="invalid_language",
            params={"value": value},
        )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def avatar_upload_to(instance: "User", filename: str) -> str:
    return f"avatars/{instance.pk}/{uuid.uuid4().hex}.webp"


class User(AbstractBaseUser, PermissionsMixin):
    """A person on the site. Signs in with their email address (case-insensitive)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("email address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    avatar = models.ImageField(_("avatar"), upload_to=avatar_upload_to, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        validators=[validate_language],
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can sign in to the admin."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=dj_timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return (self.name.split()[0] if self.name else "") or self.email.split("@")[0]

    @property
    def last_login_at(self):
        return self.last_login


class BasePage(Page):
    """What every page of the site shares: search description policy and common panels."""

    class Meta:
        abstract = True

    promote_panels = Page.promote_panels
    settings_panels = Page.settings_panels

    def get_view_restrictions(self):
        """Wagtail's, without its two queries when no restriction applies
        (learning.content.shared)."""
        from learning.content.shared import view_restrictions

        return view_restrictions(self)

    def get_url_parts(self, request=None):
        """Wagtail's, kept per content version for a request's site and language: the same
        for every visitor, and a listing or an outline asks it for each page it shows
        (learning.content.shared.url_parts)."""
        from learning.content.shared import url_parts

        return url_parts(self, request, super().get_url_parts)


class HomePage(BasePage):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    featured_programs_count = 6

    def get_context(self, request, *args, **kwargs):
        from django.utils import translation

        from learning.content.catalog import catalog_programs

        context = super().get_context(request, *args, **kwargs)
        # The catalog's programs in the catalog's order: untranslated ones in the default language.
        context["featured_programs"] = list(
            catalog_programs(language_code=translation.get_language())[
                : self.featured_programs_count
            ]
        )
        return context
