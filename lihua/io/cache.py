"""lihua's cache folder: copies of data that are slow to rebuild, never anything a user wrote.

`$LIHUA_HOME/cache` when LIHUA_HOME is set, else the platform's user cache folder. Entries are
plain data in `marshal` files (dicts, tuples, strings — no code), written atomically; an entry
that is missing, damaged or unwritable is simply rebuilt, so deleting the folder is always safe.

A big word table (lemminflect's lexicon, wordfreq's list: 300 000 words each) is kept as a
`Table` instead: its keys hashed into buckets, each bucket a small marshal blob read only when a
word in it is looked up, so a cold run pays for the few hundred words a letter has, not for all.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
import tempfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_TABLE_MAGIC = b"LIHUA-TABLE-1\n"
_TABLE_HEAD = struct.Struct("<II")  # bucket count, CRC-32 of everything after the head
_KEYS_PER_BUCKET = 16


def cache_dir() -> Path:
    home = os.environ.get("LIHUA_HOME")
    if home:
        return Path(home) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("lihua"))


def read_entry(name: str) -> Any | None:
    """The cached value, or None when there is none usable."""
    try:
        return marshal.loads((cache_dir() / name).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_entry(name: str, value: Any) -> None:
    """Store `value` (plain data); quietly does nothing where the cache cannot be written."""
    try:
        data = marshal.dumps(value)
    except ValueError:  # not plain data: a programming error, but never worth failing a grade for
        return
    _write_bytes(name, data)


def _bucket(key: str, buckets: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


class Table:
    """A read-only str-keyed mapping of plain values, decoded one bucket at a time (see write_table)."""

    def __init__(self, data: bytes, start: int, offsets: tuple[int, ...]) -> None:
        self._data, self._start, self._offsets = (
            data,
            start,
            offsets,
        )  # bucket i: data[start + offsets[i]:…[i + 1]]
        self._decoded: dict[int, dict[str, Any]] = {}

    def _bucket_of(self, key: str) -> dict[str, Any]:
        index = _bucket(key, len(self._offsets) - 1)
        found = self._decoded.get(index)
        if found is None:  # two threads may both decode a bucket: the same value, harmless
            begin, end = self._start + self._offsets[index], self._start + self._offsets[index + 1]
            found = marshal.loads(self._data[begin:end])
            self._decoded[index] = found
        return found

    def get(self, key: str, default: Any = None) -> Any:
        return self._bucket_of(key).get(key, default) if isinstance(key, str) else default

    def __getitem__(self, key: str) -> Any:
        return self._bucket_of(key)[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._bucket_of(key)


def write_table(name: str, mapping: Mapping[str, Any]) -> None:
    """Store a big str-keyed mapping of plain values as a `Table`; quietly nothing where it cannot."""
    buckets = max(1, len(mapping) // _KEYS_PER_BUCKET)
    parts: list[dict[str, Any]] = [{} for _ in range(buckets)]
    for key, value in mapping.items():
        parts[_bucket(key, buckets)][key] = value
    try:
        blobs = [marshal.dumps(part) for part in parts]
    except ValueError:
        return
    offsets, at = [], 4 * (buckets + 1)
    for blob in blobs:
        offsets.append(at)
        at += len(blob)
    offsets.append(at)
    payload = struct.pack(f"<{buckets + 1}I", *offsets) + b"".join(blobs)
    _write_bytes(name, _TABLE_MAGIC + _TABLE_HEAD.pack(buckets, zlib.crc32(payload)) + payload)


def read_table(name: str) -> Table | None:
    """The stored `Table`, or None when it is missing, damaged or of another format."""
    try:
        data = (cache_dir() / name).read_bytes()
    except OSError:
        return None
    head = len(_TABLE_MAGIC) + _TABLE_HEAD.size
    if len(data) < head or not data.startswith(_TABLE_MAGIC):
        return None
    buckets, crc = _TABLE_HEAD.unpack_from(data, len(_TABLE_MAGIC))
    if buckets < 1 or len(data) < head + 4 * (buckets + 1) or zlib.crc32(memoryview(data)[head:]) != crc:
        return None
    offsets = struct.unpack_from(f"<{buckets + 1}I", data, head)
    if offsets[0] != 4 * (buckets + 1) or head + offsets[-1] != len(data):
        return None
    return Table(data, head, offsets)


def _write_bytes(name: str, data: bytes) -> None:
    """Write one cache entry atomically; quietly does nothing where the cache cannot be written."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, folder / name)
    except OSError:  # a full disk: no cache this time, and no hidden temporary file left to fill it further
        with contextlib.suppress(OSError):
            os.unlink(temp)
