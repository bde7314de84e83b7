"""annodesk: a native desktop client for CVAT v1 annotation servers."""

__version__ = "0.1.0"
