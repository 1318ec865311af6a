from . import achievements_admin  # noqa: F401 (registers the snippet, admin URLs and hooks)
