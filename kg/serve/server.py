"""A SPARQL 1.1 Protocol endpoint over a built graph, also serving the HTML viewer.

Python's ``ThreadingHTTPServer`` in front of an in-memory pyoxigraph ``Store``:
no dependency beyond kg's own, and the same query semantics as ``kg query``
(the merged graph is the default graph).
"""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.query import QueryResult, QuerySyntaxError, dataset_options, prefixes_for
from kg.query.engine import parse_error
from kg.serve.negotiate import GRAPH_MEDIA, RESULTS_MEDIA, choose

log = logging.getLogger(__name__)

QUERY_PATHS = {"/sparql", "/query"}
UPDATE_PATHS = {"/update"}
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
MAX_BODY = 64 * 1024 * 1024
# Files next to the graph that the viewer page may fetch.
STATIC_SUFFIXES = {".html", ".js", ".css", ".json", ".jsonld", ".ttl", ".trig", ".svg", ".png"}


class ProtocolError(Exception):
    """A request the protocol rejects; ``status`` says how."""

    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Endpoint:
    """What the handler serves: the store, the viewer directory, and whether updates are allowed."""

    store: ox.Store
    site_dir: Path | None
    allow_update: bool = False

    def __post_init__(self) -> None:
        self.prefixes = prefixes_for(self.store)

    def query(
        self, text: str, default_graphs: list[str], named_graphs: list[str]
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        options = dataset_options(self.store, default_graph=default_graphs or None)
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        try:
            return self.store.query(text, prefixes=self.prefixes, **options)
        except SyntaxError as err:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, str(parse_error(str(err)))) from None
        except ValueError as err:  # e.g. an invalid graph IRI in the protocol parameters
            raise ProtocolError(HTTPStatus.BAD_REQUEST, str(err)) from None

    def update(self, text: str) -> None:
        if not self.allow_update:
            raise ProtocolError(
                HTTPStatus.FORBIDDEN, "updates are disabled: start kg serve with --allow-update"
            )
        try:
            self.store.update(text, prefixes=self.prefixes)
        except SyntaxError as err:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, str(parse_error(str(err)))) from None


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-serve"

    # -- routing -------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch("HEAD")

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors_headers()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        try:
            if url.path in QUERY_PATHS:
                self._sparql(method, params)
            elif url.path in UPDATE_PATHS:
                self._update_only(method, params)
            elif method in ("GET", "HEAD"):
                self._static(url.path, head=method == "HEAD")
            else:
                raise ProtocolError(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} {url.path}")
        except ProtocolError as err:
            self._send_text(err.status, str(err))
        except Exception as err:  # a bug or a store failure: answer, and keep serving
            log.exception("error answering %s %s", method, self.path)
            self._send_text(HTTPStatus.INTERNAL_SERVER_ERROR, f"{type(err).__name__}: {err}")

    # -- SPARQL ----------------------------------------------------------------
    def _sparql(self, method: str, params: dict[str, list[str]]) -> None:
        if method == "POST":
            params = self._merge_body(params)
        if "update" in params:
            self._run_update(params)
            return
        if "query" not in params:
            raise ProtocolError(
                HTTPStatus.BAD_REQUEST,
                "no query: send ?query=... (GET), a form, or an application/sparql-query body",
            )
        answer = self.server.endpoint.query(
            _single(params, "query"),
            params.get("default-graph-uri", []),
            params.get("named-graph-uri", []),
        )
        override = (params.get("format") or params.get("output") or [None])[0]
        self._send_answer(answer, override, head=method == "HEAD")

    def _update_only(self, method: str, params: dict[str, list[str]]) -> None:
        if method != "POST":
            raise ProtocolError(HTTPStatus.METHOD_NOT_ALLOWED, "updates are sent with POST")
        params = self._merge_body(params)
        if "update" not in params:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, "no update in the request")
        self._run_update(params)

    def _run_update(self, params: dict[str, list[str]]) -> None:
        self.server.endpoint.update(_single(params, "update"))
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors_headers()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _merge_body(self, params: dict[str, list[str]]) -> dict[str, list[str]]:
        """Fold a POST body (form, sparql-query or sparql-update) into the parameters."""
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ProtocolError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large")
        body = self.rfile.read(length).decode("utf-8") if length else ""
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        merged = {key: list(values) for key, values in params.items()}
        if content_type == FORM_TYPE:
            for key, values in parse_qs(body, keep_blank_values=True).items():
                merged.setdefault(key, []).extend(values)
        elif content_type == QUERY_TYPE:
            merged["query"] = [body]
        elif content_type == UPDATE_TYPE:
            merged["update"] = [body]
        else:
            raise ProtocolError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                f"POST a form, {QUERY_TYPE} or {UPDATE_TYPE}, not {content_type or 'nothing'}",
            )
        return merged

    def _send_answer(self, answer, override: str | None, head: bool) -> None:
        table = GRAPH_MEDIA if isinstance(answer, ox.QueryTriples) else RESULTS_MEDIA
        media, fmt = choose(self.headers.get("Accept"), table, override)
        body = QueryResult.from_oxigraph(answer, self.server.endpoint.prefixes).serialize(fmt)
        self._send_bytes(HTTPStatus.OK, f"{media}; charset=utf-8", body, head=head)

    # -- viewer and files --------------------------------------------------------
    def _static(self, path: str, head: bool) -> None:
        site = self.server.endpoint.site_dir
        name = "graph.html" if path in ("/", "/index.html") else path.lstrip("/")
        # Only plain file names: no directories, so no way out of the site folder.
        if site is None or "/" in name or name.startswith(".") or not name:
            raise ProtocolError(HTTPStatus.NOT_FOUND, f"no such page: {path}")
        file = site / name
        if file.suffix.lower() not in STATIC_SUFFIXES or not file.is_file():
            hint = " (build it with `kg build`, html format)" if name == "graph.html" else ""
            raise ProtocolError(HTTPStatus.NOT_FOUND, f"no such page: {path}{hint}")
        media = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self._send_bytes(HTTPStatus.OK, f"{media}; charset=utf-8", file.read_bytes(), head=head)

    # -- responses -------------------------------------------------------------
    def _cors_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")

    def _send_bytes(self, status: HTTPStatus, media: str, body: bytes, head: bool = False) -> None:
        self.send_response(status)
        self._cors_headers()
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _send_text(self, status: HTTPStatus, message: str) -> None:
        self._send_bytes(status, "text/plain", (message + "\n").encode("utf-8"))

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's signature
        log.info("%s %s", self.address_string(), format % args)


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], endpoint: Endpoint):
        super().__init__(address, Handler)
        self.endpoint = endpoint

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


def _single(params: dict[str, list[str]], name: str) -> str:
    values = params[name]
    if len(values) != 1:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, f"give exactly one {name} parameter")
    return values[0]


def make_server(
    data, host: str = "127.0.0.1", port: int = 7878, *, allow_update: bool = False
) -> SparqlServer:
    """A server over ``data`` (a graph file or a Store), bound but not yet serving.

    Port 0 picks a free port; ``server.url`` tells which. The viewer is the
    ``graph.html`` next to a data file.
    """
    from kg.query import open_store

    store = open_store(data)
    site = Path(data).parent if isinstance(data, (str, Path)) else None
    return SparqlServer((host, port), Endpoint(store, site, allow_update))


__all__ = ["Endpoint", "ProtocolError", "QuerySyntaxError", "SparqlServer", "make_server"]
