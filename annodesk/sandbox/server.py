"""``SandboxServer``: the sandbox in a background thread of this process (uvicorn), for the app and tests."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading
from pathlib import Path
from types import TracebackType

import uvicorn

from .app import build_app
from .db import Database
from .faults import FaultPlan
from .limits import Limits
from .recovery import recover_interrupted
from .second_user import SecondUser
from .seed import seed
from .state import SandboxState

DATABASE_NAME = "sandbox.sqlite3"


class NotLoopback(ValueError):
    """Refusal to listen on an address other machines can reach."""


def check_loopback(host: str) -> None:
    """Raise :class:`NotLoopback` unless ``host`` is a loopback address or ``localhost``."""
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise NotLoopback(
            f"Refusing to listen on {host}: the sandbox only binds to a loopback address (127.0.0.1) unless "
            "started with --allow-remote."
        )


class SandboxServer:
    """A CVAT v1.1-compatible server on ``host:port`` (port 0: a free one), data in ``data_dir``."""

    def __init__(
        self,
        data_dir: Path | str,
        host: str = "127.0.0.1",
        port: int = 0,
        seed_tasks: int = 0,
        admin: tuple[str, str] | None = None,
        anon_throttle: int = 100,
        seed_sample: bool = True,
        allow_remote: bool = False,
        ssl_certfile: Path | str | None = None,
        ssl_keyfile: Path | str | None = None,
        limits: Limits | None = None,
        forwarded_allow_ips: str | None = None,
    ) -> None:
        if not allow_remote:
            check_loopback(host)
        self.data_dir = Path(data_dir)
        self.host = host
        self._requested_port = port
        self.port = port
        self.ssl_certfile = ssl_certfile
        self.ssl_keyfile = ssl_keyfile
        # X-Forwarded-For / -Proto are believed only from these proxy addresses (None: never): a client on
        # loopback must not pick the address the anonymous throttle counts.
        self.forwarded_allow_ips = forwarded_allow_ips
        self.faults = FaultPlan()
        self.faults.on_refuse = self._refuse_connections
        self.second_user = SecondUser()  # test-only: another user's writes at chosen moments
        self._paused = False  # stopped by a "refuse" fault; listens again when the fault is cleared
        self.db = Database(self.data_dir / DATABASE_NAME)
        seed(self.db, with_samples=seed_sample, generate=seed_tasks)
        self.state = SandboxState.open(self.db, anon_throttle, host, self.data_dir, limits)
        recover_interrupted(self.state)
        if admin is not None:
            self.state.accounts.ensure_superuser(*admin)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def store(self) -> SandboxState:
        """The server's data (accounts, tasks), for tests that change it behind the API's back."""
        return self.state

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (``https://`` when serving TLS)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        scheme = "https" if self.ssl_certfile else "http"
        return f"{scheme}://{host}:{self.port}"

    def start(self) -> SandboxServer:
        """Listen and serve in a daemon thread; return once connections are accepted."""
        if self._thread is not None:
            return self
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # proto IPPROTO_TCP (not 0): asyncio only sets TCP_NODELAY on accepted sockets of a socket created so;
        # without it, small answers on a kept-alive connection wait ~40 ms for the client's delayed ACK (Nagle).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._requested_port))
        sock.listen(128)
        self.port = sock.getsockname()[1]
        self._requested_port = self.port  # a restart comes back on the same port
        self.faults.released.clear()
        config = uvicorn.Config(
            build_app(self.state, self.faults, self.second_user),
            log_level="warning",
            access_log=False,
            lifespan="off",
            loop="asyncio",
            http="h11",
            proxy_headers=self.forwarded_allow_ips is not None,
            forwarded_allow_ips=self.forwarded_allow_ips or "",
            timeout_graceful_shutdown=2,
            ssl_certfile=str(self.ssl_certfile) if self.ssl_certfile else None,
            ssl_keyfile=str(self.ssl_keyfile) if self.ssl_keyfile else None,
        )
        self._server = uvicorn.Server(config)
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, args=(self._server, sock, ready), name="annodesk-sandbox", daemon=True
        )
        self._thread.start()
        if not ready.wait(30):
            raise RuntimeError("the sandbox server did not start")
        return self

    @staticmethod
    def _serve(server: uvicorn.Server, sock: socket.socket, ready: threading.Event) -> None:
        async def main() -> None:
            serving = asyncio.create_task(server.serve(sockets=[sock]))
            while not server.started and not serving.done():
                await asyncio.sleep(0.01)
            ready.set()
            await serving

        try:
            # A plain selector loop of its own: never the GUI's (qasync installs a global loop policy).
            with asyncio.Runner(loop_factory=asyncio.SelectorEventLoop) as runner:
                runner.run(main())
        finally:
            ready.set()
            sock.close()

    def stop(self) -> None:
        """Stop serving (hanging requests are released); safe to call twice. ``start()`` may follow."""
        if self._server is None or self._thread is None:
            return
        self.faults.released.set()
        self._server.should_exit = True
        self._thread.join(timeout=15)
        self._server = None
        self._thread = None

    def _refuse_connections(self, refuse: bool) -> None:
        """The "refuse" fault: stop listening (new connections are refused), or listen again on the same port."""
        if refuse and self._thread is not None:
            self.stop()
            self._paused = True
        elif not refuse and self._paused:
            self._paused = False
            self.start()

    def close(self) -> None:
        """Stop, end the background worker and close the database."""
        self._paused = False
        self.stop()
        self.state.worker.stop()
        self.db.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
