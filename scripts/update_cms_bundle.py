#!/usr/bin/env python3
"""Update the web editor's prebuilt bundle (Decap CMS) kept in scripts/coopsite/cms/vendor/.

    python3 scripts/update_cms_bundle.py 3.16.3

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


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not re.fullmatch(r"\d+\.\d+\.\d+", argv[0]):
        print("usage: update_cms_bundle.py X.Y.Z  (an exact version: the bundle is pinned)", file=sys.stderr)
        return 2
    version = argv[0]
    if shutil.which("npm") is None:
        print("npm is needed to update the bundle (it is not needed to build the site)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        res = subprocess.run(["npm", "pack", "--json", f"{PACKAGE}@{version}"], cwd=tmp, capture_output=True,
                             text=True)
        if res.returncode != 0:
            print(res.stderr, file=sys.stderr)
            return 1
        info = json.loads(res.stdout)[0]
        with tarfile.open(Path(tmp) / info["filename"]) as tar:
            tar.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        if meta.get("license") != "MIT":
            print(f"the licence changed to {meta.get('license')!r}: check it before updating", file=sys.stderr)
            return 1
        files = sorted(p for p in (package / "dist").iterdir() if WANTED.match(p.name))
        if not any(p.name == "decap-cms.js" for p in files):
            print("dist/decap-cms.js is missing from the package: its layout changed", file=sys.stderr)
            return 1
        for old in VENDOR.iterdir():
            if old.name not in KEEP:
                old.unlink()
        sums = {}
        for p in files:
            shutil.copy2(p, VENDOR / p.name)
            sums[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
    manifest = {"package": PACKAGE, "version": version, "license": "MIT", "licence_file": "LICENSE",
                "npm_integrity": info["integrity"], "files": sums}
    (VENDOR / "BUNDLE.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{PACKAGE} {version}: {len(sums)} files in {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
