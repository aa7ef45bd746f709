"""`forge:` in coopsite.yml: where the repository lives, and the addresses built from it.

The forge is where pull requests are made: the web editor signs in there, and
every page links to its source file there ("Suggest a change") and to a
prefilled new issue ("Report a problem"). Three kinds of forge have the web
addresses and the Decap CMS backends this needs: GitHub, GitLab and Gitea (which
Forgejo and Codeberg also run).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlparse

KINDS = ("github", "gitlab", "gitea")
URL_RE = re.compile(r"^https://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~-]+){2,}$")
BRANCH_RE = re.compile(r"^[A-Za-z0-9._/-]+$")


@dataclass(frozen=True, kw_only=True)
class Forge:
    kind: str  # one of KINDS
    url: str  # the repository's web address, without a trailing slash
    branch: str = "main"
    # True once the cooperative has set up the editor's sign-in (README, "Web editor"):
    # then /admin/ is published and the page links open the editor instead of the forge.
    editor: bool = False
    # Decap's `base_url`: the OAuth client the editor signs in through (GitHub and Gitea need one)
    auth_url: str | None = None
    # GitLab and Gitea: the id of the OAuth application (PKCE sign-in, no server needed)
    app_id: str | None = None

    @property
    def host(self) -> str:
        return f"https://{urlparse(self.url).netloc}"

    @property
    def repo(self) -> str:
        """owner/name (GitLab: group/subgroup/name)."""
        return urlparse(self.url).path.strip("/")

    def edit_url(self, path: str) -> str:
        """The forge's own editor for a file of the repository."""
        p = quote(path)
        return {"github": f"{self.url}/edit/{self.branch}/{p}", "gitlab": f"{self.url}/-/edit/{self.branch}/{p}",
                "gitea": f"{self.url}/_edit/{self.branch}/{p}"}[self.kind]

    def new_file_url(self, path: str) -> str:
        """The forge's form for a new file, named already where the forge allows it."""
        folder, _, name = path.rpartition("/")
        f = quote(folder)
        if self.kind == "github":
            return f"{self.url}/new/{self.branch}/{f}?{urlencode({'filename': name})}"
        if self.kind == "gitlab":
            return f"{self.url}/-/new/{self.branch}/{f}?{urlencode({'file_name': name})}"
        return f"{self.url}/_new/{self.branch}/{f}"

    def issue_url(self, title: str, body: str) -> str:
        if self.kind == "gitlab":
            return f"{self.url}/-/issues/new?" + urlencode({"issue[title]": title, "issue[description]": body})
        return f"{self.url}/issues/new?" + urlencode({"title": title, "body": body})

    def decap_backend(self) -> dict:
        """The `backend:` of the published editor: pull requests, never direct commits (see decap_config)."""
        backend: dict = {"name": self.kind, "repo": self.repo, "branch": self.branch}
        if self.kind == "github":
            # Members without write access work on a fork: their changes arrive as pull requests.
            backend["open_authoring"] = True
            backend["auth_scope"] = "public_repo"
        if self.kind in ("gitlab", "gitea") and self.app_id:
            backend["auth_type"] = "pkce"
            backend["app_id"] = self.app_id
        if self.kind == "gitlab" and self.host != "https://gitlab.com":
            backend["api_root"] = f"{self.host}/api/v4"
            backend["base_url"] = self.host
        if self.kind == "gitea":
            backend["api_root"] = f"{self.host}/api/v1"
            backend["base_url"] = self.host
        if self.auth_url:
            backend["base_url"] = self.auth_url
        return backend


def read_forge(r):
    """The `forge:` section (a source.Reader) -> Forge, or None after a reported problem."""
    if r is None:
        return None
    kind = r.choice("kind", KINDS, default="github", what="forge")
    url = r.str("url", required=True, hint="the repository's address, e.g. https://github.com/<owner>/<name>")
    if url is not None and not URL_RE.match(str(url).rstrip("/")):
        r.err("url", f"'{url}' is not the https address of a repository",
              "write it as https://<forge>/<owner>/<name>, without .git")
        url = None
    branch = r.str("branch", default="main")
    if not BRANCH_RE.match(str(branch)) or ".." in str(branch):
        r.err("branch", f"'{branch}' is not a branch name")
        branch = "main"
    editor = r.bool("editor", default=False)
    auth_url = r.str("auth_url")
    if auth_url is not None and not URL_RE.match(str(auth_url).rstrip("/") + "/x/y"):
        r.err("auth_url", f"'{auth_url}' is not an https address", "the address of the OAuth client, https://...")
        auth_url = None
    app_id = r.str("app_id")
    if app_id is not None and not re.fullmatch(r"[A-Za-z0-9_-]+", str(app_id)):
        r.err("app_id", f"'{app_id}' is not an OAuth application id")
        app_id = None
    r.finish()
    if not (kind and url):
        return None
    return Forge(kind=kind, url=str(url).rstrip("/"), branch=str(branch), editor=bool(editor),
                 auth_url=str(auth_url).rstrip("/") if auth_url else None, app_id=str(app_id) if app_id else None)
