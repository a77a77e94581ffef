"""Every step called on its own does what the README says; the pipeline never changes the caller's documents."""

from __future__ import annotations

import copy

import pytest

import cleaner
import cleaner.filters
from cleaner import Document, Drop, Pipeline
from cleaner.filters import (
    BoilerplateTransform,
    DedupFilter,
    EncodingTransform,
    ExtractTransform,
    LanguageFilter,
    QualityFilter,
    RepeatedLinesTransform,
    SiteTemplateTransform,
)

TEXT = "Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết năm."
PAGE = f"<html><body><nav><a href='/'>Trang chủ</a></nav><article><p>{TEXT}</p></article></body></html>"


@pytest.mark.parametrize(
    "step",
    [
        pytest.param(SiteTemplateTransform(), id="templates"),
        pytest.param(RepeatedLinesTransform(), id="repeated_lines"),
        pytest.param(DedupFilter(), id="dedup"),
        pytest.param(QualityFilter(), id="quality"),
        pytest.param(EncodingTransform(), id="encoding"),
        pytest.param(BoilerplateTransform(), id="boilerplate"),
        pytest.param(LanguageFilter(), id="language"),
    ],
)
def test_a_string_is_one_text_document(step):
    out = step(TEXT)
    assert isinstance(out, Document) and out.text == TEXT and out.id == "text"


def test_stream_steps_take_a_list_of_documents():
    out = DedupFilter()([TEXT, TEXT.upper(), "Một văn bản khác hẳn."])
    assert [type(x).__name__ for x in out] == ["Document", "Rejected", "Document"]
    alone = DedupFilter()(Document("a", TEXT))
    assert isinstance(alone, Document) and alone.metadata["dedup"]["cluster"] == "a"


def test_a_dropped_document_from_a_stream_step_is_a_drop():
    step = RepeatedLinesTransform()
    assert isinstance(step(TEXT), Document)
    assert isinstance(QualityFilter()("hai"), Drop)


def test_extract_takes_a_string_as_html_and_others_take_html_by_keyword():
    out = ExtractTransform()(PAGE)
    assert isinstance(out, Document) and out.text.endswith(TEXT) and out.html is None
    assert ExtractTransform()(html=PAGE) == out
    page = EncodingTransform()(html=PAGE)
    assert isinstance(page, Document) and (page.html, page.text) == (PAGE, "")  # a step that reads text only
    with pytest.raises(TypeError, match="not both"):
        ExtractTransform()(Document("x"), html=PAGE)


def test_calling_a_step_leaves_the_document_passed_in_alone():
    doc = Document("d", "  Xin   chào  ")
    out = EncodingTransform()(doc)
    assert out.text == "Xin chào" and doc.text == "  Xin   chào  " and doc.events == []


@pytest.mark.parametrize("workers", [1, 2])
def test_pipeline_run_never_changes_the_callers_documents(workers: int):
    docs = [Document(f"d{i}", f"  {TEXT}  ", {"url": f"https://a.vn/{i}"}) for i in range(3)] + [
        Document("h", html=PAGE)
    ]
    before = copy.deepcopy(docs)
    out = list(Pipeline([ExtractTransform(), EncodingTransform(), QualityFilter()]).run(docs, workers=workers))
    assert docs == before
    assert [x.text for x in out if isinstance(x, Document)] == [TEXT] * 3 + [f"Trang chủ\n{TEXT}"]


def test_filters_module_lists_and_types_its_classes():
    names = set(dir(cleaner.filters))
    assert set(cleaner.filters.__all__) <= names and "DedupFilter" in names
    assert cleaner.filters.DedupFilter is DedupFilter
    for name in ("read_inputs", "ReaderOptions", "JsonlWriter", "write_json", "load_spec", "build_steps"):
        assert name in cleaner.__all__ and callable(getattr(cleaner, name))


def test_type_checkers_see_the_real_classes(tmp_path):
    api = pytest.importorskip("mypy.api")
    snippet = tmp_path / "snippet.py"
    snippet.write_text("from cleaner.filters import DedupFilter, QualityFilter\nreveal_type(QualityFilter())\n")
    out, _, _ = api.run([str(snippet), "--no-incremental", "--follow-imports=silent"])
    assert 'Revealed type is "cleaner.filters.quality.QualityFilter"' in out
