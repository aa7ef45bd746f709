#!/usr/bin/env python3
"""Update the web editor's prebuilt bundle (Decap CMS) kept in scripts/coopsite/cms/vendor/.

    python3 scripts/update_cms_bundle.py 3.16.3 [2.9.1]

The second version is the `yaml` package's (its browser build, under vendor/yaml/): the site's own
YAML format for the editor (cms/admin/coopsite-yml.js) uses it to change a hand-kept file only where
a value changed.

Needs npm (only here: `make build` never does). `npm pack` downloads the
package from the npm registry and checks it against the registry's integrity
hash; this script then copies the browser bundle (the main script, the chunks
it loads lazily, its WebAssembly files and its third-party licence notices)
and writes BUNDLE.json with the version, the licence, npm's integrity hash and
the SHA-256 of every file. tests/test_cms.py checks those hashes, so a bundle
edited by hand or half-copied fails the tests. Review the diff of
BUNDLE.json, run `make test`, commit.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "decap-cms"
VENDOR = Path(__file__).resolve().parent / "coopsite" / "cms" / "vendor"
# What the browser needs: decap-cms.js and the numbered chunks it loads from its own folder.
# (cms.js in the package is the same bundle under an older name; *.map files are for debugging.)
WANTED = re.compile(r"^(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")
KEEP = {"LICENSE", "BUNDLE.json"}  # LICENSE: Decap's MIT text (the npm package ships none)
YAML = "yaml"


def pack(name: str, version: str, tmp: str) -> tuple[Path, str]:
    """npm pack NAME@VERSION into tmp: (the unpacked package folder, npm's integrity hash)."""
    res = subprocess.run(["npm", "pack", "--json", f"{name}@{version}"], cwd=tmp, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(res.stderr)
    info = json.loads(res.stdout)[0]
    dest = Path(tmp) / name
    dest.mkdir()
    with tarfile.open(Path(tmp) / info["filename"]) as tar:
        tar.extractall(dest, filter="data")
    return dest / "package", info["integrity"]


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2) or not all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in argv):
        print("usage: update_cms_bundle.py X.Y.Z [X.Y.Z]  (exact versions: the bundle is pinned)", file=sys.stderr)
        return 2
    version = argv[0]
    old = json.loads((VENDOR / "BUNDLE.json").read_text(encoding="utf-8")) if (VENDOR / "BUNDLE.json").exists() else {}
    yaml_version = argv[1] if len(argv) == 2 else old.get("packages", {}).get(YAML, {}).get("version", "2.9.1")
    if shutil.which("npm") is None:
        print("npm is needed to update the bundle (it is not needed to build the site)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        package, integrity = pack(PACKAGE, version, tmp)
        ypackage, yintegrity = pack(YAML, yaml_version, tmp)
        if json.loads((ypackage / "package.json").read_text(encoding="utf-8")).get("license") != "ISC":
            print("the yaml package's licence changed: check it before updating", file=sys.stderr)
            return 1
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        if meta.get("license") != "MIT":
            print(f"the licence changed to {meta.get('license')!r}: check it before updating", file=sys.stderr)
            return 1
        files = sorted(p for p in (package / "dist").iterdir() if WANTED.match(p.name))
        if not any(p.name == "decap-cms.js" for p in files):
            print("dist/decap-cms.js is missing from the package: its layout changed", file=sys.stderr)
            return 1
        for stale in VENDOR.iterdir():
            if stale.name not in KEEP:
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        sums = {}
        for p in files:
            shutil.copy2(p, VENDOR / p.name)
            sums[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
        shutil.copytree(ypackage / "browser" / "dist", VENDOR / YAML)
        shutil.copy2(ypackage / "LICENSE", VENDOR / YAML / "LICENSE")
        for p in sorted((VENDOR / YAML).rglob("*")):
            if p.is_file():
                sums[p.relative_to(VENDOR).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    manifest = {"package": PACKAGE, "version": version, "license": "MIT", "licence_file": "LICENSE",
                "npm_integrity": integrity, "files": sums,
                "packages": {PACKAGE: {"version": version, "license": "MIT", "npm_integrity": integrity},
                             YAML: {"version": yaml_version, "license": "ISC", "npm_integrity": yintegrity,
                                    "licence_file": "yaml/LICENSE"}}}
    (VENDOR / "BUNDLE.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{PACKAGE} {version} and {YAML} {yaml_version}: {len(sums)} files in {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
