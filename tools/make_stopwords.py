"""Write `cleaner/data/stopwords/<language>.txt` from jusText's stop-word lists (BSD 2-Clause, Jan Pomikálek).

    python tools/make_stopwords.py

jusText (a trafilatura dependency) ships one list per language, drawn from Wikipedia; the boilerplate line
model reads the share of a line's words that are function words of the page's language. The files are data
in this repository so the model never depends on another package's internals; rerunning this script gives
the same files.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import justext

OUT = Path(__file__).resolve().parents[1] / "cleaner" / "data" / "stopwords"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in sorted(justext.get_stoplists()):
        words = sorted({unicodedata.normalize("NFC", w).casefold() for w in justext.get_stoplist(name)})
        (OUT / f"{name}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    (OUT / "README.md").write_text(
        "Stop-word lists, one word a line, from jusText (https://github.com/miso-belica/jusText, BSD 2-Clause "
        "License, Copyright (c) 2011 Jan Pomikálek), casefolded and NFC-normalised by tools/make_stopwords.py.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
