"""Certificate URLs. `public_urlpatterns` are mounted without a language prefix (they are
printed on certificates and inside credentials); `urlpatterns` under the language prefix."""

from django.urls import path

from . import views

public_urlpatterns = [
    path(".well-known/did.json", views.did_document, name="issuer_did"),
    path(
        "certificates/<uuid:certificate_id>/", views.certificate_redirect, name="certificate_link"
    ),
    path(
        "certificates/<uuid:certificate_id>.json", views.certificate_json, name="certificate_json"
    ),
    path(
        "certificates/<uuid:certificate_id>/verify.json",
        views.certificate_check,
        name="certificate_check",
    ),
    path(
        "certificates/<uuid:certificate_id>/transcript.json",
        views.certificate_transcript,
        name="certificate_transcript",
    ),
    path("certificates/<uuid:certificate_id>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/status/<int:list_number>.json", views.status_list, name="status_list"),
    path("certificates/contexts/<str:name>", views.context_document, name="credential_context"),
]

urlpatterns = [
    path("certificates/verify/", views.serial_lookup, name="certificate_lookup"),
    path("certificates/<uuid:certificate_id>/", views.certificate_page, name="certificate_page"),
    path("my-learning/certificates/", views.my_certificates, name="my_certificates"),
    path(
        "my-learning/certificates/<uuid:certificate_id>/name-visibility/",
        views.name_visibility,
        name="certificate_name_visibility",
    ),
    path(
        "my-learning/certificates/<uuid:certificate_id>/name-correction/",
        views.request_name_correction,
        name="certificate_name_correction",
    ),
]
