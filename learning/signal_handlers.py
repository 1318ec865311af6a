"""React to Wagtail's own events (docs/decisions/0029): make cached learner fragments stale,
recompute the enrollments of a program whose content changed (a task, after commit), read a
media file's duration whenever the media library saves one, and give new translations the
editorial roles of their source. Connected by LearningConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)
from wagtailmedia import get_media_model

from .admin.translation_review import extend_editorial_access
from .content.caching import bump_content_version
from .content.media_duration import media_file_duration
from .journey.recompute import program_id_for_page
from .journey.tasks import recompute_program_after_commit
from .models import (
    Assessment,
    ContentItemPage,
    CoursePage,
    ModulePage,
    ProgramIndexPage,
    ProgramPage,
)

LEARNING_PAGE_MODELS = [ProgramIndexPage, ProgramPage, CoursePage, ModulePage, ContentItemPage]
# The pages whose changes move enrollment totals.
JOURNEY_PAGE_MODELS = [CoursePage, ModulePage, ContentItemPage]


def _content_changed(**kwargs) -> None:
    transaction.on_commit(bump_content_version)


def _read_media_duration(sender, instance, **kwargs) -> None:
    """wagtailmedia leaves `duration` to the editor; the stored file says it better. An
    unreadable file keeps whatever the editor typed."""
    if instance.type not in ("video", "audio") or not instance.file:
        return
    seconds = media_file_duration(instance.file)
    if seconds and seconds != instance.duration:
        instance.duration = seconds
        sender.objects.filter(pk=instance.pk).update(duration=seconds)


def _translation_created(*, source_obj, target_obj, **kwargs) -> None:
    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        extend_editorial_access(source=source_obj, translation=target_obj)


def _journey_content_changed(sender, instance, **kwargs) -> None:
    recompute_program_after_commit(program_id_for_page(instance))


def _assessment_changed(sender, instance, **kwargs) -> None:
    """An assessment is a unit of its course: the kept structure (page marks, locks) and the
    program's totals follow its publishing like a page's."""
    transaction.on_commit(bump_content_version)
    recompute_program_after_commit(program_id_for_page(instance.module))


def _journey_page_moved(sender, instance, url_path_before=None, **kwargs) -> None:
    recompute_program_after_commit(program_id_for_page(instance))
    parent_before = kwargs.get("parent_page_before")
    if parent_before is not None:
        recompute_program_after_commit(program_id_for_page(parent_before))


def register_signal_handlers() -> None:
    post_save.connect(
        _read_media_duration, sender=get_media_model(), dispatch_uid="learning-media-duration"
    )

    copy_for_translation_done.connect(
        _translation_created, dispatch_uid="learning-translation-editorial-access"
    )

    # Routes and view restrictions are kept per content version too (learning.content.shared).
    from wagtail.models import Locale, PageViewRestriction, Site

    for model in (Site, Locale, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                _content_changed,
                sender=model,
                dispatch_uid=f"learning-cache-{model.__name__}-{signal is post_save}",
            )
    page_published.connect(_content_changed, dispatch_uid="learning-cache-published")
    page_unpublished.connect(_content_changed, dispatch_uid="learning-cache-unpublished")
    post_page_move.connect(_content_changed, dispatch_uid="learning-cache-moved")
    post_delete.connect(_content_changed, sender=Page, dispatch_uid="learning-cache-deleted")
    for model in LEARNING_PAGE_MODELS:
        post_delete.connect(
            _content_changed, sender=model, dispatch_uid=f"learning-cache-deleted-{model.__name__}"
        )

    # Enrollment totals follow the content (docs/progress.md).
    for model in JOURNEY_PAGE_MODELS:
        name = model.__name__
        page_published.connect(
            _journey_content_changed, sender=model, dispatch_uid=f"journey-pub-{name}"
        )
        page_unpublished.connect(
            _journey_content_changed, sender=model, dispatch_uid=f"journey-unpub-{name}"
        )
        post_delete.connect(
            _journey_content_changed, sender=model, dispatch_uid=f"journey-del-{name}"
        )
    post_page_move.connect(_journey_page_moved, dispatch_uid="journey-moved")
    published.connect(_assessment_changed, sender=Assessment, dispatch_uid="journey-pub-assessment")
    unpublished.connect(
        _assessment_changed, sender=Assessment, dispatch_uid="journey-unpub-assessment"
    )
    # A module page lists its assessments from the kept copy (templatetags/assessments.py).
    post_delete.connect(
        _content_changed, sender=Assessment, dispatch_uid="learning-cache-deleted-assessment"
    )
