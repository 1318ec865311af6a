"""A URLconf of the unprefixed certificate URLs only (see views.certificate_redirect)."""

from .urls import public_urlpatterns as urlpatterns

__all__ = ["urlpatterns"]
