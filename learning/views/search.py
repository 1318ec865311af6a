"""Search for learners: the results page and the search box's autocomplete."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from learning.content.caching import content_version
from learning.content.pages import Difficulty
from learning.content.search import autocomplete_titles, search_hits, search_learning_content


@dataclass
class Found:
    results: Page
    hits: list
    corrected_query: str


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    difficulty = request.GET.get("difficulty", "")
    if difficulty not in Difficulty.values:
        difficulty = ""
    page_number = request.GET.get("page", 1)
    language_code = translation.get_language()

    def find() -> Found:
        found = search_learning_content(
            query=query, language_code=language_code, difficulty=difficulty, page_number=page_number
        )
        hits = search_hits(found.page.object_list, language_code=language_code)
        return Found(results=found.page, hits=hits, corrected_query=found.corrected_query)

    return TemplateResponse(
        request,
        "learning/search.html",
        {
            "query": query,
            "difficulty": difficulty,
            "difficulties": Difficulty.choices,
            "page_number": page_number,
            "content_version": content_version(),
            # Worked out only when the results are not in the fragments cache (the template
            # caches them per content version, language, query and page: alike for everyone).
            "found": SimpleLazyObject(find) if query else None,
            "querystring": urlencode(
                {"q": query, "difficulty": difficulty} if difficulty else {"q": query}
            ),
        },
    )


@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    suggestions = autocomplete_titles(
        prefix=request.GET.get("q", "")[:100], language_code=translation.get_language()
    )
    return JsonResponse({"suggestions": suggestions})
