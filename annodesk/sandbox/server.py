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
    ) -> None:
        if not allow_remote:
            check_loopback(host)
        self.data_dir = Path(data_dir)
        self.host = host
        self._requested_port = port
        self.port = port
        self.faults = FaultPlan()
        self.db = Database(self.data_dir / DATABASE_NAME)
        seed(self.db, with_samples=seed_sample, generate=seed_tasks)
        self.state = SandboxState.open(self.db, anon_throttle, host)
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
        """``http://127.0.0.1:PORT``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

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
            build_app(self.state, self.faults),
            log_level="warning",
            access_log=False,
            lifespan="off",
            loop="asyncio",
            http="h11",
            timeout_graceful_shutdown=2,
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

    def close(self) -> None:
        """Stop and close the database."""
        self.stop()
        self.db.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
