"""Search for learners: the results page and the search box's autocomplete."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from learning.content.pages import Difficulty
from learning.content.search import autocomplete_titles, search_hits, search_learning_content


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    difficulty = request.GET.get("difficulty", "")
    if difficulty not in Difficulty.values:
        difficulty = ""
    results = hits = None
    corrected_query = ""
    if query:
        language_code = translation.get_language()
        found = search_learning_content(
            query=query,
            language_code=language_code,
            difficulty=difficulty,
            page_number=request.GET.get("page", 1),
        )
        results, corrected_query = found.page, found.corrected_query
        hits = search_hits(results.object_list, language_code=language_code)
    return TemplateResponse(
        request,
        "learning/search.html",
        {
            "query": query,
            "corrected_query": corrected_query,
            "difficulty": difficulty,
            "difficulties": Difficulty.choices,
            "results": results,
            "hits": hits,
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
