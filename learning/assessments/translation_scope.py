"""wagtail-localize's views follow the authoring scope of assessments too.

wagtail-localize checks snippets against the model-wide permission only
(`user_can_edit_snippet_type`), and its views are plain functions and classes under
`/admin/localize/` with no hook of their own. This middleware answers 404 before such a view
runs when the assessment it works on (named in the URL directly, through its translation
source or through one of its translations) is outside the user's scope
(learning.assessments.authoring). The translation editor itself is the snippet's edit view,
scoped by the viewset.
"""

import uuid

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.http import Http404
from wagtail_localize.models import Translation, TranslationSource

from .authoring import authorable_assessments

# URL names of wagtail-localize, by what their keyword arguments name.
BY_SNIPPET = {"submit_snippet_translation", "snippets_api_listing", "snippets_api_detail"}
BY_SOURCE = {"update_translations"}
BY_TRANSLATION = {
    "edit_string_translation",
    "edit_override",
    "download_pofile",
    "upload_pofile",
    "machine_translate",
    "preview_translation",
    "stop_translation",
}


def _is_assessment_model(model) -> bool:
    from learning.models import Assessment

    return model is not None and issubclass(model, Assessment)


def _in_scope(user, **lookup) -> bool:
    return authorable_assessments(user).filter(**lookup).exists()


def allowed(user, url_name: str, kwargs: dict) -> bool:
    """Whether `user` may open wagtail-localize's view `url_name` with these arguments, as
    far as assessments go (the view checks the rest)."""
    if url_name in BY_SNIPPET:
        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except (LookupError, KeyError):
            return True
        if not _is_assessment_model(model):
            return True
        if "pk" not in kwargs:
            # The listing would name every assessment; nothing in an assessment chooses one.
            return user.is_superuser
        try:
            return _in_scope(user, pk=uuid.UUID(unquote(kwargs["pk"])))
        except ValueError:
            return False
    if url_name in BY_SOURCE:
        source = TranslationSource.objects.filter(pk=kwargs.get("translation_source_id")).first()
    elif url_name in BY_TRANSLATION:
        translation = (
            Translation.objects.select_related("source")
            .filter(pk=kwargs.get("translation_id"))
            .first()
        )
        source = translation.source if translation else None
    else:
        return True
    if source is None or not _is_assessment_model(source.specific_content_type.model_class()):
        return True
    # Every translation of an assessment has the same module: the source's scope is theirs.
    return _in_scope(user, translation_key=source.object_id, locale_id=source.locale_id)


class AssessmentTranslationScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "wagtail_localize" not in match.namespaces:
            return None
        user = request.user
        if not user.is_authenticated or user.is_superuser:
            return None
        if not allowed(user, match.url_name, view_kwargs):
            raise Http404
        return None
