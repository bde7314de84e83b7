"""The ASGI application: every route, Django's HTML 404 elsewhere (no slash redirects), and the fault switch."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp

from . import routes, views_auth, views_projects, views_server, views_users
from .faults import FaultMiddleware, FaultPlan
from .http import html_not_found, html_server_error
from .second_user import SecondUser, SecondUserMiddleware
from .state import SandboxState


async def _not_found(request: Request, exc: Exception) -> Response:
    return html_not_found()


async def _server_error(request: Request, exc: Exception) -> Response:
    return html_server_error()


def build_app(state: SandboxState, faults: FaultPlan, second_user: SecondUser | None = None) -> ASGIApp:
    """The sandbox as an ASGI app over ``state``, with ``faults`` applied first, then ``second_user``'s writes."""
    table = [*views_auth.ROUTES, *views_users.ROUTES, *routes.ROUTES, *views_projects.ROUTES, *views_server.ROUTES]
    app = Starlette(
        routes=table,
        exception_handlers={HTTPException: _not_found, 404: _not_found, 500: _server_error},
    )
    app.router.redirect_slashes = False  # Django: a trailing slash is a 404, never a redirect
    app.state.sandbox = state
    inner: ASGIApp = app if second_user is None else SecondUserMiddleware(app, second_user, state)
    return FaultMiddleware(inner, faults)
