"""allauth adapters: what our site adds to allauth's sign-in, sign-up and social flows."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.crypto import get_random_string

from .language import redirect_in_language


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request: HttpRequest, user, **kwargs: Any) -> HttpResponse:
        language = user.preferred_language
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        # Activated first so the "signed in" message is written in the user's language.
        translation.activate(language)
        response = super().post_login(request, user, **kwargs)
        if response.status_code in (301, 302, 303, 307, 308):
            redirect_in_language(request=request, response=response, language=language)
        return response

    def send_account_already_exists_mail(self, email: str) -> None:
        """Sign-up with a taken email: allauth answers as for a new one, but a new account
        costs a password hash (most of the answer's time with PBKDF2) and this path had
        none, so the time told who has an account. Hash a throwaway password too."""
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        current = translation.get_language()
        # Someone who signs up on the French site wants the French interface afterwards.
        if current in dict(settings.LANGUAGES):
            user.preferred_language = current
        return super().save_user(request, user, form, commit=commit)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request: HttpRequest, sociallogin, data: dict[str, Any]):
        user = super().populate_user(request, sociallogin, data)
        claims = sociallogin.account.extra_data or {}
        name = data.get("name") or claims.get("name") or ""
        if not name:
            name = " ".join(
                part for part in (data.get("first_name"), data.get("last_name")) if part
            )
        user.name = name[: user._meta.get_field("name").max_length]
        current = translation.get_language()
        if current in dict(settings.LANGUAGES):
            user.preferred_language = current
        return user


class UserSessionsAdapter(DefaultUserSessionsAdapter):
    def end_sessions(self, sessions) -> None:
        """Sign out on other devices ("Sign out everywhere else"), recorded in the audit log."""
        from culturedegree import audit

        sessions = list(sessions)
        super().end_sessions(sessions)
        for user in {session.user for session in sessions}:
            count = sum(1 for session in sessions if session.user == user)
            audit.log_user_event(
                user=user, action=audit.SIGN_OUT_EVERYWHERE, data={"sessions_ended": count}
            )
