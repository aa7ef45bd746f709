"""The site is built by ProperDocs (site/engine.py), with Material and mkdocs-static-i18n unchanged."""

from __future__ import annotations

import sys

from coopsite.site import engine


def test_coopsite_build_runs_on_properdocs(built_site):
    head = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2"' in head
    # the plugins' `mkdocs.*` imports are ProperDocs' modules in this process too
    import mkdocs.commands.build
    import mkdocs_static_i18n.plugin

    assert engine.name() == "properdocs"
    assert mkdocs.commands.build.__name__ == "properdocs.commands.build"
    assert sys.modules["mkdocs_static_i18n.plugin"].build is not None
