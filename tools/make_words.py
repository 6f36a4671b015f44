"""Write reportgen/words.txt: the Chinese words (2 to 4 characters) that titles are not broken inside.

Taken from the dictionary of jieba (MIT licence, https://github.com/fxsjy/jieba), words used at least MIN_FREQ times
in its corpus. Run with jieba installed: `pip install jieba && python tools/make_words.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

import jieba

MIN_FREQ = 50
WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")


def main() -> None:
    source = Path(jieba.__file__).parent / "dict.txt"
    words = sorted({word for word, freq, *_ in (line.split() for line in source.read_text(encoding="utf-8").splitlines())
                    if WORD.fullmatch(word) and int(freq) >= MIN_FREQ})
    target = Path(__file__).resolve().parent.parent / "reportgen" / "words.txt"
    header = f"# Words titles are not broken inside: jieba's dictionary (MIT licence), frequency >= {MIN_FREQ}.\n"
    target.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{target}: {len(words)} words")


if __name__ == "__main__":
    main()
