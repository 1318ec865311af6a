"""React to Wagtail's own events: make cached learner fragments stale, read a media file's
duration from the file whenever the media library saves one, and give new translations the
editorial roles of their source."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
)

from .caching import bump_content_version
from .media_duration import media_file_duration


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
    from wagtail.models import Page

    from .translation_review import extend_editorial_access

    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        extend_editorial_access(source=source_obj, translation=target_obj)


def register_signal_handlers() -> None:
    from wagtail.models import Page
    from wagtailmedia import get_media_model

    post_save.connect(
        _read_media_duration, sender=get_media_model(), dispatch_uid="learning-media-duration"
    )

    copy_for_translation_done.connect(
        _translation_created, dispatch_uid="learning-translation-editorial-access"
    )

    # Routes and view restrictions are kept per content version too (learning.serving).
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
    for model in _learning_page_models():
        post_delete.connect(
            _content_changed, sender=model, dispatch_uid=f"learning-cache-deleted-{model.__name__}"
        )


def _learning_page_models():
    from .models import ContentItemPage, CoursePage, ModulePage, ProgramIndexPage, ProgramPage

    return [ProgramIndexPage, ProgramPage, CoursePage, ModulePage, ContentItemPage]
