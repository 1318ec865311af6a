"""The content the editors write: page types, StreamField blocks, requirements, the catalog and
search. Imports nothing from the journey, views, API or admin (docs/decisions/0029)."""
