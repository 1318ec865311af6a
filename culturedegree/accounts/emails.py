"""Managing a signed-in user's email addresses.

Kept apart from forms.py: allauth imports that module while building its own forms
(ACCOUNT_SIGNUP_FORM_CLASS), and this one needs allauth's forms complete.
"""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification import (
    add_email_verification_sent_message,
)
from allauth.account.models import EmailAddress
from allauth.account.utils import filter_users_by_email


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
        add_email_verification_sent_message(request, email, signup=False)
        return EmailAddress(user=self.user, email=email)
