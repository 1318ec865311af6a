"""Managing a signed-in user's email addresses.

Kept apart from forms.py: allauth imports that module while building its own forms
(ACCOUNT_SIGNUP_FORM_CLASS), and this one needs allauth's forms complete.
"""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.account.utils import filter_users_by_email
from django.contrib import messages


class AddEmailForm(allauth_forms.AddEmailForm):
    """Adding an address another account owns stores nothing, yet looks like any addition.

    allauth would keep it as an unverified address of this account; we keep the account
    unchanged and tell the address's owner instead, so nobody learns who is registered.
    """

    def save(self, request):
        email = self.cleaned_data["email"]
        owners = filter_users_by_email(email)
        if all(owner.pk == self.user.pk for owner in owners):
            return super().save(request)
        get_adapter().send_account_already_exists_mail(email)
        # The message allauth shows after sending a confirmation, through its public adapter.
        get_adapter(request).add_message(
            request,
            messages.INFO,
            "account/messages/email_confirmation_sent.txt",
            {"email": email, "login": True, "signup": False},
        )
        return EmailAddress(user=self.user, email=email)
