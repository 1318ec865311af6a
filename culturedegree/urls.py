from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates.urls import public_urlpatterns as certificate_public_urls
from culturedegree import views as site_views
from culturedegree.accounts import views as account_views
from culturedegree.api import api as learner_api
from learning.admin.chooser import choose_page
from learning.api import content as content_api
from learning.views import serving

# Under /api/ errors answer JSON (culturedegree.api_errors); elsewhere the site's pages.
handler400 = "culturedegree.api_errors.bad_request"
handler404 = "culturedegree.api_errors.page_not_found"
handler500 = "culturedegree.api_errors.server_error"

urlpatterns = [
    path("admin/login/", account_views.admin_login, name="admin_login_redirect"),
    path("django-admin/login/", account_views.admin_login),
    # Wagtail's page chooser, started inside the program when it offers that program's courses.
    path("admin/choose-page/", choose_page),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    re_path(
        r"^_allauth/(?P<client>app|browser)/v1/(account/phone|auth/phone/verify(/resend)?)$",
        account_views.no_phone_numbers,
    ),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/v1/", learner_api.urls),
    path("healthz", site_views.healthz, name="healthz"),
    path("readyz", site_views.readyz, name="readyz"),
    path("api/v3/", content_api.urls),
    *certificate_public_urls,
]

urlpatterns += i18n_patterns(
    path("accounts/", include("culturedegree.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("style/", site_views.style_guide, name="style_guide"),
    path("", include("certificates.urls")),
    path("", include("learning.views.urls")),
    path("", include("certificates.achievement_urls")),
    path("", include("community.urls")),
    path("", include("learning.assessments.urls")),
    # Wagtail's pages, their routes kept per content version (learning.views.serving). Same
    # pattern and name as Wagtail's own below (which keeps its utility views): resolve() finds
    # this one, reverse() builds the same URL from either.
    re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# One callback URL per OpenID Connect provider whatever the interface language: listed after
# the prefixed patterns, so reverse() prefers it.
urlpatterns.append(
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls"))
)

if getattr(settings, "SERVE_MEDIA", False):
    from django.views.static import serve

    # Documents only through their authorising view (WAGTAILDOCS_SERVE_METHOD).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(
        0,
        re_path(
            rf"^{media_prefix}(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    )
