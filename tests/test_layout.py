"""The package's layout holds: core imports no content type, no module fills another's list or
sets another's attribute when it is imported, and every module imports on its own (no cycle)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap

from .conftest import REPO

PACKAGE = REPO / "scripts" / "coopsite"


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def _imports(tree: ast.Module):
    """Every coopsite module a module imports, at any depth, except for type checkers only."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coopsite"):
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("coopsite"))


def test_core_imports_no_content_type_nor_the_site():
    wrong = [(name, target) for name, tree in _modules().items() if name.startswith("coopsite.core")
             for target in _imports(tree) if target.startswith(("coopsite.types", "coopsite.site", "coopsite.commands"))]
    assert wrong == []


def test_no_module_fills_lists_or_sets_attributes_of_others_when_imported():
    found = []
    for name, tree in _modules().items():
        for node in tree.body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                    and isinstance(node.value.func, ast.Attribute) \
                    and node.value.func.attr in ("append", "extend", "insert", "update", "add", "setdefault"):
                found.append(f"{name}:{node.lineno}: {ast.unparse(node)[:60]}")
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found += [f"{name}:{node.lineno}: {ast.unparse(node)[:60]}" for t in targets
                          if isinstance(t, (ast.Attribute, ast.Subscript))]
            test = ast.unparse(getattr(node, "test", ast.Constant(0)))
            if isinstance(node, (ast.For, ast.If, ast.Try)) and "TYPE_CHECKING" not in test and "__main__" not in test:
                found.append(f"{name}:{node.lineno}: code that runs at import: {ast.unparse(node).splitlines()[0][:60]}")
    assert found == []


def test_every_module_imports_on_its_own():
    """In a fresh interpreter, each module first: an import cycle would fail one of them. The
    libraries are imported once in a parent that then forks a child per module, so that this
    stays quick; the parent never imports coopsite itself."""
    names = sorted(_modules())
    script = textwrap.dedent(f"""
        import os, sys, importlib
        for lib in ("jinja2", "markdown", "babel.dates", "babel.messages.pofile", "ruamel.yaml", "yaml",
                    "feedgen.feed", "icalendar", "lxml.html", "nh3", "mkdocs.plugins", "jsonschema"):
            importlib.import_module(lib)
        failed = []
        for name in {names!r}:
            pid = os.fork()
            if pid == 0:
                try:
                    importlib.import_module(name)
                    os._exit(0)
                except BaseException as exc:
                    print(name, type(exc).__name__, exc, file=sys.stderr)
                    os._exit(1)
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status):
                failed.append(name)
        print(" ".join(failed))
    """)
    env = dict(os.environ, PYTHONPATH=str(PACKAGE.parent))
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "", res.stderr
