"""Who may author which assessment: per-program scope for the Assessment snippet.

Snippet permissions (add, change, delete, publish assessment) are model-wide; an editor
keeps them as the gate for *what* they may do, and their page permissions decide *which*
assessments: those whose module they may edit (Wagtail's `change` page permission on the
module or on one of its translations, or `add` on a module they own), the same subtree
rule as the program's pages. Superusers author every assessment.

One rule, three places (docs/decisions/0036-assessment-authoring-scope.md):
- `AssessmentPermissionPolicy`, registered for the model, answers every per-instance check
  Wagtail makes (edit, delete, preview, listing buttons, bulk delete);
- `InAuthoringScopeMixin`, on every view of the snippet viewset, answers 404 for an
  assessment outside the scope before any view runs (history, usage, revisions, unpublish,
  workflow and copy views only check the model-wide permission);
- `AssessmentAdminForm` offers only the modules the editor may edit.
"""

import uuid

from django import forms
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale, Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

# Kept on the request's user object so that a listing asks once, not once per row.
_CACHE_ATTRIBUTE = "assessment_authoring_module_ids"


def editable_modules(user):
    """The default-locale module pages whose assessments `user` may author."""
    from learning.models import ModulePage

    modules = ModulePage.objects.filter(locale=Locale.get_default())
    if not user.is_active or user.is_anonymous:
        return modules.none()
    if user.is_superuser:
        return modules
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return modules.filter(translation_key__in=editable.values("translation_key"))


def editable_module_ids(user) -> frozenset:
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = frozenset(editable_modules(user).values_list("pk", flat=True))
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def authorable_assessments(user):
    """The assessments (every locale) `user` may see and work on in the admin."""
    from learning.models import Assessment

    if user.is_active and user.is_superuser:
        return Assessment.objects.all()
    return Assessment.objects.filter(module__in=editable_modules(user))


def in_authoring_scope(user, assessment) -> bool:
    if user.is_active and user.is_superuser:
        return True
    if assessment.module_id is None:
        # Not saved yet (the add form): the module is checked by the form.
        return True
    return assessment.module_id in editable_module_ids(user)


class AssessmentPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, narrowed to the assessments of modules the user may edit."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and in_authoring_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and in_authoring_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return authorable_assessments(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        if instance.module_id is None:
            return users
        page_policy = PagePermissionPolicy()
        editors = users.none()
        for module in instance.module.get_translations(inclusive=True):
            editors |= page_policy.users_with_permission_for_instance("change", module)
        return users.filter(pk__in=editors.values("pk"))


class InAuthoringScopeMixin:
    """For a view of one assessment (a `pk` in the URL): 404 unless it is in the user's
    scope, so an assessment of another program is not even shown to exist."""

    def setup(self, request, *args, **kwargs):
        # In setup, not dispatch: the copy and preview views load their object in setup.
        pk = kwargs.get("pk")
        if pk is not None:
            try:
                assessment_id = uuid.UUID(unquote(str(pk)))
            except ValueError:
                raise Http404 from None
            if not authorable_assessments(request.user).filter(pk=assessment_id).exists():
                raise Http404
        super().setup(request, *args, **kwargs)


class InAuthoringScopeChooserMixin:
    """The assessment chooser lists and returns only assessments in the scope."""

    def get_object_list(self):
        return authorable_assessments(self.request.user)

    def get_object(self, pk):
        return authorable_assessments(self.request.user).get(pk=pk)

    def get_objects(self, pks):
        valid = []
        for pk in pks:
            try:
                valid.append(uuid.UUID(str(pk)))
            except ValueError:
                continue
        return authorable_assessments(self.request.user).filter(pk__in=valid)


# Paths of the program and course above a module: the catalog is at depth 3 (4 characters
# a level), so its children's paths are 16 characters long.
_FIRST_TRAIL_LENGTH = 16


def _trail_paths(path: str) -> list[str]:
    return [path[:length] for length in range(_FIRST_TRAIL_LENGTH, len(path), Page.steplen)]


class ModuleChoiceField(forms.ModelChoiceField):
    """Modules labelled with their program and course: "Program / Course / Module"."""

    def __init__(self, *args, trail=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.trail = trail or {}

    def label_from_instance(self, obj):
        titles = [self.trail[path] for path in _trail_paths(obj.path) if path in self.trail]
        return " / ".join([*titles, obj.title])


class AssessmentAdminForm(WagtailAdminModelForm):
    """The assessment form of the admin: the module is one the editor may edit; another
    module's id is refused on the module field as any invalid choice is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None or "module" not in self.fields:
            return
        modules = editable_modules(self.for_user).order_by("path")
        paths = {path for p in modules.values_list("path", flat=True) for path in _trail_paths(p)}
        original = self.fields["module"]
        self.fields["module"] = ModuleChoiceField(
            queryset=modules,
            label=original.label,
            help_text=_("Only the modules you may edit are listed."),
            trail=dict(Page.objects.filter(path__in=paths).values_list("path", "title")),
        )
