"""A local server that speaks CVAT v1.1's REST API, with sample data: for ``annodesk --demo`` and the tests.

No Qt and no GUI imports here: it runs in-process (:class:`SandboxServer`) or as ``annodesk-sandbox``.
"""

from .faults import FaultPlan
from .server import NotLoopback, SandboxServer

__all__ = ["FaultPlan", "NotLoopback", "SandboxServer"]
