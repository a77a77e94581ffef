"""`LineCache`: a cached answer is the answer, each new line is worked out once, and the cache stays bounded."""

from __future__ import annotations

from cleaner.line_cache import LineCache


def test_the_cache_empties_past_its_bound_and_keeps_the_latest_line() -> None:
    cache: LineCache[int] = LineCache(max_chars=12)
    cache.put("abcde", 1)  # 6 characters with its end
    cache.put("fghij", 2)  # 12
    assert (cache.get("abcde"), cache.get("fghij")) == (1, 2)
    cache.put("klm", 3)  # past 12: starts again with this line alone (the two asked again fill half of it)
    assert (cache.get("abcde"), cache.get("fghij"), cache.get("klm")) == (None, None, 3)
    assert len(cache) == 1


def test_lines_asked_for_again_survive_when_the_cache_starts_again() -> None:
    cache: LineCache[int] = LineCache(max_chars=20)
    cache.put("menu", 1)  # 5 characters with its end
    cache.put("abcdefgh", 2)  # 14
    assert cache.values_of(["menu"], lambda lines: [0 for _ in lines]) == [1]  # asked for again
    cache.put("ijklmnop", 3)  # past 20: starts again with the line asked for again, and this one
    assert (cache.get("menu"), cache.get("abcdefgh"), cache.get("ijklmnop"), len(cache)) == (1, None, 3, 2)
    # Past 20 again: the lines asked for since (the two just read, 14 characters) hold more than half of it, so
    # it starts empty, with the new line alone.
    cache.put_many({"qrstuvw": 4})
    assert (cache.get("menu"), cache.get("ijklmnop"), cache.get("qrstuvw"), len(cache)) == (None, None, 4, 1)


def test_lines_put_together_obey_the_same_bound() -> None:
    cache: LineCache[int] = LineCache(max_chars=12)
    cache.put_many({"abcde": 1, "fghij": 2})  # 12 characters with their ends
    assert (cache.get("abcde"), cache.get("fghij")) == (1, 2)
    cache.put_many({"klm": 3})  # past 12: starts again with these lines alone
    assert (cache.get("abcde"), cache.get("klm"), len(cache)) == (None, 3, 1)
    cache.clear()
    assert (cache.get("klm"), len(cache)) == (None, 0)
    cache.put_many({"abcde": 1, "fghij": 2})  # the count of characters started again too
    assert len(cache) == 2


def test_values_of_works_out_each_new_line_once_and_keeps_the_rest() -> None:
    cache: LineCache[int] = LineCache()
    cache.put("kept", 0)
    asked: list[list[str]] = []

    def lengths(lines: list[str]) -> list[int]:
        asked.append(lines)
        return [len(line) for line in lines]

    assert cache.values_of(["kept", "abc", "kept", "abc", "de"], lengths) == [0, 3, 0, 3, 2]
    assert asked == [["abc", "de"]]  # the kept line not at all, a repeated new line once, all in one call
    assert cache.values_of(["de", "abc"], lengths) == [2, 3]
    assert asked == [["abc", "de"]]  # nothing new: `compute` not called
