"""DRF's request cycle for one route: host check, authentication, permission, throttle, method dispatch."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .accounts import SESSION_AGE, Account
from .authn import Identity, authenticate, require_user
from .fields import storable
from .http import (
    ApiError,
    PayloadTooLarge,
    html_bad_request,
    html_server_error,
    json_response,
    limit_body,
    method_not_allowed,
    not_found,
    too_large_response,
)
from .metadata import TASK_FIELDS, options_body
from .permissions import can_create_task
from .state import SandboxState

log = logging.getLogger(__name__)

ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
CSRF_AGE = 31_449_600  # one year


@dataclass
class Call:
    """Everything a view needs about the request it answers."""

    request: Request
    state: SandboxState
    identity: Identity

    @property
    def user(self) -> Account:
        """The authenticated user (views behind ``public=False`` always have one)."""
        return require_user(self.identity)

    @property
    def api_root(self) -> str:
        """``http://host:port/api/v1``, from the request's Host header, for absolute ``url`` fields."""
        return f"{self.request.url.scheme}://{self.request.url.netloc}/api/v1"

    def int_param(self, name: str) -> int:
        """A numeric path parameter; a non-numeric id is DRF's JSON 404."""
        try:
            number = int(self.request.path_params[name])
        except ValueError:
            raise not_found() from None
        if not storable(number):
            raise not_found()  # no object has an id past the database's integers
        return number

    def start_session(self, user_id: int) -> None:
        """Log the user in to a browser session (Django's ``login()``): cookies on the answer."""
        session, csrf = self.state.accounts.new_session(user_id)
        self.identity.cookies = {"sessionid": session, "csrftoken": csrf}


Handler = Callable[[Call], Awaitable[Any]]


def api_view(
    handlers: dict[str, Handler], *, public: bool = False, path: str = ""
) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette endpoint running DRF's cycle, then ``handlers[method]``; JSON bodies by default."""
    if "GET" in handlers:
        handlers = {"HEAD": handlers["GET"], **handlers}
    if "OPTIONS" not in handlers:

        async def options(call: Call) -> dict[str, Any]:
            fields = TASK_FIELDS if path == "tasks" and can_create_task(call.user) else None
            return options_body(path, fields)

        handlers = {**handlers, "OPTIONS": options}

    async def endpoint(request: Request) -> Response:
        started = time.perf_counter()
        state: SandboxState = request.app.state.sandbox
        if request.url.hostname not in state.allowed_hosts:
            return html_bad_request()
        identity = Identity()
        address = request.client.host if request.client else ""
        try:
            identity = _authenticate(request, state, address)
            if not public:
                require_user(identity)
            if identity.user is None:
                state.throttle.check(address)
            limits = state.limits
            request = limit_body(request, limits.body if identity.user is not None else limits.anonymous_body)
            handler = handlers.get(request.method)
            if handler is None:
                raise method_not_allowed(request.method)
            result = await handler(Call(request, state, identity))
        except PayloadTooLarge:
            response = too_large_response()
        except ApiError as error:
            response = json_response(error.body, error.status, error.headers)
        except Exception:  # Django's handler: log it, answer the bare 500 page, keep the connection
            log.exception("%s %s failed", request.method, request.url.path)
            response = html_server_error()
        else:
            response = result if isinstance(result, Response) else json_response(result)
        _set_cookies(response, identity.cookies)
        # The server's own time for this answer (routing to body encoded), so benchmarks can tell server from client.
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.3f}"
        return response

    return endpoint


def _authenticate(request: Request, state: SandboxState, address: str) -> Identity:
    """:func:`authenticate`; HTTP Basic guesses are throttled per address like anonymous requests (a blocked
    address gets 429 before its password is checked, so a right guess cannot be told from a wrong one)."""
    basic = request.headers.get("authorization", "").partition(" ")[0].lower() == "basic"
    if basic:
        state.auth_failures.check_open(address)
    try:
        return authenticate(request, state.accounts)
    except ApiError as error:
        if basic and error.status == 401:
            state.auth_failures.record(address)
        raise


def _set_cookies(response: Response, cookies: dict[str, str]) -> None:
    if "csrftoken" in cookies:
        response.set_cookie("csrftoken", cookies["csrftoken"], max_age=CSRF_AGE, samesite="lax")
    if "sessionid" in cookies:
        response.set_cookie("sessionid", cookies["sessionid"], max_age=SESSION_AGE, httponly=True, samesite="lax")


def route(path: str, handlers: dict[str, Handler], *, public: bool = False) -> Route:
    """A route under ``/api/v1/`` that takes every method (DRF answers unknown ones with a JSON 405)."""
    return Route(f"/api/v1/{path}", api_view(handlers, public=public, path=path), methods=ALL_METHODS)
