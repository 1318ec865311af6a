"""Spreadsheet exports that cannot carry formulas (OWASP "CSV injection").

A cell whose text starts with = + - @, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets, so a learner named `=HYPERLINK(...)` would put a live
link (or worse) in an editor's spreadsheet. Such text is prefixed with an apostrophe, which
spreadsheets read as "this is text". Numbers and dates are left alone: only text is a risk.
"""

from wagtail.admin.views.generic import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For Wagtail's SpreadsheetExportMixin views: every text cell, CSV and XLSX."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))


class FormulaSafeIndexView(FormulaSafeExportMixin, IndexView):
    pass
