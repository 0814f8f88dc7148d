"""Checkers for the exercises of notebook 05."""

from __future__ import annotations
