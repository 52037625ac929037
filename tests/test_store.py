from pathlib import Path

import pytest

from skillgraph.errors import StoreError
from skillgraph.store import current_release, open_store, release_lock


def test_no_store_yet_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graph has been built yet"):
        open_store(tmp_path)


def test_a_dangling_current_link_is_reported(tmp_path: Path) -> None:
    (tmp_path / "current").symlink_to(tmp_path / "releases" / "gone")
    with pytest.raises(StoreError, match="missing release"):
        current_release(tmp_path)


def test_two_builds_cannot_hold_the_lock(tmp_path: Path) -> None:
    with release_lock(tmp_path):
        with pytest.raises(StoreError, match="another build is running"):
            with release_lock(tmp_path):
                pass
