"""The app icon as PNG, drawn from the favicon's shapes (a dumbbell on an orange rounded
square), for the installable web app's manifest. Pure Python: no image library, nothing
downloaded; each size is drawn once per process."""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache
from typing import Final

# The favicon's 32-unit grid: (x, y, width, height) of each white bar.
_BARS: Final = ((5, 13, 4, 6), (23, 13, 4, 6), (9, 10, 3, 12), (20, 10, 3, 12), (12, 15, 8, 2))
_ORANGE: Final = (0xC2, 0x41, 0x0C, 0xFF)
_WHITE: Final = (0xFF, 0xFF, 0xFF, 0xFF)
_CLEAR: Final = (0, 0, 0, 0)
_CORNER: Final = 7
ICON_SIZES: Final = (192, 512)


def _inside_rounded(x: float, y: float) -> bool:
    """Whether a point of the 32-unit square lies within its rounded corners."""
    cx = min(max(x, _CORNER), 32 - _CORNER)
    cy = min(max(y, _CORNER), 32 - _CORNER)
    return (x - cx) ** 2 + (y - cy) ** 2 <= _CORNER**2


def _pixel(x: float, y: float) -> tuple[int, int, int, int]:
    if not _inside_rounded(x, y):
        return _CLEAR
    for bx, by, bw, bh in _BARS:
        if bx <= x < bx + bw and by <= y < by + bh:
            return _WHITE
    return _ORANGE


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@lru_cache(maxsize=4)
def icon_png(size: int) -> bytes:
    """A size x size RGBA PNG of the app icon."""
    scale = 32 / size
    rows = []
    for row in range(size):
        y = (row + 0.5) * scale
        line = bytearray(b"\x00")  # filter type: none
        for column in range(size):
            line.extend(_pixel((column + 0.5) * scale, y))
        rows.append(bytes(line))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
