"""React to Wagtail's own page events: make cached learner fragments stale."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import bump_content_version


def _content_changed(**kwargs) -> None:
    transaction.on_commit(bump_content_version)


def register_signal_handlers() -> None:
    from wagtail.models import Page

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
