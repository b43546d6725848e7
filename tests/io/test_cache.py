"""lihua's cache folder: a Table answers as the mapping it was written from, and a damaged one is refused."""

from __future__ import annotations

import pytest

from lihua.io.cache import cache_dir, read_table, write_table

MAPPING = {f"word{n}": (n, {"VERB": ("go", "went")}) for n in range(5000)} | {"café": 1.5, "": None}


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LIHUA_HOME", str(tmp_path))


def test_a_table_gives_back_every_value_and_nothing_else() -> None:
    write_table("words.table", MAPPING)
    table = read_table("words.table")
    assert table is not None
    assert all(
        table.get(key) == value and table[key] == value and key in table for key, value in MAPPING.items()
    )
    assert table.get("absent") is None and table.get("absent", {}) == {} and "absent" not in table
    with pytest.raises(KeyError):
        table["absent"]


def test_a_missing_table_is_none() -> None:
    assert read_table("nothing.table") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"not a table",
        lambda data: data[:-1],
        lambda data: data[:-4] + bytes(4),
        lambda data: data[:40] + bytes([data[40] ^ 1]) + data[41:],
    ],
)
def test_a_damaged_table_is_none(damage) -> None:
    write_table("words.table", MAPPING)
    path = cache_dir() / "words.table"
    original = path.read_bytes()
    damaged = damage(original)
    assert damaged != original
    path.write_bytes(damaged)
    assert read_table("words.table") is None
