"""The translation workflow in the admin: submit a translation for review, refuse to publish
untranslated strings, and the report of translations that are out of date."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from .translation_review import (
    out_of_date_translations,
    refuse_untranslated,
    submit_translation_for_review,
    translation_of_page,
)


@require_POST
def submit_translation(request, translation_id):
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = get_object_or_404(
        Page, translation_key=translation.source.object_id, locale=translation.target_locale
    )
    try:
        submit_translation_for_review(translation=translation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” in %(language)s was submitted for review.")
            % {
                "title": page.get_admin_display_title(),
                "language": translation.target_locale.get_display_name(),
            },
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


def outdated_translations(request):
    if not user_can_see_translations(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "learning/admin/outdated_translations.html",
        {
            "page_title": _("Out-of-date translations"),
            "header_icon": "site",
            "states": out_of_date_translations(user=request.user),
        },
    )


def user_can_see_translations(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "change")


@hooks.register("register_admin_urls")
def register_translation_review_urls():
    return [
        path(
            "translations/<int:translation_id>/submit/",
            submit_translation,
            name="learning_submit_translation",
        ),
        path(
            "reports/out-of-date-translations/",
            outdated_translations,
            name="learning_outdated_translations",
        ),
    ]


class OutdatedTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_translations(request.user)


@hooks.register("register_reports_menu_item")
def register_outdated_translations_menu_item():
    return OutdatedTranslationsMenuItem(
        _("Out-of-date translations"),
        reverse("learning_outdated_translations"),
        icon_name="site",
        order=9010,
    )


# Before wagtail-localize's own hook, which serves the translation editor and publishes.
@hooks.register("before_edit_page", order=-1)
def refuse_publishing_untranslated_strings(request, page):
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = translation_of_page(page)
    if translation is None:
        return None
    try:
        refuse_untranslated(translation=translation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
