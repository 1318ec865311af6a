"""Public certificate pages and files, and the learner's own certificates."""

import json

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import corrections, verification
from .credentials import contexts, keys, statuslist, transcript, urls
from .credentials.urls import STATUS_LIST_SIZE
from .forms import NameCorrectionForm, SerialLookupForm
from .issuing import publish
from .models import Certificate
from .pdf import render_pdf
from .ratelimit import limited
from .sharing import linkedin_url

JSON_LD = "application/ld+json"


def _json(data: dict, *, content_type: str = "application/json", filename: str = ""):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type=content_type
    )
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _owner(request, certificate: Certificate) -> bool:
    return request.user.is_authenticated and certificate.learner_id == request.user.pk


@require_GET
@limited
def certificate_redirect(request, certificate_id):
    """The URL printed on certificates: on to the page in the viewer's language.

    An unknown id stays a 404: LocaleMiddleware would otherwise redirect it to the prefixed
    URL, which resolves; it checks the request's own URLconf, which here has no prefixes."""
    request.urlconf = "certificates.public_urls"
    verification.public_certificate(certificate_id)
    del request.urlconf
    return redirect("certificate_page", certificate_id=certificate_id)


@require_GET
@limited
def certificate_page(request, certificate_id):
    certificate = verification.public_certificate(certificate_id)
    page_url = urls.certificate_page(certificate.pk)
    context = {
        "certificate": certificate,
        "title": verification.localized_title(certificate, get_language()),
        "completed_on": parse_date(certificate.metadata.get("completion_date") or ""),
        "show_name": certificate.name_public or _owner(request, certificate),
        "is_owner": _owner(request, certificate),
        "page_url": page_url,
        "qr_svg": segno.make(page_url, error="m").svg_inline(
            omitsize=True, dark="#221f1c", title=_("QR code of this page")
        ),
        "linkedin_url": linkedin_url(certificate),
        "contexts": {
            url: reverse("credential_context", kwargs={"name": name})
            for url, name in contexts.FILES.items()
        },
    }
    return render(request, "certificates/certificate_page.html", context)


@require_GET
@limited
def certificate_pdf(request, certificate_id):
    certificate = verification.public_certificate(certificate_id)
    if not (certificate.name_public or _owner(request, certificate)):
        raise Http404
    if certificate.pdf:
        try:
            handle = certificate.pdf.open("rb")
        except FileNotFoundError:
            handle = None
        if handle is not None:
            return FileResponse(
                handle,
                as_attachment=True,
                filename=f"{certificate.serial}.pdf",
                content_type="application/pdf",
            )
    response = HttpResponse(render_pdf(certificate=certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.pdf"'
    return response


@require_GET
@limited
def certificate_json(request, certificate_id):
    """The signed Open Badges 3.0 credential, as issued (its name hashed if not public)."""
    certificate = verification.public_certificate(certificate_id)
    if not certificate.credential:
        raise Http404
    download = request.GET.get("download") == "1"
    return _json(
        certificate.credential,
        content_type=JSON_LD,
        filename=f"{certificate.serial}.json" if download else "",
    )


@require_GET
@limited
def certificate_transcript(request, certificate_id):
    """The program transcript (CLR 2.0), signed now, with the valid certificates' credentials."""
    certificate = verification.public_certificate(certificate_id)
    if certificate.program_id is None or certificate.is_revoked or certificate.learner_id is None:
        raise Http404
    return _json(
        transcript.transcript_credential(certificate=certificate),
        content_type=JSON_LD,
        filename=f"{certificate.serial}-transcript.json",
    )


@require_GET
@limited
def certificate_check(request, certificate_id):
    """The server's verification of the stored credential: signature, issuer, status."""
    certificate = verification.public_certificate(certificate_id)
    result = verification.verify_credential(certificate.credential)
    return JsonResponse(
        {
            "verified": result.verified,
            "signature": result.signature,
            "issuer": result.issuer,
            "revoked": certificate.is_revoked,
            "problems": result.problems,
        }
    )


@require_GET
@limited
def serial_lookup(request):
    form = SerialLookupForm(request.GET or None)
    if form.is_valid():
        certificate = verification.find_by_serial(
            serial=form.cleaned_data["serial"], name=form.cleaned_data["name"]
        )
        if certificate is None:
            response = render(
                request, "certificates/lookup.html", {"form": form, "not_found": True}
            )
            response.status_code = 404
            return response
        return redirect("certificate_page", certificate_id=certificate.pk)
    return render(request, "certificates/lookup.html", {"form": form})


@require_GET
@limited
def status_list(request, list_number: int):
    if list_number < 1 or list_number > Certificate.objects.count() // STATUS_LIST_SIZE + 1:
        raise Http404
    return _json(statuslist.status_list_credential(list_number), content_type=JSON_LD)


@require_GET
def context_document(request, name: str):
    """A bundled JSON-LD context, for verifiers in the browser (they cannot fetch the
    originals across origins, and need the exact documents that were signed against)."""
    if name not in contexts.FILES.values():
        raise Http404
    response = _json(
        contexts.load(next(u for u, n in contexts.FILES.items() if n == name)),
        content_type="application/ld+json",
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def did_document(request):
    return _json(keys.did_document(), content_type="application/did+ld+json")


@login_required
@require_GET
def my_certificates(request):
    certificates = list(
        Certificate.objects.filter(learner=request.user).select_related("replaced_by")
    )
    pending = set(corrections.pending_for(certificates).values_list("certificate_id", flat=True))
    return render(
        request,
        "certificates/my_certificates.html",
        {
            "certificates": certificates,
            "pending": pending,
            "form": NameCorrectionForm(),
        },
    )


def _own_certificate(request, certificate_id) -> Certificate:
    certificate = Certificate.objects.filter(pk=certificate_id, learner=request.user).first()
    if certificate is None:
        raise Http404
    return certificate


@login_required
@require_POST
def name_visibility(request, certificate_id):
    certificate = _own_certificate(request, certificate_id)
    certificate.name_public = request.POST.get("name_public") == "1"
    certificate.save(update_fields=["name_public"])
    publish(certificate=certificate)
    messages.success(
        request,
        _("Your name is shown on the public page.")
        if certificate.name_public
        else _("Your name is hidden from the public page."),
    )
    return redirect("my_certificates")


@login_required
@require_POST
def request_name_correction(request, certificate_id):
    certificate = _own_certificate(request, certificate_id)
    form = NameCorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the name as it should be printed."))
        return redirect("my_certificates")
    try:
        corrections.request_correction(
            certificate=certificate,
            name=form.cleaned_data["requested_name"],
            explanation=form.cleaned_data["explanation"],
            request=request,
        )
    except corrections.CorrectionError as error:
        messages.error(request, str(error))
        return redirect("my_certificates")
    messages.success(request, _("Your request was sent. Staff will review it."))
    return redirect(reverse("my_certificates"))
