"""Certificates as people meet them: a learner finishes a program and finds the certificate;
anyone opens its page signed out and verifies it, downloads the PDF and the JSON; a revoked
one says so. At 1366 px and on a 390 px phone, in English and in Arabic, checked by axe."""

import json

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from certificates.revocation import revoke
from certificates.tests.certificate_helpers import graduate
from learning.journey.enrollment import enroll
from learning.tests.journey_helpers import build_tree, make_learner

from .conftest import assert_accessible, login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def test_finishing_a_program_makes_its_certificate_appear(demo_site, new_page, live_server):
    tree = build_tree(courses=1, items_per_course=2, title="Lacquer and Gold")
    learner = make_learner("mei@example.com", name="Mei Tanaka")
    enroll(learner=learner, program=tree.program)
    page = new_page(viewport=LAPTOP)
    login(page, learner, live_server_url=live_server.url)
    for item in tree.all_items:
        page.goto(f"{live_server.url}{item.url}")
        page.get_by_role("button", name="Mark as complete").click()
        page.get_by_role("button", name="Mark as not complete").wait_for()
    page.locator("summary[aria-label='Account']").click()
    page.get_by_role("link", name="My certificates").click()
    expect(page.get_by_role("heading", name="My certificates")).to_be_visible()
    expect(page.get_by_role("link", name="Lacquer and Gold", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "certificates-mine-desktop-en")
    # The controls inside a card take their own clicks (the title link does not cover them).
    card = page.locator("li").filter(
        has=page.get_by_role("link", name="Lacquer and Gold", exact=True)
    )
    card.get_by_role("button", name="Hide my name from the public page").click()
    expect(page.get_by_text("Your name is hidden from the public page.")).to_be_visible()
    card.get_by_text("Ask for a name correction").click()
    card.get_by_label("Name as it should be printed").fill("Mei Tanaka-Sato")
    card.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("Your request was sent. Staff will review it.")).to_be_visible()
    expect(card.get_by_text("Your name correction is waiting for review.")).to_be_visible()
    page.get_by_role("link", name="Lacquer and Gold", exact=True).click()
    expect(page.get_by_text("Valid", exact=True)).to_be_visible()
    expect(page.get_by_text("Mei Tanaka")).to_be_visible()  # the holder sees their own name
    expect(page.get_by_role("link", name="Add to LinkedIn profile")).to_be_visible()


@pytest.mark.parametrize(
    ("language", "viewport", "valid", "verify", "verified"),
    [
        (
            "en",
            LAPTOP,
            "Valid",
            "Verify in this browser",
            "The signature is valid and the certificate has not been revoked.",
        ),
        ("ar", PHONE, "صالحة", "التحقق في هذا المتصفح", "التوقيع صحيح ولم تُلغَ الشهادة."),
    ],
)
def test_signed_out_visitor_verifies_and_downloads(
    demo_site, new_page, live_server, language, viewport, valid, verify, verified
):
    _tree, _learner, certificate = graduate(name="ليلى حداد")
    page = new_page(viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    page.goto(f"{live_server.url}/{language}/certificates/{certificate.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_text(valid, exact=True)).to_be_visible()
    expect(page.get_by_text("ليلى حداد")).to_be_visible()
    expect(page.get_by_text(certificate.serial)).to_be_visible()
    button = page.get_by_role("button", name=verify)
    if viewport is PHONE:
        button.tap()
    else:
        button.click()
    expect(page.get_by_text(verified)).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"certificate-page-{language}-{viewport['width']}")

    with page.expect_download() as pdf_download:
        page.locator(f"a[href$='{certificate.pk}.pdf']").click()
    pdf_path = pdf_download.value.path()
    with open(pdf_path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    if viewport is LAPTOP:
        # Chromium's own PDF viewer draws it: the screenshot is for a person to check the
        # shaped Arabic name and the layout (tests/e2e/screenshots/certificate-pdf-ar.png).
        viewer = new_page(viewport={"width": 1200, "height": 900})
        viewer.goto(f"file://{pdf_path}")
        viewer.wait_for_timeout(2000)
        screenshot(viewer, "certificate-pdf-ar", full_page=False)
    with page.expect_download() as json_download:
        page.locator(f"a[href$='{certificate.pk}.json?download=1']").click()
    with open(json_download.value.path(), encoding="utf-8") as handle:
        credential = json.load(handle)
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert json_download.value.suggested_filename == f"{certificate.serial}.json"


def test_a_revoked_certificate_says_so(demo_site, new_page, live_server):
    _tree, _learner, certificate = graduate()
    revoke(certificate=certificate, reason="Issued to the wrong account", by=None)
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{live_server.url}/certificates/{certificate.pk}/")
    expect(page.get_by_text("Revoked", exact=True)).to_be_visible()
    expect(page.get_by_text("Issued to the wrong account")).to_be_visible()
    for check in ("Verify in this browser", "Verify on the server"):
        page.get_by_role("button", name=check).tap()
        expect(
            page.get_by_text("The signature is valid, but the certificate has been revoked.")
        ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "certificate-revoked-phone-en")
    assert Certificate.objects.filter(revoked_at__isnull=False).count() == 1
