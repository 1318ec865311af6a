"""Wagtail admin hooks of the learning app: importing the modules registers them."""

from . import (
    admin_views,  # noqa: F401  (the enrollments viewset)
    page_guards,  # noqa: F401  (no moving or deleting pages with learner records)
)
