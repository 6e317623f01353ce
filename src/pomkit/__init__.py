"""pomkit: keep a Product Operating Model as code."""

from __future__ import annotations

__version__ = "0.1.0"
