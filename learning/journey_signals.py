"""Keep enrollment totals right when editors publish, unpublish, move or delete content."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .journey.access import default_language_code


def _program_id_for(page) -> int | None:
    """The default-locale program a learning page belongs to, if any."""
    from wagtail.models import Page

    from .models import ProgramPage

    locale = getattr(page, "locale", None)
    if locale is None or locale.language_code != default_language_code():
        return None
    steplen = Page.steplen
    paths = [page.path[: steplen * depth] for depth in range(1, page.depth + 1)]
    return ProgramPage.objects.filter(path__in=paths).values_list("id", flat=True).first()


def _recompute_later(program_id: int | None) -> None:
    if program_id is None:
        return
    from learning.journey.recompute import recompute_program

    transaction.on_commit(lambda: recompute_program(program_id=program_id))


def _content_changed(sender, instance, **kwargs) -> None:
    _recompute_later(_program_id_for(instance))


def _page_moved(sender, instance, url_path_before=None, **kwargs) -> None:
    _recompute_later(_program_id_for(instance))
    parent_before = kwargs.get("parent_page_before")
    if parent_before is not None:
        _recompute_later(_program_id_for(parent_before))


def connect_journey_signals() -> None:
    from .models import ContentItemPage, CoursePage, ModulePage

    for model in (CoursePage, ModulePage, ContentItemPage):
        name = model.__name__
        page_published.connect(_content_changed, sender=model, dispatch_uid=f"journey-pub-{name}")
        page_unpublished.connect(
            _content_changed, sender=model, dispatch_uid=f"journey-unpub-{name}"
        )
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"journey-del-{name}")
    post_page_move.connect(_page_moved, dispatch_uid="journey-moved")
