"""Which legacy Vietnamese encoding a plan file that is not UTF-8 seems to be in, for the
message that says so. Imported only then: its tables and pattern cost a start-up every run.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN 5712:1993 (VN3, the ".Vn" fonts): one byte per lowercase Vietnamese letter, the capitals
# of the fonts' "H" variants sharing the same bytes. Python has no codec for it.
_TCVN3 = dict(zip(
    bytes.fromhex("a1a2a3a4a5a6a7a8a9aaabacadaeb5b6b7b8b9bbbcbdbec6c7c8c9cacbcccecfd0d1d2d3d4d5d6"
                  "d7d8dcdddedfe1e2e3e4e5e6e7e8e9eaebecedeeeff1f2f3f4f5f6f7f8f9fafbfcfdfe"),
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"))
_VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + mark)
    for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for mark in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
) | frozenset("đĐ")


# A Vietnamese syllable: initial consonants, one to three vowels, final consonants.
_VOWELS = "".join(sorted(_VIETNAMESE_LETTERS - {"đ", "Đ"}))
_SYLLABLE = re.compile(rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[{_VOWELS}]{{1,3}}"
                       r"(?:ch|ng|nh|[cmnpt])?", re.IGNORECASE)


def guess_encoding(raw: bytes) -> str | None:
    """Returns the legacy encoding whose reading of `raw` looks like Vietnamese, or None.

    A reading looks Vietnamese when nearly all its non-ASCII characters are Vietnamese letters
    and most of its non-ASCII words are Vietnamese syllables (German read as TCVN3 gives
    letters, not syllables). Only a hint for the message: the file is never read that way.
    """
    readings = {
        "Windows-1258": raw.decode("cp1258", errors="replace"),
        "TCVN3": "".join(chr(byte) if byte < 0x80 else _TCVN3.get(byte, "\ufffd") for byte in raw),
    }
    for name, text in readings.items():
        text = unicodedata.normalize("NFC", text)
        foreign = [char for char in text if ord(char) >= 0x80]
        words = [word for word in re.findall(r"[^\W\d_]+", text) if not word.isascii()]
        letters = sum(char in _VIETNAMESE_LETTERS for char in foreign)
        syllables = sum(bool(_SYLLABLE.fullmatch(word)) for word in words)
        if foreign and letters >= 0.9 * len(foreign) and syllables >= 0.8 * len(words):
            return name
    return None
