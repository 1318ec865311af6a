"""The demo catalog: two programs written for Culture Degree, with drawn and synthesised media."""

from .catalog import CatalogReport, build_catalog

__all__ = ["CatalogReport", "build_catalog"]
