"""Forms of the account pages: sign-up's extra field and the profile."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from culturedegree.models import User, validate_timezone

from .avatars import process_avatar


class SignupExtraForm(forms.Form):
    """Asked at sign-up besides email and password (allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set per form, not on the class: allauth's headless OpenAPI document copies the
        # class's help texts and cannot encode a lazy translation (it answered 500).
        self.fields["name"].help_text = _(
            "As others on the site will see it. You can change it later."
        )

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data.get("name", "")
        user.save(update_fields=["name"])


class ProfileForm(forms.ModelForm):
    avatar = forms.FileField(
        label=_("Avatar"),
        required=False,
        help_text=_("A JPEG, PNG, GIF or WebP image of at most 5 MB. We crop it to a square."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The site's interface switches to this language."),
    )
    timezone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        validators=[validate_timezone],
        help_text=_("Start typing a city, for example Europe/Paris or Asia/Tokyo."),
        widget=forms.TextInput(
            attrs={"list": "timezone-list", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    class Meta:
        model = User
        fields = ["name", "preferred_language", "timezone"]
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "name"})}

    @property
    def timezones(self) -> list[str]:
        """Every IANA zone, for the datalist that makes the time zone field searchable."""
        return sorted(zoneinfo.available_timezones())

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if not upload:
            return None
        return process_avatar(upload=upload)
