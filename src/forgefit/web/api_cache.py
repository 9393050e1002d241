"""The fast path for the read-only JSON API: answers from remembered response bytes.

Every catalog answer (an exercise, a filtered list, the ExerciseDB-shaped lists, vocabularies,
search, suggest) is a pure function of the immutable catalog and the query parameters. So the
first time a request is seen its answer is made once - through the FastAPI app, which keeps
validation, error messages and the OpenAPI schema in one place - and kept as bytes with its
gzip variant and ETag; a repeat is answered straight from memory, like the prerendered pages.

Search is the one route where first-seen requests are common (people type), so a plain search
request is answered without the framework even the first time: the parameters are checked here
against the same vocabularies, the same function builds the answer and the route's own Pydantic
model serialises it (so the bytes cannot drift from FastAPI's). Anything unusual - a bad value, a
repeated parameter - goes to FastAPI, which gives the 422.

Only an explicit allow-list of catalog routes is served here, only GET and HEAD, and never a
request carrying credentials (Authorization or a cookie) or, when cross-origin calls are
allowed, an Origin header (the CORS layer must add its headers). Everything else passes through.

The cache is bounded twice: by entries and by bytes, least recently used first out, so random
queries can churn it but never grow it.
"""

from __future__ import annotations

import gzip
import re
from collections import OrderedDict
from typing import Any
from urllib.parse import parse_qsl

from pydantic import TypeAdapter

from forgefit.catalog import Catalog, ExerciseFilter
from forgefit.catalog.related import RELATED_COUNT
from forgefit.catalog.search import SearchIndex
from forgefit.web import api, schemas
from forgefit.web.etag import API_CACHE_CONTROL, body_etag, etag_matches
from forgefit.web.memory_first import MemoryAnswer

Scope = dict[str, Any]
Message = dict[str, Any]

# The GZip middleware's threshold in the FastAPI app: smaller bodies go out uncompressed.
GZIP_MIN_BYTES = 512
DEFAULT_MAX_ENTRIES = 4096
DEFAULT_MAX_BYTES = 16 * 1024 * 1024

# The catalog routes whose answers depend only on path and query (GET, no credentials).
CACHED_ROUTES = re.compile(
    r"/api/v1/(?:exercises(?:/[^/]+(?:/related|/substitutes)?)?|vocabularies|search|suggest)"
    r"|/exercisedb/exercises(?:/[^/]+){0,2}"
)
SEARCH_PATH = "/api/v1/search"
# These two echo every query parameter, in order, in their "next" link, so only requests with
# the same parameters in the same order (after decoding) share an answer.
ORDER_SENSITIVE = frozenset({"/api/v1/exercises", SEARCH_PATH})
# Headers that change the answer in ways this layer does not reproduce.
PASS_THROUGH_HEADERS = frozenset({b"authorization", b"cookie"})
# Headers the FastAPI app's answer must not see when it is made for the cache.
CONDITIONAL_HEADERS = frozenset({b"accept-encoding", b"if-none-match"})
EXERCISEDB_PAGING = {"limit": "10", "offset": "0"}


def route_parameters(path: str) -> dict[str, str | None] | None:
    """For an order-insensitive route: its query parameters, each with the default value that
    means the same as leaving it out (None: no such default). None for the order-sensitive
    routes, whose whole decoded query is the key."""
    if path in ORDER_SENSITIVE:
        return None
    if path.startswith("/exercisedb/"):
        if path.endswith("List") or path.startswith("/exercisedb/exercises/exercise/"):
            return {}
        return dict(EXERCISEDB_PAGING)
    if path == "/api/v1/suggest":
        return {"q": None, "limit": "8"}
    if path == "/api/v1/vocabularies":
        return {}
    if path.endswith("/related"):
        return {"limit": str(RELATED_COUNT)}
    if path.endswith("/substitutes"):
        return {"equipment": None, "injuries": None, "limit": "5"}
    return {}  # one exercise


CacheKey = tuple[str, bytes | tuple[tuple[str, str], ...]]


def cache_key(path: str, query_string: bytes) -> CacheKey:
    """Equivalent requests share a key: the query decoded (so `a+b`, `a%20b` and `%2b`-case
    variants agree), and for order-insensitive routes sorted by name (repeats keep their
    order), stripped of parameters the route ignores and of values equal to the default."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    known = route_parameters(path)
    if known is not None:
        pairs = sorted(
            (pair for pair in pairs if pair[0] in known and known[pair[0]] != pair[1]),
            key=lambda pair: pair[0],
        )
    # A tuple keeps path, names and values apart whatever characters they hold.
    return (path, tuple(pairs))


class CachedAnswer:
    """One answer as sent: identity and (for bodies worth compressing) gzip, with headers laid
    out exactly as the FastAPI app's ETag and GZip middleware lay them out. The gzip variant is
    made on first use, so a first-seen search does not pay for compressing an answer the client
    may never ask compressed."""

    __slots__ = ("_gzip", "body", "etag", "headers", "not_modified_headers", "size", "vary_origin")

    def __init__(self, body: bytes, *, vary_origin: bool = False) -> None:
        self.body = body
        self.vary_origin = vary_origin
        self.etag = body_etag(body)
        common = [
            (b"content-type", b"application/json"),
            (b"etag", self.etag),
            (b"cache-control", API_CACHE_CONTROL),
        ]
        headers = [*common, (b"content-length", str(len(body)).encode())]
        if self.compressible:
            # The GZip middleware says Vary whenever a body is big enough to compress, even to
            # a client that did not ask for gzip.
            headers.append((b"vary", b"Accept-Encoding"))
        self.not_modified_headers = self._with_vary_origin(common)
        self.headers = self._with_vary_origin(headers)
        self._gzip: tuple[bytes, list[tuple[bytes, bytes]]] | None = None
        # Bytes held once compressed (gzip is taken as at most the body's size) plus overhead.
        self.size = 2 * len(body) + 512

    @property
    def compressible(self) -> bool:
        return len(self.body) >= GZIP_MIN_BYTES

    def gzipped(self) -> tuple[bytes, list[tuple[bytes, bytes]]]:
        if self._gzip is None:
            body = gzip.compress(self.body, compresslevel=9, mtime=0)
            headers = [
                *self.not_modified_headers,
                (b"content-length", str(len(body)).encode()),
                (b"vary", b"Accept-Encoding"),
                (b"content-encoding", b"gzip"),
            ]
            self._gzip = (body, self._with_vary_origin(headers))
        return self._gzip

    def _with_vary_origin(self, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        """With cross-origin calls allowed, the CORS middleware adds Origin to Vary on every
        answer (in place when there is a Vary header, else at the end)."""
        if not self.vary_origin:
            return headers
        if not any(name == b"vary" for name, _ in headers):
            return [*headers, (b"vary", b"Origin")]
        return [(n, v + b", Origin" if n == b"vary" else v) for n, v in headers]


class AnswerCache:
    """Least-recently-used answers, bounded by count and by bytes."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self._answers: OrderedDict[CacheKey, tuple[CachedAnswer, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: CacheKey) -> CachedAnswer | None:
        entry = self._answers.get(key)
        if entry is None:
            return None
        self._answers.move_to_end(key)
        return entry[0]

    def put(self, key: CacheKey, answer: CachedAnswer, key_size: int) -> None:
        """`key_size`: the request's path and query length, counted against the byte bound."""
        size = answer.size + key_size
        if size > self.max_bytes or self.max_entries < 1 or key in self._answers:
            return
        self._answers[key] = (answer, size)
        self.bytes += size
        while len(self._answers) > self.max_entries or self.bytes > self.max_bytes:
            _, (_, old_size) = self._answers.popitem(last=False)
            self.bytes -= old_size


class FastSearch:
    """/api/v1/search without the framework, for requests whose parameters are plainly valid;
    None for anything else (FastAPI then answers, with its 422 where due)."""

    FILTERS = ("body_part", "equipment", "muscle", "difficulty", "category", "pattern")

    def __init__(self, catalog: Catalog, search_index: SearchIndex) -> None:
        vocab = catalog.vocab
        self.search_index = search_index
        self.vocab = vocab
        self.allowed = {
            "body_part": frozenset(vocab.body_parts),
            "equipment": frozenset(vocab.equipment),
            "muscle": frozenset(vocab.muscles),
            "difficulty": frozenset(vocab.difficulties),
            "category": frozenset(vocab.categories),
            "pattern": frozenset(vocab.patterns),
        }
        self.available = frozenset(vocab.equipment) | frozenset(vocab.equipment_presets)
        self.model: TypeAdapter[schemas.SearchResponse] = TypeAdapter(schemas.SearchResponse)

    @staticmethod
    def _number(text: str, low: int, high: int) -> int | None:
        if not text.isascii() or not text.isdigit() or (len(text) > 1 and text[0] == "0"):
            return None
        value = int(text)
        return value if low <= value <= high else None

    def answer(self, query_string: bytes) -> bytes | None:
        pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
        single: dict[str, str] = {}
        available: list[str] = []
        for name, value in pairs:
            if name == "available":
                if value not in self.available:
                    return None
                available.append(value)
            elif name in single:
                return None  # a repeated parameter: let FastAPI apply its rules
            else:
                single[name] = value
        q = single.get("q")
        if q is None or len(q) > api.MAX_QUERY_LENGTH:
            return None
        limit = self._number(single.get("limit", "20"), 1, api.MAX_LIMIT)
        offset = self._number(single.get("offset", "0"), 0, 1_000_000)
        if limit is None or offset is None:
            return None
        terms: dict[str, str | None] = {}
        for name in self.FILTERS:
            term = single.get(name)
            if term is not None and term not in self.allowed[name]:
                return None
            terms[name] = term
        filters = ExerciseFilter(
            body_part=terms["body_part"],
            equipment=terms["equipment"],
            muscle=terms["muscle"],
            difficulty=terms["difficulty"],
            category=terms["category"],
            pattern=terms["pattern"],
            available_equipment=(self.vocab.available_equipment(available) if available else None),
        )
        response = api.search_response(
            self.search_index,
            q,
            limit=limit,
            offset=offset,
            filters=filters,
            path=SEARCH_PATH,
            params=dict(pairs),
        )
        return self.model.dump_json(self.model.validate_python(response), by_alias=True)


def _first_header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""


class CachedApi:
    """ASGI layer in front of the FastAPI app (see the module docstring)."""

    def __init__(
        self,
        app: Any,
        catalog: Catalog,
        search_index: SearchIndex,
        *,
        cors: bool = False,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.app = app
        self.cors = cors
        self.cache = AnswerCache(max_entries, max_bytes)
        self.fast_search = FastSearch(catalog, search_index)

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return False
        if not CACHED_ROUTES.fullmatch(scope["path"]) or scope.get("root_path"):
            return False
        for name, _ in scope["headers"]:
            if name in PASS_THROUGH_HEADERS or (self.cors and name == b"origin"):
                return False
        return True

    def _remembered(self, scope: Scope) -> CachedAnswer | None:
        """The remembered answer to a cacheable request, or a first-seen plain search answered
        without the framework (then remembered); None when the app must be asked."""
        # Requests usually repeat byte for byte: look the raw request up first, and normalise
        # (which costs more than the lookup) only when that misses.
        query: bytes = scope["query_string"]
        raw_key: CacheKey = (scope["path"], query)
        key_size = len(scope["path"]) + len(query)
        answer = self.cache.get(raw_key)
        if answer is not None:
            return answer
        key = cache_key(scope["path"], query)
        answer = self.cache.get(key)
        if answer is None and scope["path"] == SEARCH_PATH:
            body = self.fast_search.answer(query)
            if body is not None:
                answer = CachedAnswer(body, vary_origin=self.cors)
                self.cache.put(key, answer, key_size)
        if answer is not None:
            self.cache.put(raw_key, answer, key_size)
        return answer

    def from_memory(self, scope: Scope) -> MemoryAnswer | None:
        """The answer when it needs no app: see `_remembered`."""
        if not self._cacheable(scope):
            return None
        answer = self._remembered(scope)
        return None if answer is None else self._answer(scope, answer)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        answer = self._remembered(scope)
        if answer is None:
            body = await self._ask_app(scope, receive, send)
            if body is None:
                return  # the app has answered (an error, or something not cacheable)
            answer = CachedAnswer(body, vary_origin=self.cors)
            query: bytes = scope["query_string"]
            key_size = len(scope["path"]) + len(query)
            self.cache.put(cache_key(scope["path"], query), answer, key_size)
            self.cache.put((scope["path"], query), answer, key_size)
        await self._answer(scope, answer).send(send)

    async def _ask_app(self, scope: Scope, receive: Any, send: Any) -> bytes | None:
        """The app's plain GET answer's body when it is a cacheable 200 JSON answer; otherwise
        the request is answered by the app (as it would have been without this layer), None."""
        plain_headers = [h for h in scope["headers"] if h[0] not in CONDITIONAL_HEADERS]
        plain = {**scope, "method": "GET", "headers": plain_headers}
        messages: list[Message] = []

        async def keep(message: Message) -> None:
            messages.append(message)

        try:
            await self.app(plain, receive, keep)
        except Exception:
            await self._replay(scope, receive, send, messages)
            raise
        start = messages[0] if messages else {}
        sent = dict(start.get("headers", []))
        bodies = [m for m in messages[1:] if m["type"] == "http.response.body"]
        if (
            start.get("status") == 200
            and sent.get(b"content-type", b"").startswith(b"application/json")
            and b"content-encoding" not in sent
            and sent.get(b"cache-control") == API_CACHE_CONTROL
        ):
            return b"".join(m.get("body", b"") for m in bodies)
        await self._replay(scope, receive, send, messages)
        return None

    async def _replay(self, scope: Scope, receive: Any, send: Any, messages: list[Message]) -> None:
        """Send the app's answer to the plain request if it is what the real request would get;
        otherwise (HEAD, conditional or compressible request) ask the app again."""
        if not messages:
            return
        if scope["method"] != "GET" or plain_differs(scope):
            await self.app(scope, receive, send)
            return
        for message in messages:
            await send(message)

    def _answer(self, scope: Scope, answer: CachedAnswer) -> MemoryAnswer:
        if_none_match = b""
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = bytes(value)  # the ETag middleware reads the last one
        if if_none_match and etag_matches(if_none_match, answer.etag):
            return MemoryAnswer(304, answer.not_modified_headers, b"")
        body, headers = answer.body, answer.headers
        if answer.compressible and b"gzip" in _first_header(scope, b"accept-encoding"):
            body, headers = answer.gzipped()
        return MemoryAnswer(200, headers, b"" if scope["method"] == "HEAD" else body)


def plain_differs(scope: Scope) -> bool:
    return any(name in CONDITIONAL_HEADERS for name, _ in scope["headers"])
