"""Reading YAML with positions: the fast reader agrees with ruamel's round-trip positions."""

from __future__ import annotations

import glob

from coopsite.core.problems import Problems
from coopsite.core.source import parse_yaml, parse_yaml_rt, split_front_matter

from .conftest import REPO

TEXT = """\
id: x
answer: no          # YAML 1.2: text, not false
flag: true
count: 3
ratio: 1.5
date: 2021-06-01
empty:
quoted: "3"
list:
  - a
  -   b: 1
      c: [1, 2]
"""


def test_core_schema_values():
    data = parse_yaml(TEXT, "t.yml", Problems())
    assert data["answer"] == "no" and data["flag"] is True and data["count"] == 3 and data["ratio"] == 1.5
    assert data["date"] == "2021-06-01"  # dates stay text: the reader validates them with a position
    assert data["empty"] is None and data["quoted"] == "3"


def test_plain_scalars_resolve_like_ruamel():
    """The fast reader resolves plain scalars itself (YAML 1.2 core schema): same values as ruamel,
    on edge cases and on every YAML file of the repository."""
    edge = ("a: !!str 5\nb: 0o17\nc: 0x1F\nd: -3\ne: +4\nf: .5\ng: 1e3\nh: -x-\ni: .\nj: +x\nk: 12ab\n"
            "l: ~\nm: NULL\nn: False\no: 'true'\np: 1.\nq: -.5e-2\nr: on\ns: yes\n")
    fast, rt = parse_yaml(edge, "t", Problems()), parse_yaml_rt(edge, "t", Problems())
    assert str(rt.pop("a")) == "5"  # ruamel keeps an explicit tag as a TaggedScalar
    assert {k: v for k, v in fast.items() if k != "a"} == rt
    assert fast["a"] == "5" and fast["b"] == 15 and fast["c"] == 31 and fast["h"] == "-x-" and fast["k"] == "12ab"
    files = [p for pattern in ("recommendations/**/*.yml", "content/**/*.yml", "podcasts/**/*.yml",
                               "scripts/coopsite/core/i18n/*.yml", "coopsite.yml")
             for p in sorted(glob.glob(str(REPO / pattern), recursive=True))]
    assert len(files) > 40
    for path in files:
        text = open(path, encoding="utf-8").read()
        assert parse_yaml(text, "t", Problems()) == parse_yaml_rt(text, "t", Problems()), path


def test_positions_match_ruamel_round_trip():
    for path in sorted(glob.glob(str(REPO / "recommendations" / "**" / "*.yml"), recursive=True))[:12] + [None]:
        text = TEXT if path is None else open(path, encoding="utf-8").read()
        fast, rt = parse_yaml(text, "t", Problems()), parse_yaml_rt(text, "t", Problems())

        def walk(a, b):
            if isinstance(b, dict):
                for k in b:
                    assert a.lc.key(k) == tuple(b.lc.key(k)), k
                    if b[k] is not None:  # an empty value: ruamel points at the next line, we at the key's line
                        assert a.lc.value(k) == tuple(b.lc.value(k)), k
                    walk(a[k], b[k])
            elif isinstance(b, list):
                for i in range(len(b)):
                    assert a.lc.item(i) == tuple(b.lc.item(i)), i
                    walk(a[i], b[i])
        walk(fast, rt)


def test_duplicate_key_is_positioned():
    problems = Problems()
    parse_yaml("a: 1\nb:\n  c: 1\n  c: 2\n", "t.yml", problems)
    (p,) = problems.errors
    assert (p.line, p.col) == (4, 3) and "duplicate key 'c'" in p.message


def test_front_matter_positions_are_offset():
    problems = Problems()
    doc = split_front_matter("---\ntitle: x\ndate: [\n---\nbody\n", "post.md", problems)
    assert doc is None or problems.errors
    (p,) = problems.errors
    assert p.path == "post.md" and p.line >= 3
