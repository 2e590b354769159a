"""Paths of the saved real samples the parser tests read."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def samples() -> Path:
    return Path(__file__).resolve().parents[2] / "samples"
