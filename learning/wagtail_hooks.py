"""Wagtail admin hooks of the learning app."""

from . import (
    admin_autosave,  # noqa: F401  (a form posted while its autosave is under way)
    admin_views,  # noqa: F401  (registers the enrollments viewset and page guards)
    translation_admin,  # noqa: F401  (translation review and out-of-date report)
)
