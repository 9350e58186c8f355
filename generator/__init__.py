"""Servicefinder: YAML service descriptions to an accessible static website."""

from __future__ import annotations

__version__ = "0.1.0"
