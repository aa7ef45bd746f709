"""Generated pages' HTML blocks skip Markdown's parsing (site/passthrough.py): the HTML must be
exactly what Python-Markdown gives for the whole text, with the anchor ids MkDocs would record."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.pages import _HTMLHandler
from mkdocs.utils import meta

from coopsite.site import passthrough, pipeline

from .conftest import copy_tree
from .test_security import worst_values


def _converters(root):
    cfg = load_config(str(root / "mkdocs.yml"))

    def convert(text: str) -> str:
        return markdown.Markdown(extensions=cfg["markdown_extensions"],
                                 extension_configs=cfg["mdx_configs"] or {}).convert(text)

    return convert


def _ids(html: str) -> set[str]:
    parser = _HTMLHandler()
    parser.feed(html)
    parser.close()
    return parser.present_anchor_ids


def _assert_same_as_markdown(root) -> int:
    result = pipeline.run(root)
    assert result.ok, result.problems.summary()
    convert = _converters(root)
    set_aside = 0
    for rel, text in sorted(result.pages.items()):
        body, _ = meta.get_data(text)
        aside, blocks = passthrough.set_aside(body)
        assert passthrough.put_back(convert(aside), blocks) == convert(body), rel
        assert passthrough.anchor_ids(blocks) == _ids("\n".join(blocks)), rel
        set_aside += len(blocks)
    return set_aside


@pytest.mark.slow
def test_every_generated_page_of_the_shipped_content(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    assert _assert_same_as_markdown(root) > 1000  # the pages are mostly HTML: most of it is set aside


@pytest.mark.slow
def test_every_generated_page_with_the_worst_accepted_values(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    assert worst_values(root) > 500
    assert _assert_same_as_markdown(root) > 1000


CASES = {
    "blank line inside an element": "# T\n\n<div class=\"x\"><p>a</p>\n\n<p>b</p></div>\n\nafter *this*\n",
    "tag inside a paragraph": "text <span>inline</span> and\n<div>after text, no blank line</div>\n",
    "fenced code": "```html\n\n<div>code</div>\n\n```\n",
    "never closed": "<div>\n\nopen *for ever*\n",
    "void element": "<hr>\n\n<div>a</div>\n",
    "heading after a block": "<figure><img src=\"a.png\" alt=\"\"></figure>\n\n## Next {#next}\n\ntext\n",
    "our placeholder written by someone": "<!--coopsite-block:0-->\n\n<div>a</div>\n",
    "nested same tag": "<div><div>a</div>\n\n<div>b</div></div>\n\n- item\n",
    "text after a closing tag": "<p>a <b>b</b></p><b>\n<ul><li>c</li></ul></b>\n\nz\n",
    "'>' in an attribute value": "<div title=\"a > b\"><p>x</p></div>\n\n*y*\n",
    "a comment": "<div><!-- note --></div>\n\ntext\n",
    "raw text element": "<div><pre>\n\n<b>\n\n</pre></div>\n\ntext\n",
    "two blocks, no final newline": "<div>a</div>\n<p>b</p>",
}


@pytest.mark.parametrize("name", CASES)
def test_edge_cases_convert_as_markdown_would(name):
    from .conftest import REPO

    convert = _converters(REPO)
    text = CASES[name]
    aside, blocks = passthrough.set_aside(text)
    assert passthrough.put_back(aside, blocks) == text  # nothing lost or moved
    assert passthrough.put_back(convert(aside), blocks) == convert(text)


def test_what_is_set_aside():
    aside, blocks = passthrough.set_aside(CASES["blank line inside an element"])
    assert blocks == ['<div class="x"><p>a</p>\n\n<p>b</p></div>']
    assert aside == "# T\n\n<!--coopsite-block:0-->\n\nafter *this*\n"
    assert passthrough.set_aside(CASES["tag inside a paragraph"])[1] == []
    assert passthrough.set_aside(CASES["fenced code"])[1] == []
    assert passthrough.set_aside(CASES["never closed"])[1] == []
    assert passthrough.set_aside(CASES["our placeholder written by someone"])[1] == []
    assert passthrough.set_aside(CASES["text after a closing tag"])[1] == []
    assert passthrough.set_aside(CASES["'>' in an attribute value"])[1] == ['<div title="a > b"><p>x</p></div>']
    assert passthrough.set_aside(CASES["two blocks, no final newline"]) == (
        "<!--coopsite-block:0-->", ["<div>a</div>\n<p>b</p>"])
    assert passthrough.set_aside(CASES["text after a closing tag"])[1] == []
    assert passthrough.set_aside(CASES["'>' in an attribute value"])[1] == ['<div title="a > b"><p>x</p></div>']
    assert passthrough.set_aside(CASES["two blocks, no final newline"]) == (
        "<!--coopsite-block:0-->", ["<div>a</div>\n<p>b</p>"])
    assert passthrough.anchor_ids(['<h2 id="a&amp;b">x</h2><a name="n"></a><p data-id="no">']) == {"a&b", "n"}
