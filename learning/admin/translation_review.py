"""Translations of pages go live the way any page does: translated, submitted, approved.

Built on wagtail-localize's own records: a `Translation` of a `TranslationSource` (the
source page's content frozen at the last sync) into a locale, and its string translations.
A translation is out of date when the source page was published after the last sync, when
strings of the synced source still have no translation, or when the translated page has
not been published since the last sync.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation


@dataclass
class TranslationState:
    translation: Translation
    source_page: Page
    page: Page
    source_changed: bool
    untranslated: int
    total: int
    unpublished: bool

    @property
    def is_out_of_date(self) -> bool:
        return self.source_changed or bool(self.untranslated) or self.unpublished

    @property
    def reasons(self) -> list[str]:
        reasons = self.sync_reasons
        if self.untranslated:
            reasons.insert(
                int(self.source_changed),
                _("%(count)s of %(total)s strings not translated")
                % {"count": self.untranslated, "total": self.total},
            )
        return reasons

    @property
    def sync_reasons(self) -> list[str]:
        """What is out of date besides untranslated strings (which the editor counts)."""
        reasons = []
        if self.source_changed:
            reasons.append(
                _("%(language)s page published since the last sync")
                % {"language": self.translation.source.locale.get_display_name()}
            )
        if self.unpublished:
            reasons.append(_("translation not published since the last sync"))
        return reasons


def untranslated_string_count(*, translation: Translation) -> int:
    total, translated = translation.get_progress()
    return total - translated


def translation_of_page(page: Page) -> Translation | None:
    """The enabled wagtail-localize translation that `page` is the target of, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "source__locale", "target_locale")
        .first()
    )


def translation_state(*, translation: Translation, page: Page, source_page: Page):
    synced_at = translation.source.last_updated_at
    total, translated = translation.get_progress()
    published_at = page.last_published_at
    return TranslationState(
        translation=translation,
        source_page=source_page,
        page=page,
        source_changed=bool(
            source_page.last_published_at and source_page.last_published_at > synced_at
        ),
        untranslated=total - translated,
        total=total,
        unpublished=not page.live or published_at is None or published_at < synced_at,
    )


def page_translation_states(*, user) -> list[TranslationState]:
    """Every translated page `user` may edit, with how it stands against its source."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    translations = list(
        Translation.objects.filter(enabled=True).select_related(
            "source", "source__locale", "target_locale"
        )
    )
    keys = {translation.source.object_id for translation in translations}
    pages = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys).select_related("locale")
    }
    editable_ids = set(editable.filter(translation_key__in=keys).values_list("pk", flat=True))
    states = []
    for translation in translations:
        key = translation.source.object_id
        page = pages.get((key, translation.target_locale_id))
        source_page = pages.get((key, translation.source.locale_id))
        if page is None or source_page is None or page.pk not in editable_ids:
            continue
        states.append(
            translation_state(translation=translation, page=page, source_page=source_page)
        )
    return sorted(states, key=lambda state: (state.source_page.path, state.page.locale_id))


def out_of_date_translations(*, user) -> list[TranslationState]:
    return [state for state in page_translation_states(user=user) if state.is_out_of_date]


def refuse_untranslated(*, translation: Translation) -> None:
    missing = untranslated_string_count(translation=translation)
    if missing:
        raise ValidationError(
            _(
                "%(count)s strings are not translated yet. Translate them all before "
                "this translation goes live."
            )
            % {"count": missing},
            code="translation_incomplete",
        )


@transaction.atomic
def submit_translation_for_review(*, translation: Translation, user) -> WorkflowState:
    """Save the translated page as a draft from its translated strings and start its workflow.

    Refused when a string is still untranslated, when the user may not edit the page, or when
    the page has no workflow or is already in one.
    """
    page = Page.objects.select_for_update().get(
        translation_key=translation.source.object_id, locale_id=translation.target_locale_id
    )
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        raise PermissionDenied
    refuse_untranslated(translation=translation)
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError(_("This page has no review workflow."), code="no_workflow")
    if page.workflow_in_progress:
        raise ValidationError(_("This page is already in review."), code="already_in_review")
    translation.save_target(user=user, publish=False)
    page = Page.objects.get(pk=page.pk).specific
    return workflow.start(page, user)


def extend_editorial_access(*, source: Page, translation: Page) -> None:
    """Give a new translated page, and the parents copied with it, the group permissions and
    workflow set on their source pages.

    Roles are granted on a catalog or a program; translating into a new language creates
    copies in another tree (its home and catalog too), where editors and reviewers must hold
    the same roles and the same review must apply.
    """
    from wagtail.models import GroupPagePermission, WorkflowPage

    copies = [*translation.get_ancestors().filter(depth__gt=1), translation]
    sources = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[copy.translation_key for copy in copies],
            locale_id=source.locale_id,
        )
    }
    for copy in copies:
        original = sources.get(copy.translation_key)
        if original is None:
            continue
        for permission in GroupPagePermission.objects.filter(page=original):
            GroupPagePermission.objects.get_or_create(
                group_id=permission.group_id, page=copy, permission_id=permission.permission_id
            )
        workflow_page = WorkflowPage.objects.filter(page=original).first()
        if workflow_page is not None:
            WorkflowPage.objects.get_or_create(
                page=copy, defaults={"workflow_id": workflow_page.workflow_id}
            )
