"""A worker keeps one plan's steps, and what they cache, from task to task (per thread), as one process does; a
shard's state tells a scheduler how heavy it is to move."""

from __future__ import annotations

import pickle
import sys
from concurrent.futures import ThreadPoolExecutor

from dask.sizeof import sizeof

from cleaner import Pipeline
from cleaner.config import steps_from
from cleaner.distributed.plan import Plan, ShardState, segment_task
from cleaner.document import Document, Rejected
from cleaner.io.readers import ReaderOptions

PAGE = "\n".join(
    [
        "Trang chủ | Tin tức | Liên hệ",
        "Ủy ban nhân dân tỉnh đã họp phiên thường kỳ tháng Năm để bàn về kế hoạch đầu tư công của năm sau.",
        "Các đại biểu thống nhất ưu tiên vốn cho giao thông nông thôn, trường học và trạm y tế ở vùng sâu.",
        "Bản quyền thuộc về Cổng thông tin điện tử tỉnh",
    ]
)


def plan_of(*names: str) -> Plan:
    return Plan.of(Pipeline(steps_from(names)), ReaderOptions())


def test_a_plan_sent_twice_arrives_as_the_same_steps():
    plan = plan_of("boilerplate", "quality")
    first, second = pickle.loads(pickle.dumps(plan)), pickle.loads(pickle.dumps(plan))
    assert first is second
    assert first.steps[0] is not plan.steps[0]  # a copy, as a worker process gets


def test_the_lines_a_step_cached_in_one_task_serve_the_next():
    sent = pickle.dumps(plan_of("boilerplate"))
    first = pickle.loads(sent)
    segment_task(ShardState(0, [Document(id="a", text=PAGE)]), first, 0)
    cached = len(first.steps[0]._readings)  # type: ignore[attr-defined]
    assert cached == len(PAGE.splitlines())
    assert len(pickle.loads(sent).steps[0]._readings) == cached  # type: ignore[attr-defined]


def test_another_plan_takes_the_place_of_the_resident_one():
    quality = pickle.loads(pickle.dumps(plan_of("quality")))
    both = pickle.loads(pickle.dumps(plan_of("quality", "encoding")))
    assert [s.name for s in both.steps] == ["quality", "encoding"]
    assert both.steps[0] is not quality.steps[0]


def test_each_thread_gets_its_own_steps():
    sent = pickle.dumps(plan_of("quality"))
    here = pickle.loads(sent)
    with ThreadPoolExecutor(1) as pool:
        there = pool.submit(pickle.loads, sent).result()
    assert there is not here and there.steps[0] is not here.steps[0]


def test_a_shard_state_weighs_at_least_its_texts():
    kept = Document(id="a", text="x" * 10_000)
    dropped = Rejected(Document(id="b", text="y" * 5_000, html="<p>" * 1_000), "quality.too_short", "quality")
    state = ShardState(0, [kept, dropped])
    assert sys.getsizeof(state) >= 18_000 and sizeof(state) >= 18_000
