"""The profile and settings page, the learner's data export and account deletion."""

import datetime as dt
import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from culturedegree import privacy
from culturedegree.models import User

from .forms import ProfileForm
from .language import switch_language
from .profile import update_profile


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    # A fresh row, so a rejected form never leaves its values on request.user.
    account = User.objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=account)
    if request.method == "POST" and form.is_valid():
        user = update_profile(
            user=account,
            name=form.cleaned_data["name"],
            preferred_language=form.cleaned_data["preferred_language"],
            timezone=form.cleaned_data["timezone"],
            avatar=form.cleaned_data["avatar"],
            remove_avatar=form.cleaned_data["remove_avatar"],
        )
        with translation.override(user.preferred_language):
            messages.success(request, _("Your profile is saved."))
            response = redirect(reverse("account_profile"))
        switch_language(response=response, language=user.preferred_language)
        return response
    status = 400 if request.method == "POST" else 200
    return render(request, "account/profile.html", {"form": form}, status=status)


def no_phone_numbers(request: HttpRequest, **kwargs) -> HttpResponse:
    """allauth's headless API mounts its phone endpoints whether or not the site uses
    phone numbers, and without an adapter that stores them they answer 500. We sign in by
    email only, so they are not served."""
    return JsonResponse({"status": 404, "errors": [{"message": "Not found."}]}, status=404)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin signs in through allauth, so its rate limits and two-factor step apply."""
    query = request.GET.urlencode()
    return redirect(f"{reverse('account_login')}{'?' + query if query else ''}")


@login_required
@require_GET
def personal_data(request: HttpRequest) -> HttpResponse:
    """Everything we hold about the signed-in person, as a page to read or a JSON file."""
    data = privacy.export_personal_data(user=request.user)
    as_json = request.GET.get("format") == "json"
    privacy.record_export(user=request.user, request=request, format="json" if as_json else "html")
    if as_json:
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
            content_type="application/json",
        )
        response["Content-Disposition"] = 'attachment; filename="culture-degree-my-data.json"'
        return response
    sections = [value for key, value in data.items() if isinstance(value, dict)]
    return render(
        request,
        "account/personal_data.html",
        {"sections": sections, "exported_at": dt.datetime.fromisoformat(data["exported_at"])},
    )


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def delete_account(request: HttpRequest) -> HttpResponse:
    """GET asks for confirmation; POST, within minutes of confirming the password (or a
    second factor, or the provider), deletes the account and signs out."""
    if request.method == "GET":
        return render(request, "account/delete_account.html")
    user = request.user
    logout(request)
    privacy.erase_account(user=user)
    messages.success(request, _("Your account and your personal data are deleted."))
    return redirect(f"/{translation.get_language()}/")
