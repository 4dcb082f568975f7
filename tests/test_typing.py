"""The package ships ``py.typed``, so it must type-check: mypy over ``newsarchive/`` finds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_type_checks(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is a test extra (pip install -e '.[test]')")
    # The project's [tool.mypy] settings apply; a fresh cache keeps the result independent of earlier runs.
    out, err, status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "mypy-cache"), str(ROOT / "newsarchive")]
    )
    assert status == 0, out + err
