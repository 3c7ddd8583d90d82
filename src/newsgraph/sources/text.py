"""Plain-text articles. The decoded text is kept unchanged so offsets match the file."""

from __future__ import annotations

import sys
from pathlib import Path

from ..article import Article
from ..errors import ParseError

#: Share of NUL/control bytes above which a file is taken for binary, not text.
BINARY_THRESHOLD = 0.10


def decode_bytes(data: bytes, origin: str) -> tuple[str, list[str]]:
    """UTF-8 text of DATA (BOM dropped); invalid bytes become U+FFFD with a warning.

    Binary data (images, archives) is refused rather than turned into noise.
    """
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data:
        sample = data[:4096]
        control = sum(1 for b in sample if b < 9 or 13 < b < 32)
        if b"\x00" in sample or control / len(sample) > BINARY_THRESHOLD:
            raise ParseError(f"{origin}: looks like a binary file, not text", source=origin)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        text = data.decode("utf-8", errors="replace")
        warnings.append(f"{origin}: invalid UTF-8 at byte {err.start}; undecodable bytes replaced with U+FFFD")
    return text, warnings


def read_text_file(path: str | Path) -> Article:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise ParseError(f"{path}: no such file", source=str(path)) from err
    except IsADirectoryError as err:
        raise ParseError(f"{path}: is a directory", source=str(path)) from err
    except OSError as err:
        raise ParseError(f"{path}: cannot read ({err.strerror})", source=str(path)) from err
    text, warnings = decode_bytes(data, str(path))
    return Article(text=text, origin=str(path), warnings=tuple(warnings))


def read_stdin() -> Article:
    data = sys.stdin.buffer.read()
    text, warnings = decode_bytes(data, "stdin")
    return Article(text=text, origin="stdin", warnings=tuple(warnings))
