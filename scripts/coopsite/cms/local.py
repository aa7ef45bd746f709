"""`coopsite edit`: the web editor against the working copy, without any account (Decap's local backend).

Decap CMS talks to a "local backend" with a small JSON protocol: POST /api/v1
with {"action": ..., "params": ...}. Its reference server is the Node package
decap-server; this is the same protocol (the actions of its file-system mode)
in Python, so that `make edit` needs nothing `make build` does not: the README
promises python3, make and git. The editor page, its configuration and the
bundle are served from the same address.

Everything a request names is untrusted: the server listens on 127.0.0.1 only,
answers only its own page (Host and Origin checked: another site open in the
same browser cannot write files through it), and reads or writes only files of
the configured collections and the blog's image folder, with their extensions,
never through a symbolic link. Bad requests get a JSON error, never a traceback.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

from coopsite.cms import OWN, VENDOR, bundle_manifest, index_html, init_js
from coopsite.cms.schema import content_types, decap_config

MAX_BODY = 32 * 1024 * 1024  # a photo or two, base64-encoded
MEDIA_FOLDER = "content/blog/images"
IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


class Refused(Exception):
    """A request the server will not carry out: answered with its message and an HTTP status."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


class Backend:
    """The protocol's actions on one working copy. Pure file work, no HTTP: the tests call it directly too."""

    def __init__(self, root: Path, catalog):
        self.root = root.resolve()
        self.catalog = catalog
        # folder -> the extension its entries have
        self.folders = {}
        for ct in content_types(catalog):
            self.folders[ct.folder] = "md" if ct.i18n_files else "yml"

    # --- paths -----------------------------------------------------------------
    def _path(self, rel, *, media: bool = False, must_exist: bool = False) -> Path:
        """The file a request names, or Refused: inside an allowed folder, with an allowed extension,
        no '..', no absolute path, no symbolic link anywhere on the way."""
        if not isinstance(rel, str) or not rel or len(rel) > 300 or "\\" in rel or "\0" in rel:
            raise Refused("invalid path")
        p = PurePosixPath(rel)
        if p.is_absolute() or any(part in ("", ".", "..") for part in rel.split("/")):
            raise Refused(f"invalid path '{rel}'")
        folder = str(p.parent)
        if media:
            if folder != MEDIA_FOLDER or p.suffix.lower() not in IMAGE_TYPES:
                raise Refused(f"images go in {MEDIA_FOLDER}/ as {', '.join(IMAGE_TYPES)}", 403)
        else:
            base = next((f for f in self.folders if folder == f or folder.startswith(f + "/")), None)
            if base is None or p.suffix != "." + self.folders[base]:
                raise Refused(f"'{rel}' is not a file the editor may touch", 403)
            inside = p.relative_to(base).parts
            # one level, but podcasts/<slug>/episode.yml
            if len(inside) != (2 if base == "podcasts" else 1) or (base == "podcasts" and inside[1] != "episode.yml"):
                raise Refused(f"'{rel}' is not a file the editor may touch", 403)
        target = self.root / rel
        node = self.root
        for part in p.parts:
            node = node / part
            if node.is_symlink():
                raise Refused(f"'{rel}' goes through a symbolic link", 403)
        if must_exist and not target.is_file():
            raise Refused(f"'{rel}' not found", 404)
        return target

    def _entry(self, rel: str, label=None) -> dict:
        try:
            path = self._path(rel, must_exist=True)
            data = path.read_bytes()
            return {"data": data.decode("utf-8"), "file": {"path": rel, "label": label,
                                                           "id": hashlib.sha256(data).hexdigest()}}
        except (Refused, OSError, UnicodeDecodeError):
            # decap-server answers a file it cannot read with empty data: the editor then shows it as new
            return {"data": None, "file": {"path": rel, "label": label, "id": None}}

    def _media(self, rel: str) -> dict:
        data = self._path(rel, media=True, must_exist=True).read_bytes()
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode("ascii"),
                "encoding": "base64", "path": rel, "name": PurePosixPath(rel).name}

    def _write(self, path: Path, data: bytes) -> None:
        from coopsite.core.output import atomic_write

        atomic_write(path, data)

    # --- actions -----------------------------------------------------------------
    def handle(self, body) -> object:
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            raise Refused("expected {\"action\": ..., \"params\": {...}}", 400)
        params = body.get("params") or {}
        if not isinstance(params, dict):
            raise Refused("params must be an object", 400)
        action = body["action"]
        fn = getattr(self, "do_" + action, None) if action.isidentifier() else None
        if fn is None:
            raise Refused(f"unknown action '{action[:40]}'")
        return fn(params)

    def do_info(self, params):
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def do_entriesByFolder(self, params):
        folder = params.get("folder")
        extension = params.get("extension")
        depth = params.get("depth", 1)
        if folder not in self.folders or extension != self.folders[folder] or not isinstance(depth, int):
            raise Refused(f"'{folder}' is not a folder of the editor", 403)
        base = self.root / folder
        if not base.is_dir() or base.is_symlink():
            return []
        out = []
        for dirpath, dirnames, filenames in os.walk(base):
            here = Path(dirpath)
            level = len(here.relative_to(base).parts)
            dirnames[:] = sorted(d for d in dirnames if level + 1 < max(1, depth) and not (here / d).is_symlink())
            for name in sorted(filenames):
                rel = (here / name).relative_to(self.root).as_posix()
                try:
                    self._path(rel, must_exist=True)
                except Refused:
                    continue  # not an entry the editor may open (a link, another file of an episode)
                out.append(self._entry(rel))
        return out

    def do_entriesByFiles(self, params):
        files = params.get("files")
        if not isinstance(files, list):
            raise Refused("files must be a list", 400)
        return [self._entry(f.get("path"), f.get("label")) if isinstance(f, dict) else self._entry(None)
                for f in files]

    def do_getEntry(self, params):
        return self._entry(params.get("path"))

    def do_persistEntry(self, params):
        entry = params.get("entry")
        data_files = params.get("dataFiles") or ([entry] if entry else [])
        assets = params.get("assets") or []
        if not isinstance(data_files, list) or not isinstance(assets, list) or not data_files:
            raise Refused("nothing to save", 400)
        writes = []  # check everything before writing anything
        for f in data_files:
            if not isinstance(f, dict) or not isinstance(f.get("raw"), str):
                raise Refused("each data file needs a path and its text", 400)
            if f.get("newPath"):
                raise Refused("renaming is not done from the editor: ids and addresses never change once "
                              "published", 403)
            writes.append((self._path(f.get("path")), f["raw"].encode("utf-8")))
        for a in assets:
            writes.append((self._path(a.get("path") if isinstance(a, dict) else None, media=True), _decode(a)))
        for path, data in writes:
            self._write(path, data)
        return {"message": "entry persisted"}

    def do_getMedia(self, params):
        if params.get("mediaFolder") != MEDIA_FOLDER:
            return []  # Decap also asks for a media folder beside other entries: there are no images there
        folder = self.root / MEDIA_FOLDER
        if not folder.is_dir() or folder.is_symlink():
            return []
        return [self._media(f"{MEDIA_FOLDER}/{p.name}") for p in sorted(folder.iterdir())
                if p.is_file() and not p.is_symlink() and p.suffix.lower() in IMAGE_TYPES]

    def do_getMediaFile(self, params):
        return self._media(params.get("path"))

    def do_persistMedia(self, params):
        asset = params.get("asset")
        path = self._path(asset.get("path") if isinstance(asset, dict) else None, media=True)
        self._write(path, _decode(asset))
        return self._media(asset["path"])

    def do_deleteFile(self, params):
        raise Refused("deleting is done by a pull request on the forge, not from the editor", 403)

    do_deleteFiles = do_deleteFile

    def do_getDeployPreview(self, params):
        return None


def _decode(asset) -> bytes:
    if not isinstance(asset, dict) or asset.get("encoding") != "base64" or not isinstance(asset.get("content"), str):
        raise Refused("images are sent base64-encoded", 400)
    try:
        return base64.b64decode(asset["content"], validate=True)
    except (binascii.Error, ValueError):
        raise Refused("the image is not valid base64", 400) from None


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, catalog, port: int = 0, log=None):
        super().__init__(("127.0.0.1", port), Handler)
        self.backend = Backend(root, catalog)
        self.origin = f"http://127.0.0.1:{self.server_address[1]}"
        self.log = log or (lambda message: None)
        self.lock = threading.Lock()  # one save at a time: the check after it reads the whole tree
        self.files = {"/admin/index.html": ("text/html; charset=utf-8", index_html("coopsite edit")),
                      "/admin/init.js": ("text/javascript; charset=utf-8", init_js(catalog.config.languages.all)),
                      "/admin/coopsite-yml.js": ("text/javascript; charset=utf-8",
                                                 (OWN / "coopsite-yml.js").read_bytes())}
        config = decap_config(catalog, local_url=f"{self.origin}/api/v1")
        self.files["/admin/config.yml"] = ("text/yaml; charset=utf-8",
                                           json.dumps(config, ensure_ascii=False, indent=1).encode("utf-8"))
        self.bundle = set(bundle_manifest()["files"])

    @property
    def url(self) -> str:
        return f"{self.origin}/admin/"


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "coopsite-edit"

    def log_message(self, format, *args):  # the terminal shows saves, not every request
        pass

    def _host_ok(self) -> bool:
        # DNS rebinding: a foreign site resolved to 127.0.0.1 would still send its own Host
        port = self.server.server_address[1]
        return self.headers.get("Host") in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _send(self, status: int, ctype: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, value) -> None:
        self._send(status, "application/json", json.dumps(value).encode("utf-8"))

    def do_GET(self):
        if not self._host_ok():
            return self._send(403, "text/plain", b"forbidden host")
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path in ("/", "/admin"):
            self.send_response(302)
            self.send_header("Location", "/admin/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/admin/":
            path = "/admin/index.html"
        if path in self.server.files:
            return self._send(200, *self.server.files[path])
        name = path.removeprefix("/admin/")
        if path.startswith("/admin/") and name in self.server.bundle:
            ctype = ("application/wasm" if name.endswith(".wasm") else "text/javascript; charset=utf-8"
                     if name.endswith(".js") else "text/plain; charset=utf-8")
            return self._send(200, ctype, (VENDOR / name).read_bytes())
        self._send(404, "text/plain", b"not found")

    def do_POST(self):
        if not self._host_ok() or self.headers.get("Origin") not in (self.server.origin, None):
            return self._json(403, {"error": "this editor only answers its own page"})
        if self.path != "/api/v1":
            return self._json(404, {"error": "not found"})
        if "application/json" not in (self.headers.get("Content-Type") or ""):
            return self._json(415, {"error": "expected application/json"})
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return self._json(413, {"error": f"a request holds at most {MAX_BODY // 1024 // 1024} MB"})
        try:
            body = json.loads(self.rfile.read(length))
        except (ValueError, UnicodeDecodeError):
            return self._json(400, {"error": "the request is not JSON"})
        try:
            with self.server.lock:
                result = self.server.backend.handle(body)
                if isinstance(body, dict) and body.get("action") in ("persistEntry", "persistMedia"):
                    self.server.log(_saved(body))
        except Refused as exc:
            return self._json(exc.status, {"error": str(exc)})
        except Exception as exc:  # a bug or a disk problem: one line in the terminal, no traceback to the browser
            print(f"coopsite edit: {type(exc).__name__}: {exc}", file=sys.stderr)
            return self._json(500, {"error": "the file could not be saved or read; see the terminal"})
        self._json(200, result)


def _saved(body) -> str:
    params = body.get("params") or {}
    files = params.get("dataFiles") or [params.get("entry") or params.get("asset") or {}]
    return "saved " + ", ".join(str(f.get("path")) for f in files if isinstance(f, dict))


def run(root: Path, port: int, open_browser: bool) -> int:
    """`coopsite edit`: serve until Ctrl+C; after each save, `coopsite check` says what is wrong, if anything."""
    from coopsite.site.catalog import build_catalog

    catalog, problems = build_catalog(root, drafts=True)

    def after_save(message: str) -> None:
        print(message, file=sys.stderr)
        _, found = build_catalog(root, drafts=True)
        for p in found:
            print(f"  {p}", file=sys.stderr)
        print(f"  check: {found.summary()}", file=sys.stderr)

    try:
        server = Server(root, catalog, port, log=after_save)
    except OSError as exc:
        print(f"error: cannot listen on 127.0.0.1:{port} ({exc.strerror}); try --port", file=sys.stderr)
        return 1
    print(f"web editor on {server.url} (saving writes into {root}; Ctrl+C stops)", file=sys.stderr)
    if problems.errors:
        print(f"note: the content has errors now ({problems.summary()}); `coopsite check` lists them",
              file=sys.stderr)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
