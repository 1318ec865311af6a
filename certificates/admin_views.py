"""Staff screens: certificates (search, revoke, re-issue) and name corrections to decide.

Each action calls the domain function (certificates.revocation, certificates.corrections),
which writes the audit log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import corrections, revocation
from .models import NameCorrectionStatus
from .numbering import normalise
from .staff import certificates_for_staff, corrections_for_staff, may_manage


def _guard(request):
    if not may_manage(request.user):
        raise PermissionDenied


def certificate_index(request):
    _guard(request)
    certificates = certificates_for_staff(user=request.user).select_related("replaced_by")
    query = request.GET.get("q", "").strip()
    if query:
        serial = normalise(query)
        certificates = (
            certificates.filter(serial=serial)
            if serial
            else certificates.filter(metadata__name__icontains=query)
        )
    return TemplateResponse(
        request,
        "certificates/admin/index.html",
        {"certificates": certificates[:100], "query": query},
    )


def _certificate(request, certificate_id):
    certificate = certificates_for_staff(user=request.user).filter(pk=certificate_id).first()
    if certificate is None:
        raise Http404
    return certificate


@require_POST
def revoke_view(request, certificate_id):
    _guard(request)
    try:
        revocation.revoke(
            certificate=_certificate(request, certificate_id),
            reason=request.POST.get("reason", ""),
            by=request.user,
        )
        messages.success(request, _("The certificate is revoked."))
    except revocation.RevocationError as error:
        messages.error(request, str(error))
    return redirect("certificates_admin:index")


@require_POST
def reissue_view(request, certificate_id):
    _guard(request)
    try:
        new = revocation.reissue(certificate=_certificate(request, certificate_id), by=request.user)
        messages.success(request, _("Re-issued as %(serial)s.") % {"serial": new.serial})
    except revocation.RevocationError as error:
        messages.error(request, str(error))
    return redirect("certificates_admin:index")


def correction_index(request):
    _guard(request)
    pending = (
        corrections_for_staff(user=request.user)
        .filter(status=NameCorrectionStatus.PENDING)
        .select_related("certificate")
    )
    return TemplateResponse(request, "certificates/admin/corrections.html", {"pending": pending})


@require_POST
def decide_view(request, correction_id):
    _guard(request)
    correction = corrections_for_staff(user=request.user).filter(pk=correction_id).first()
    if correction is None:
        raise Http404
    approve = request.POST.get("decision") == "approve"
    try:
        if approve:
            corrections.approve(correction=correction, by=request.user)
            messages.success(request, _("Name corrected; a new PDF and credential were issued."))
        else:
            corrections.reject(correction=correction, by=request.user)
            messages.success(request, _("Request rejected."))
    except corrections.CorrectionError as error:
        messages.error(request, str(error))
    return redirect("certificates_admin:corrections")


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "certificates/",
            (
                [
                    path("", certificate_index, name="index"),
                    path("<uuid:certificate_id>/revoke/", revoke_view, name="revoke"),
                    path("<uuid:certificate_id>/reissue/", reissue_view, name="reissue"),
                    path("corrections/", correction_index, name="corrections"),
                    path("corrections/<uuid:correction_id>/", decide_view, name="decide"),
                ],
                "certificates_admin",
                "certificates_admin",
            ),
        )
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage(request.user)


@hooks.register("register_admin_menu_item")
def certificates_menu_item():
    return StaffMenuItem(
        gettext_lazy("Certificates"),
        reverse("certificates_admin:index"),
        icon_name="doc-full",
        order=450,
    )


@hooks.register("register_admin_menu_item")
def corrections_menu_item():
    return StaffMenuItem(
        gettext_lazy("Name corrections"),
        reverse("certificates_admin:corrections"),
        icon_name="edit",
        order=451,
    )
