"""Pages that learners have records on are never moved to another place or deleted.

One rule, applied on every way in: the admin's single-page delete and move views
(`before_delete_page`, `before_move_page`), its bulk actions (replaced through
`register_bulk_action`) and the content API's move and delete actions (guarded action
classes given to Wagtail's action registry through `register_actions`). Unpublishing stays
allowed: records survive it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.actions import DeletePageAction, MovePageAction
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.models import Page

from learning.models import Enrollment, ProgramPage, Progress


class LearnerRecordsProtected(PermissionDenied):
    """A move or delete that would take learners' records with it."""


def learner_records_under(page) -> int:
    """How many enrollments and progress rows point at this page or a page below it."""
    descendants = {"path__startswith": page.path}
    enrollments = Enrollment.objects.filter(
        program__in=ProgramPage.objects.filter(**descendants)
    ).count()
    progress = Progress.objects.filter(content_item__path__startswith=page.path).count()
    return enrollments + progress


def refusal_to_delete(*, page) -> str | None:
    """Why `page` may not be deleted, or None when it may."""
    count = learner_records_under(page)
    if not count:
        return None
    return _(
        "“%(title)s” cannot be deleted: learners have %(count)s enrollment or progress "
        "records on it or the pages below it. Unpublish it instead; their records stay."
    ) % {"title": page.get_admin_display_title(), "count": count}


def refusal_to_move(*, page, new_parent) -> str | None:
    """Why `page` may not move under `new_parent`, or None when it may (reordering among
    its siblings always may)."""
    if page.get_parent().id == new_parent.id:
        return None
    count = learner_records_under(page)
    if not count:
        return None
    return _(
        "“%(title)s” cannot be moved: learners have %(count)s enrollment or progress "
        "records on it or the pages below it, counted in its current program. Copy it "
        "to the new place instead."
    ) % {"title": page.get_admin_display_title(), "count": count}


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_learner_records(request, page):
    refusal = refusal_to_delete(page=page)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return None


@hooks.register("before_move_page")
def refuse_moving_pages_with_learner_records(request, page, destination):
    refusal = refusal_to_move(page=page, new_parent=destination)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_explore", page.get_parent().id)
    return None


class RefuseLearnerRecordsMixin:
    """For bulk actions: nothing is changed when any selected page is refused; the
    confirmation page comes back with 409 and one message per refused page. Checked before
    Wagtail's own preparation, whose reference-index check would otherwise answer a page
    kept by a PROTECT foreign key with a bare "no permission"."""

    def refusals(self, pages) -> list[str]:
        raise NotImplementedError

    def refusal_context(self) -> dict:
        return self.get_context_data()

    def prepare_action(self, pages, pages_without_access):
        refusals = [refusal for refusal in self.refusals(pages) if refusal]
        if not refusals:
            return super().prepare_action(pages, pages_without_access)
        for refusal in refusals:
            messages.error(self.request, refusal)
        return TemplateResponse(
            self.request, self.template_name, self.refusal_context(), status=409
        )


@hooks.register("register_bulk_action", order=100)  # after Wagtail's, so it replaces them
class GuardedDeleteBulkAction(RefuseLearnerRecordsMixin, DeleteBulkAction):
    def refusals(self, pages):
        return [refusal_to_delete(page=page) for page in pages]


@hooks.register("register_bulk_action", order=100)
class GuardedMoveBulkAction(RefuseLearnerRecordsMixin, MoveBulkAction):
    def refusals(self, pages):
        new_parent = self.cleaned_form.cleaned_data["chooser"]
        return [refusal_to_move(page=page, new_parent=new_parent) for page in pages]

    def refusal_context(self):
        self.destination = self.cleaned_form.cleaned_data["chooser"]
        return {"destination": self.destination, **self.get_context_data()}


class GuardedMovePageAction(MovePageAction):
    def check(self, parent_after, skip_permission_checks=False):
        super().check(parent_after, skip_permission_checks=skip_permission_checks)
        refusal = refusal_to_move(page=self.page, new_parent=parent_after)
        if refusal:
            raise LearnerRecordsProtected(refusal)


class GuardedDeletePageAction(DeletePageAction):
    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        refusal = refusal_to_delete(page=self.page)
        if refusal:
            raise LearnerRecordsProtected(refusal)


@hooks.register("register_actions")
def register_guarded_page_actions(registry):
    registry.register(Page, GuardedMovePageAction)
    registry.register(Page, GuardedDeletePageAction)
