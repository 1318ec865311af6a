"""Absolute URLs that appear inside credentials (they must not depend on the request)."""

from django.conf import settings

STATUS_LIST_SIZE = 131_072  # bits per list: the spec's minimum, for herd privacy


def site(path: str) -> str:
    return settings.SITE_URL + path


def certificate_page(certificate_id) -> str:
    return site(f"/certificates/{certificate_id}/")


def certificate_json(certificate_id) -> str:
    return site(f"/certificates/{certificate_id}.json")


def status_list(list_number: int) -> str:
    return site(f"/certificates/status/{list_number}.json")


def status_position(number: int) -> tuple[int, int]:
    """(list number, index in it) of a certificate number."""
    return number // STATUS_LIST_SIZE + 1, number % STATUS_LIST_SIZE
