"""``CvatClient``: an async client for the CVAT v1 REST API over one shared ``httpx.AsyncClient``."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import TracebackType
from typing import Any, TypeVar

import httpx
import msgspec

from . import errors
from .annotation_transfer import AnnotationTransfer
from .bounded import ProgressDeadline, read_capped
from .compact import share_repeated_strings
from .defaults import BULK_PAGE_SIZE, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, MAX_ANSWER_BYTES
from .models import (
    AuthToken,
    DataMeta,
    Job,
    Page,
    RegisteredUser,
    ServerAbout,
    Task,
    User,
)
from .projects import ProjectCalls
from .responses import decode, raise_for_status
from .task_data import TaskData
from .task_editing import TaskEditing
from .unset import UNSET, _Unset
from .urls import api_root

log = logging.getLogger(__name__)
T = TypeVar("T")


def _no_cookies() -> CookieJar:
    """A jar that refuses every cookie.

    CVAT sets session + CSRF cookies on every token request; keeping them would authenticate later
    token-less requests by session and make them fail CSRF. We authenticate with the token alone.
    """
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``headers`` safe to log: credentials and cookies replaced by ``<redacted>``."""
    secret = {"authorization", "cookie", "set-cookie", "x-csrftoken", "proxy-authorization"}
    return {k: ("<redacted>" if k.lower() in secret else v) for k, v in headers.items()}


class CvatClient(TaskEditing, TaskData, AnnotationTransfer, ProjectCalls):
    """An async CVAT v1 client. Use as ``async with CvatClient(url, token) as client: ...``.

    ``base_url`` is the server address (``https://cvat.example.com``; ``/api/v1`` is added when missing).
    All requests share one connection pool. TLS verification is on; ``verify`` may name a CA bundle.

    Bounds: ``timeout`` is per read (and write); a request as a whole (connect and the whole answer) ends
    :attr:`deadline` seconds after it started (twice ``timeout``); uploads and downloads, which may rightly take
    long, end when :attr:`transfer_window` seconds (four times ``timeout``) pass with no chunk going out or coming
    in. A JSON answer over ``max_answer_bytes`` (64 MB) is not read: :class:`~annodesk.api.errors.AnswerTooLarge`.
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        verify: bool | str = True,
        max_concurrency: int = DEFAULT_CONCURRENCY,
        transport: httpx.AsyncBaseTransport | None = None,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self.server_url, api_url = api_root(base_url)
        self.max_answer_bytes = max(1, int(max_answer_bytes))
        self._token: str | None = None
        self._max_concurrency = max(1, max_concurrency)
        self._server_version: tuple[int, ...] | None = None
        self._http = httpx.AsyncClient(
            base_url=api_url,
            headers={"Accept": "application/json", "User-Agent": "annodesk"},
            verify=tls_verification(verify),
            follow_redirects=False,
            cookies=_no_cookies(),
            limits=httpx.Limits(max_connections=self._max_concurrency + 2, max_keepalive_connections=8),
            transport=transport,
        )
        self.timeout = timeout
        self.token = token

    # -- lifecycle -------------------------------------------------------------------------------

    async def __aenter__(self) -> CvatClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def add_response_hook(self, hook: Callable[[httpx.Response], Awaitable[None]]) -> None:
        """Call ``hook(response)`` for every answer this client receives, before it is read or checked."""
        self._http.event_hooks["response"].append(hook)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    @property
    def timeout(self) -> float:
        """Seconds a request may take (reading, writing, waiting for the pool); connecting: at most 10 s."""
        return float(self._http.timeout.read or 0)

    @timeout.setter
    def timeout(self, seconds: float) -> None:
        self._http.timeout = httpx.Timeout(seconds, connect=min(seconds, 10.0))

    @property
    def deadline(self) -> float:
        """Seconds an ordinary request may take as a whole: connecting, sending, and reading the whole answer."""
        return 2 * self.timeout

    @property
    def transfer_window(self) -> float:
        """Seconds an upload or a download may go without a chunk going out or coming in."""
        return 4 * self.timeout

    @property
    def token(self) -> str | None:
        """The API token in use, or ``None`` when signed out."""
        return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        self._token = value or None
        if self._token:
            self._http.headers["Authorization"] = f"Token {self._token}"
        else:
            self._http.headers.pop("Authorization", None)

    # -- transport -------------------------------------------------------------------------------

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        content: Any = None,
        headers: Mapping[str, str] | None = None,
        check: bool = True,
    ) -> httpx.Response:
        """Send one request; map transport failures (and, with ``check``, non-2xx answers) to typed errors."""
        clean_params = {k: v for k, v in (params or {}).items() if v is not None}
        request = self._http.build_request(
            method, path, params=clean_params or None, json=json, content=content, headers=headers
        )
        deadline = ProgressDeadline(self.deadline)
        try:
            async with deadline:
                streamed = await self._http.send(request, stream=True)
                response = await read_capped(streamed, self.max_answer_bytes, self.server_url)
        except httpx.TransportError as exc:
            raise self._transport_error(exc) from None
        except TimeoutError:
            if not deadline.expired:
                raise
            raise self._timed_out() from None
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s -> %s (request headers %s)",
                method,
                response.request.url,
                response.status_code,
                redact_headers(response.request.headers),
            )
        if check:
            raise_for_status(response)
        return response

    def _transport_error(self, exc: Exception) -> errors.NetworkError:
        """The typed error for an httpx transport failure (``detail``: the low-level reason, for the UI to quote)."""
        reason = _reason(exc)
        if isinstance(exc, httpx.TimeoutException):
            return self._timed_out()
        if isinstance(exc, httpx.ConnectError) and _certificate_failure(exc):
            return errors.CertificateNotTrusted(
                f"The certificate of {self.server_url} is not trusted ({reason}).", detail=reason
            )
        if isinstance(exc, httpx.ConnectError | httpx.UnsupportedProtocol):
            return errors.ServerUnreachable(f"Cannot reach the server at {self.server_url} ({reason}).", detail=reason)
        return errors.NetworkError(f"The connection to {self.server_url} broke ({reason}).", detail=reason)

    def _timed_out(self) -> errors.RequestTimeout:
        return errors.RequestTimeout(f"The server at {self.server_url} did not answer in time.")

    async def _get(self, path: str, model: type[T], what: str, params: Mapping[str, Any] | None = None) -> T:
        """GET ``path`` and decode the answer into ``model`` (``what`` names it in error messages)."""
        response = await self._request("GET", path, params=params)
        return decode(response, model, what)

    # -- authentication --------------------------------------------------------------------------

    async def login(self, username: str, password: str) -> str:
        """Sign in; return the API token and use it from now on. Wrong credentials: BadCredentials."""
        self.token = None
        try:
            response = await self._request("POST", "auth/login", json={"username": username, "password": password})
        except errors.InvalidInput as exc:
            raise errors.BadCredentials(
                "; ".join(m for msgs in exc.field_errors.values() for m in msgs) or exc.message,
                field_errors=exc.field_errors,
                detail=exc.detail,
            ) from None
        except errors.NotFound:
            raise errors.NotCvatServer(
                f"{self.server_url} answers, but has no CVAT sign-in (/api/v1/auth/login)."
            ) from None
        token = decode(response, AuthToken, "sign-in answer").key
        self.token = token
        return token

    async def logout(self) -> None:
        """Sign out on the server (revokes the token for every client) and forget the token.

        A token the server no longer knows counts as already signed out.
        """
        try:
            if self.token:
                await self._request("POST", "auth/logout")
        except errors.NotAuthenticated:
            pass
        finally:
            self.token = None

    async def register(
        self,
        username: str,
        first_name: str,
        last_name: str,
        email: str,
        password1: str,
        password2: str,
    ) -> RegisteredUser:
        """Create an account. Field errors come back in ``InvalidInput.field_errors``.

        The server answers without a token: call :meth:`login` next to sign in.
        Empty names and e-mail are omitted (CVAT rejects ``""`` but accepts a missing key).
        """
        self.token = None
        body: dict[str, str] = {"username": username, "password1": password1, "password2": password2}
        for key, value in (("first_name", first_name), ("last_name", last_name), ("email", email)):
            if value:
                body[key] = value
        response = await self._request("POST", "auth/register", json=body)
        return decode(response, RegisteredUser, "registration answer")

    # -- users -----------------------------------------------------------------------------------

    async def current_user(self) -> User:
        """The signed-in user (``users/self``); NotAuthenticated if the token is not valid."""
        return await self._get("users/self", User, "user profile")

    async def get_user(self, user_id: int) -> User:
        """One user (full fields for yourself or for staff, basic fields otherwise)."""
        return await self._get(f"users/{int(user_id)}", User, "user")

    async def list_users(self) -> tuple[User, ...]:
        """Every user, in one request (``page_size=all``), as the web UI does to name owners."""
        page = await self._get("users", Page[User], "user list", {"page_size": "all"})
        return page.results

    async def change_password(self, old_password: str, new_password1: str, new_password2: str) -> str:
        """``auth/password/change``; the token stays valid. Field errors come back in ``InvalidInput.field_errors``
        (``old_password``, ``new_password2``). Returns the server's confirmation."""
        body = {"old_password": old_password, "new_password1": new_password1, "new_password2": new_password2}
        response = await self._request("POST", "auth/password/change", json=body)
        answer = _json_dict(response)
        return str(answer.get("detail", ""))

    async def update_user(self, user_id: int, **fields: str) -> User:
        """``PATCH users/{id}`` with ``fields`` (CVAT v1.1: a non-staff user may change their own first/last name and
        username; e-mail and groups only staff). Returns the server's copy (basic fields for non-staff)."""
        response = await self._request("PATCH", f"users/{int(user_id)}", json=fields)
        return decode(response, User, "user")

    # -- tasks -----------------------------------------------------------------------------------

    async def list_tasks(
        self,
        page: int = 1,
        page_size: int = 10,
        search: str | None = None,
        ordering: str | Iterable[str] | None = None,
        **filters: str | int | None,
    ) -> Page[Task]:
        """One page of the tasks the user may see, newest first unless ``ordering`` says otherwise.

        ``filters``: ``name``, ``owner``, ``assignee``, ``mode``, ``status``, ``project`` (substring),
        ``id``, ``project_id`` (exact). ``ordering``: ``"name"``, ``"-id"`` or several of them.
        """
        if page < 1 or page_size < 1:
            raise ValueError("page and page_size start at 1")
        params: dict[str, Any] = {"page": page, "page_size": page_size}
        if search:
            params["search"] = search
        if ordering:
            params["ordering"] = ordering if isinstance(ordering, str) else ",".join(ordering)
        params.update({k: v for k, v in filters.items() if v not in (None, "")})
        result: Page[Task] = await self._get("tasks", Page[Task], "task list", params)
        share_repeated_strings(result.results)  # ~1.5 KB less per task (benchmarks/probes/memory.py)
        return msgspec.structs.replace(result, page=page, page_size=page_size)

    async def iter_all_tasks(
        self,
        page_size: int = BULK_PAGE_SIZE,
        *,
        search: str | None = None,
        ordering: str | Iterable[str] | None = None,
        concurrency: int | None = None,
        **filters: str | int | None,
    ) -> AsyncIterator[Task]:
        """Every visible task, in server order, fetching pages concurrently (bounded).

        The first page gives the count; the others are fetched by at most ``concurrency`` requests at once, never
        more pages ahead of the one being yielded (a server claiming 10^9 tasks costs no more than one with 10^4),
        and yielded in page order as soon as each one's turn comes; an empty page ends the list. A task that moves
        between pages while this runs is yielded once. Pages hold 500 tasks unless told otherwise: CVAT has no page
        cap, and 20 requests for 10,000 tasks load them ~20% faster than 100 (benchmarks/probes/load_all.py).
        """
        ahead = max(1, concurrency or self._max_concurrency)
        first = await self.list_tasks(1, page_size, search, ordering, **filters)
        numbers = iter(range(2, first.page_count + 1))
        pending: deque[asyncio.Future[Page[Task]]] = deque()
        seen: set[int] = set()

        def ask_ahead() -> None:
            """Keep ``ahead`` pages asked for: the work in flight is bounded, whatever count the server claims."""
            while len(pending) < ahead and (number := next(numbers, None)) is not None:
                pending.append(asyncio.ensure_future(self.list_tasks(number, page_size, search, ordering, **filters)))

        try:
            result: Page[Task] | None = first
            while result is not None:
                ask_ahead()
                for task in result.results:
                    if task.id not in seen:
                        seen.add(task.id)
                        yield task
                if not result.results:
                    return  # an empty page: the server claimed more tasks than it has
                result = await pending.popleft() if pending else None
        finally:
            for future in pending:
                future.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)

    async def get_task(self, task_id: int) -> Task:
        """One task with its labels and segments."""
        return await self._get(f"tasks/{int(task_id)}", Task, "task")

    async def task_jobs(self, task_id: int) -> tuple[Job, ...]:
        """All jobs of a task (``tasks/{id}/jobs``), ordered by id."""
        jobs = await self._get(f"tasks/{int(task_id)}/jobs", tuple[Job, ...], "job list")
        return tuple(sorted(jobs, key=lambda job: job.id))

    async def task_data_meta(self, task_id: int) -> DataMeta:
        """Frame sizes and names of a task's media."""
        return await self._get(f"tasks/{int(task_id)}/data/meta", DataMeta, "media information")

    async def task_preview(self, task_id: int) -> bytes:
        """The task's preview thumbnail (JPEG bytes)."""
        response = await self._request("GET", f"tasks/{int(task_id)}/data", params={"type": "preview"})
        return response.content

    # -- jobs ------------------------------------------------------------------------------------

    async def get_job(self, job_id: int) -> Job:
        """One job."""
        return await self._get(f"jobs/{int(job_id)}", Job, "job")

    async def update_job(
        self,
        job_id: int,
        status: str | None = None,
        assignee: int | _Unset | None = UNSET,
    ) -> Job:
        """Change a job's status and/or assignee (``None`` unassigns); return the updated job."""
        body: dict[str, Any] = {}
        if status is not None:
            body["status"] = status
        if not isinstance(assignee, _Unset):
            key = "assignee_id" if await self._server_at_least(1, 2) else "assignee"
            body[key] = assignee
        if not body:
            return await self.get_job(job_id)
        response = await self._request("PATCH", f"jobs/{int(job_id)}", json=body)
        return decode(response, Job, "job")

    # -- server ----------------------------------------------------------------------------------

    async def server_about(self) -> ServerAbout:
        """Name and version of the server (``server/about``)."""
        about: ServerAbout = await self._get("server/about", ServerAbout, "server information")
        self._server_version = about.version_tuple
        return about

    async def _server_at_least(self, *version: int) -> bool:
        if self._server_version is None:
            await self.server_about()
        return (self._server_version or ()) >= version


def tls_verification(verify: bool | str) -> ssl.SSLContext | bool:
    """What httpx needs for ``verify``: ``True`` (the default CAs) or a context trusting the CA bundle ``verify``.

    A bundle that cannot be loaded raises :class:`~annodesk.api.errors.CaBundleError`.
    """
    if not isinstance(verify, str):
        return verify
    try:
        return ssl.create_default_context(cafile=verify)
    except (OSError, ssl.SSLError, ValueError) as exc:
        raise errors.CaBundleError(
            f"The CA certificate file {verify} cannot be used ({_reason(exc)}).", detail=_reason(exc)
        ) from None


def _certificate_failure(exc: BaseException) -> bool:
    """Whether a connection failed because the server's certificate was not trusted."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


def _json_dict(response: httpx.Response) -> dict[str, Any]:
    """The answer's JSON object, or an empty dict when it is something else."""
    try:
        body = msgspec.json.decode(response.content)
    except msgspec.DecodeError:
        return {}
    return body if isinstance(body, dict) else {}
