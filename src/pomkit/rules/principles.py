"""POM6xx: principles — each declared principle is evidenced by the model."""

from __future__ import annotations
