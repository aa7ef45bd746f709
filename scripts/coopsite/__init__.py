"""coopsite: the content pipeline of the Smart in Progress site.

Files (YAML, Markdown, audio) -> load -> validate -> one immutable Catalog ->
pages for MkDocs, feeds, iCalendar, JSON API. Nothing in this package imports
MkDocs except mkdocs_plugin.py, so the engine can be swapped.
"""

__version__ = "0.1.0"
