"""Width, height and type of a PNG or JPEG, read from the file header (no image library needed).

Podcast apps reject cover art that is not square or not 1400 to 3000 pixels wide,
and feedgen does not check: the loader checks with this.
"""

from __future__ import annotations

import struct
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers that carry the image size (not DHT 0xC4, JPG 0xC8, DAC 0xCC)
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class ImageError(ValueError):
    pass


def image_info(path: Path) -> tuple[int, int, str]:
    """(width, height, mime type); ImageError when the file is not a readable PNG or JPEG."""
    with open(path, "rb") as fh:
        head = fh.read(32)
        if head.startswith(PNG_SIGNATURE):
            if head[12:16] != b"IHDR":
                raise ImageError("PNG file without an IHDR header")
            width, height = struct.unpack(">II", head[16:24])
            return width, height, "image/png"
        if head.startswith(b"\xff\xd8"):
            fh.seek(2)
            return (*_jpeg_size(fh), "image/jpeg")
    raise ImageError("not a PNG or JPEG file")


def _jpeg_size(fh) -> tuple[int, int]:
    while True:
        byte = fh.read(1)
        while byte and byte != b"\xff":
            byte = fh.read(1)
        while byte == b"\xff":
            byte = fh.read(1)
        if not byte:
            raise ImageError("JPEG file ends before its size is given")
        marker = byte[0]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            continue  # markers without a length
        length_bytes = fh.read(2)
        if len(length_bytes) < 2:
            raise ImageError("truncated JPEG segment")
        (length,) = struct.unpack(">H", length_bytes)
        if marker in _SOF:
            data = fh.read(5)
            if len(data) < 5:
                raise ImageError("truncated JPEG frame header")
            height, width = struct.unpack(">HH", data[1:5])
            return width, height
        fh.seek(length - 2, 1)
