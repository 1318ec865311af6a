"""React to Wagtail's own page events: make cached learner fragments stale, and give new
translations the editorial roles of their source."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
)

from .caching import bump_content_version


def _content_changed(**kwargs) -> None:
    transaction.on_commit(bump_content_version)


def _translation_created(*, source_obj, target_obj, **kwargs) -> None:
    from wagtail.models import Page

    from .translation_review import extend_editorial_access

    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        extend_editorial_access(source=source_obj, translation=target_obj)


def register_signal_handlers() -> None:
    from wagtail.models import Page

    copy_for_translation_done.connect(
        _translation_created, dispatch_uid="learning-translation-editorial-access"
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
