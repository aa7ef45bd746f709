"""Which engine builds the site: ProperDocs (pinned in requirements.txt), or MkDocs 1.6.1.

MkDocs has had no release since 2024-08; ProperDocs is its continuation by its original
maintainers, the same code base and configuration. Material and mkdocs-static-i18n import
`mkdocs.*` and declare a dependency on the `mkdocs` package, so both packages are installed; what
decides the engine is `properdocs.replacement`: imported before anything imports `mkdocs`, it
makes every `mkdocs.*` import of this process load the `properdocs.*` module instead (one engine,
one plugin registry, the plugins unchanged). The `coopsite` commands call `use()` first;
`mkdocs build`/`mkdocs serve` still run MkDocs itself, `properdocs build -f mkdocs.yml`
ProperDocs. COOPSITE_ENGINE=mkdocs runs the commands on MkDocs (to compare the two).
"""

from __future__ import annotations

import os
import sys


def use() -> str:
    """Make this process build with ProperDocs, unless told otherwise or MkDocs is already loaded
    (mixing the two in one process would give two plugin registries). Returns the engine's name."""
    if os.environ.get("COOPSITE_ENGINE", "properdocs") == "mkdocs":
        return "mkdocs"
    loaded = sys.modules.get("mkdocs")
    if loaded is not None:
        return "properdocs" if loaded.__name__ == "properdocs" else "mkdocs"
    try:
        import properdocs.replacement  # noqa: F401  (redirects mkdocs.* imports to properdocs.*)
    except ImportError:  # a venv set up before ProperDocs was pinned: `make` installs it
        return "mkdocs"
    return "properdocs"


def name() -> str:
    loaded = sys.modules.get("mkdocs")
    return "properdocs" if loaded is not None and loaded.__name__ == "properdocs" else "mkdocs"
