"""The per-line caches of the line model: a cached answer is the answer, and the cache stays bounded."""

from __future__ import annotations

from cleaner.linemodel.cache import LineCache
from cleaner.linemodel.features import line_stats, page_features

MENU = ["Trang chủ", "Thời sự", "Thế giới", "Liên hệ: info@example.vn"]
FOOTER = ["© 2024 Báo Ví Dụ", "Điều khoản sử dụng", "Hotline: 0909 000 000"]
PAGES = [
    [
        "Hà Nội mở thêm tuyến buýt điện",
        *MENU,
        "",
        "Từ tháng sau, hành khách có thể đi buýt điện từ phố cổ ra sân bay Nội Bài, giá vé 35.000 đồng.",
        "Thời sự",  # a line repeated on the page itself
        *FOOTER,
    ],
    [
        "The council approves new bike lanes",
        *MENU,
        "The 7-2 vote ends a year of debate; work starts in May at www.example.com/lanes. See you there!",
        "",
        *FOOTER,
    ],
    [*MENU, *FOOTER],  # furniture only: every line seen before
]


def test_cached_and_uncached_features_agree_on_pages_with_repeated_lines() -> None:
    cache: LineCache = LineCache()
    for lines in PAGES:
        fresh = page_features(lines, lines[0])
        cached = page_features(lines, lines[0], cache=cache)
        assert cached.tobytes() == fresh.tobytes()
    assert len(cache) == len({line for lines in PAGES for line in lines})


def test_a_line_reads_the_same_alone_and_among_others() -> None:
    lines = [line for lines in PAGES for line in lines]
    together = line_stats(lines)
    assert [line_stats([line])[0] for line in lines] == together


def test_the_cache_empties_past_its_bound_and_keeps_the_latest_line() -> None:
    cache: LineCache[int] = LineCache(max_chars=12)
    cache.put("abcde", 1)  # 6 characters with its end
    cache.put("fghij", 2)  # 12
    assert (cache.get("abcde"), cache.get("fghij")) == (1, 2)
    cache.put("klm", 3)  # past 12: starts again with this line alone
    assert (cache.get("abcde"), cache.get("fghij"), cache.get("klm")) == (None, None, 3)
    assert len(cache) == 1
