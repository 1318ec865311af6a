from django import forms
from django.utils.translation import gettext_lazy as _


class SerialLookupForm(forms.Form):
    serial = forms.CharField(
        label=_("Serial"), max_length=40, help_text=_("As printed, e.g. CD-2026-000123-7.")
    )
    name = forms.CharField(label=_("Holder's family name"), max_length=150)


class NameCorrectionForm(forms.Form):
    requested_name = forms.CharField(label=_("Name as it should be printed"), max_length=150)
    explanation = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)

    def clean_requested_name(self) -> str:
        name = " ".join(self.cleaned_data["requested_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter a name."))
        return name
