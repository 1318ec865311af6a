"""Wagtail admin user management for our User model (email login, a single name field)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from culturedegree.models import User

PROFILE_FIELDS = ["email", "name", "preferred_language", "timezone"]


class _ProfileFieldsMixin(forms.ModelForm):
    # Wagtail's forms declare these; our User has one `name` field instead.
    first_name = None
    last_name = None

    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Another user already has this email address."), code="duplicate_email"
            )
        return email


class AdminUserCreationForm(_ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = [*PROFILE_FIELDS, "is_superuser", "groups"]


class AdminUserEditForm(_ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = [*PROFILE_FIELDS, "is_active", "is_superuser", "groups"]


class UserViewSet(WagtailUserViewSet):
    create_template_name = "account/admin/user_create.html"
    edit_template_name = "account/admin/user_edit.html"

    def get_form_class(self, for_update: bool = False):
        return AdminUserEditForm if for_update else AdminUserCreationForm


class AdminNameForm(forms.ModelForm):
    """The name panel of the admin's own account page (Wagtail's expects first/last name)."""

    class Meta:
        model = User
        fields = ["name"]
