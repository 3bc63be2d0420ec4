"""Pushing graphs to a remote store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each graph is sent with ``PUT {graph store}?graph=<IRI>``: PUT replaces the
graph, so loading the same build twice leaves the store as after the first.
Secrets (a password or token) come from the environment only; they are never
put in a message or log line.
"""

from __future__ import annotations

import base64
import logging
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import quote

from kg.load.graphs import GraphPayload, graph_payloads
from kg.query.store import Data

log = logging.getLogger(__name__)

PASSWORD_ENV = "KG_LOAD_PASSWORD"
TOKEN_ENV = "KG_LOAD_TOKEN"
AUTH_SCHEMES = ("none", "basic", "digest", "bearer")
# How much of a server's error page to show; enough to read its reason.
MAX_ERROR_BODY = 300
NOT_SENT = "not sent: the store refused or could not be reached for an earlier graph"


class LoadError(RuntimeError):
    """The load could not start (bad options, missing secret)."""


@dataclass(frozen=True, repr=False)
class Auth:
    """How to authenticate; ``secret`` is the password or token."""

    scheme: str = "none"
    user: str | None = None
    secret: str | None = None

    def __repr__(self) -> str:  # never show the secret, even in a traceback
        return f"Auth(scheme={self.scheme!r}, user={self.user!r})"

    @classmethod
    def from_env(cls, scheme: str, user: str | None = None) -> Auth:
        """An ``Auth`` whose secret is read from ``KG_LOAD_PASSWORD``/``KG_LOAD_TOKEN``."""
        if scheme not in AUTH_SCHEMES:
            raise LoadError(f"unknown auth scheme {scheme!r} (use {', '.join(AUTH_SCHEMES)})")
        if scheme == "none":
            return cls()
        if scheme == "bearer":
            token = os.environ.get(TOKEN_ENV)
            if not token:
                raise LoadError(f"--auth bearer needs the token in the environment: {TOKEN_ENV}")
            return cls(scheme, None, token)
        if not user:
            raise LoadError(f"--auth {scheme} needs --user")
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            raise LoadError(
                f"--auth {scheme} needs the password in the environment: {PASSWORD_ENV}"
            )
        return cls(scheme, user, password)

    def scrub(self, text: str) -> str:
        """``text`` with the secret blanked out, should a server echo it back."""
        return text.replace(self.secret, "***") if self.secret else text


@dataclass
class GraphOutcome:
    iri: str | None
    triples: int
    status: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def name(self) -> str:
        return f"<{self.iri}>" if self.iri else "the default graph"


@dataclass
class LoadReport:
    url: str
    graphs: list[GraphOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(g.ok for g in self.graphs)

    @property
    def failures(self) -> list[GraphOutcome]:
        return [g for g in self.graphs if not g.ok]

    @property
    def not_sent(self) -> list[GraphOutcome]:
        return [g for g in self.graphs if g.error == NOT_SENT]

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs if g.ok)


def graph_store_url(endpoint: str, graph_store_path: str | None = None) -> str:
    """The Graph Store URL: ``endpoint``, or ``endpoint`` + ``graph_store_path``."""
    if not graph_store_path:
        return endpoint
    return endpoint.rstrip("/") + "/" + graph_store_path.lstrip("/")


def graph_url(store_url: str, iri: str | None) -> str:
    """``{store}?graph=<IRI>`` (or ``?default``), the IRI percent-encoded."""
    separator = "&" if "?" in store_url else "?"
    if iri is None:
        return f"{store_url}{separator}default"
    return f"{store_url}{separator}graph={quote(iri, safe='')}"


def load(
    data: Data,
    endpoint: str,
    *,
    auth: Auth | None = None,
    graph_store_path: str | None = None,
    fmt: str = "ntriples",
    timeout: float = 120.0,
) -> LoadReport:
    """PUT every graph of ``data`` to the store at ``endpoint``; never raises for one graph.

    The report lists each graph with its HTTP status or error; ``report.ok``
    is False if any graph failed. After a refusal (401, 403) or a store that
    cannot be reached, the remaining graphs are not sent.
    """
    auth = auth or Auth()
    report = LoadReport(graph_store_url(endpoint, graph_store_path))
    opener = urllib.request.build_opener()
    signer = _DigestSigner(auth, report.url) if auth.scheme == "digest" else None
    stop = False
    for payload in graph_payloads(data, fmt):
        if stop:
            report.graphs.append(GraphOutcome(payload.iri, payload.triples, error=NOT_SENT))
            continue
        outcome = _put(opener, signer, report.url, payload, auth, timeout)
        report.graphs.append(outcome)
        # Refused credentials or an unreachable store would fail every graph alike.
        stop = outcome.status in (None, 401, 403) and not outcome.ok
    return report


class _DigestSigner:
    """Digest credentials worked out before the body is sent.

    urllib's own digest handler sends the body, waits for the 401 challenge
    and sends it again; a store that answers 401 before reading a large body
    closes the connection mid-upload (a broken pipe, no challenge seen). So a
    bodiless HEAD fetches the challenge, and the PUT goes out signed.
    """

    def __init__(self, auth: Auth, url: str):
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, auth.user, auth.secret)
        self._handler = urllib.request.HTTPDigestAuthHandler(passwords)

    def sign(
        self,
        request: urllib.request.Request,
        opener: urllib.request.OpenerDirector,
        timeout: float,
    ) -> None:
        challenge = self._challenge(request.full_url, opener, timeout)
        if challenge is None:
            return
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(challenge))
        value = self._handler.get_authorization(request, fields)
        if value:
            request.add_header("Authorization", f"Digest {value}")

    @staticmethod
    def _challenge(url: str, opener: urllib.request.OpenerDirector, timeout: float) -> str | None:
        try:
            with opener.open(urllib.request.Request(url, method="HEAD"), timeout=timeout):
                return None  # no credentials asked for
        except urllib.error.HTTPError as err:
            for header in err.headers.get_all("WWW-Authenticate") or []:
                scheme, _, rest = header.partition(" ")
                if err.code == 401 and scheme.lower() == "digest":
                    return rest
        return None


def _headers(payload: GraphPayload, auth: Auth) -> dict[str, str]:
    headers = {"Content-Type": f"{payload.content_type}; charset=utf-8"}
    # Basic and bearer credentials go with the first request: no round trip
    # for a challenge, and the body is sent once.
    if auth.scheme == "basic":
        pair = f"{auth.user}:{auth.secret}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    elif auth.scheme == "bearer":
        headers["Authorization"] = f"Bearer {auth.secret}"
    return headers


def _put(
    opener: urllib.request.OpenerDirector,
    signer: _DigestSigner | None,
    store_url: str,
    payload: GraphPayload,
    auth: Auth,
    timeout: float,
) -> GraphOutcome:
    url = graph_url(store_url, payload.iri)
    outcome = GraphOutcome(payload.iri, payload.triples)
    request = urllib.request.Request(
        url, data=payload.body, headers=_headers(payload, auth), method="PUT"
    )
    log.debug("PUT %s (%d triples, %d bytes)", url, payload.triples, len(payload.body))
    try:
        if signer is not None:
            signer.sign(request, opener, timeout)
        with opener.open(request, timeout=timeout) as response:
            outcome.status = response.status
    except urllib.error.HTTPError as err:
        outcome.status = err.code
        outcome.error = auth.scrub(_http_error(err))
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        outcome.error = auth.scrub(f"no answer from {store_url}: {reason}")
    log.debug("%s -> %s", outcome.name, outcome.status if outcome.ok else outcome.error)
    return outcome


def _http_error(err: urllib.error.HTTPError) -> str:
    message = f"HTTP {err.code} {err.reason}"
    try:
        body = err.read().decode("utf-8", "replace")
    except OSError:
        body = ""
    body = " ".join(body.split())
    if body:
        message += ": " + body[:MAX_ERROR_BODY]
    if err.code in (401, 403):
        message += " (check --auth, --user and the password or token in the environment)"
    return message
