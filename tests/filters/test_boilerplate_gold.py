"""Quality gates: the seeds, two invented multi-page sites and a set of held-out pages scored against line
labels, per focus level; an HTML page whose extracted text still carries furniture comes out clean.

The scorer below follows ../shared/tools/score_lines.py (keep / drop / meta labels; a repeated title may stay
once; a dateline must leave the text and its date land in the metadata), so that the tests do not depend on
files outside the repository. The gold files are copies in fixtures/boilerplate/.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from cleaner.document import Document
from cleaner.filters.boilerplate import BoilerplateTransform
from cleaner.filters.extract import ExtractTransform
from cleaner.filters.templates import SiteTemplateTransform
from cleaner.linemodel import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "boilerplate"
_WS = re.compile(r"\s+")

#: (gold file, directory of the pages, path prefix the readers would record)
CORPORA = {
    "seeds": (FIXTURES / "seeds_gold.json", ROOT / "seeds"),
    "site_vi": (FIXTURES / "site_vi_gold.json", FIXTURES / "site_vi"),
    "site_en": (FIXTURES / "site_en_gold.json", FIXTURES / "site_en"),
    "heldout": (FIXTURES / "heldout_gold.json", FIXTURES / "heldout"),
}


def _norm(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", s).replace("\u00a0", " ")).strip()


def score(gold: dict[str, Any], src: Path, records: list[dict[str, Any]]) -> dict[str, list[int]]:
    """Counts `[right, total]` per label, as score_lines.py computes them."""
    total = {"drop": [0, 0], "keep": [0, 0], "meta": [0, 0], "other": [0, 0]}
    for name, labels in gold["labels"].items():
        lines = (src / name).read_text(encoding="utf-8").split("\n")
        stem = Path(name).stem
        rec = next((r for r in records if stem in json.dumps({"id": r["id"], "metadata": r["metadata"]})), None)
        out_text = _norm(rec["text"]) if rec else ""
        out_lines = [_norm(x) for x in rec["text"].split("\n")] if rec else []
        meta_blob = json.dumps(rec["metadata"], ensure_ascii=False) if rec else ""
        keep_texts = [_norm(lines[int(i)]) for i, lab in labels.items() if lab == "keep"]
        for idx, lab in labels.items():
            line = _norm(lines[int(idx)])
            if lab == "either":
                continue
            total[lab][1] += 1
            if lab == "keep":
                rest = line.partition(" ")[2]
                ok = line in out_text or (len(line) > 80 and rest in out_text)
            elif lab == "drop":
                present = out_lines.count(line) + sum(
                    1 for o in out_lines if len(line) > 30 and line in o and o != line
                )
                ok = present <= keep_texts.count(line)
            else:
                date = gold.get("dates", {}).get(name, "")
                ok = line not in out_lines and bool(date) and date[:10] in meta_blob
            total[lab][0] += ok
        known = [_norm(lines[int(i)]) for i, lab in labels.items() if lab in ("keep", "either")]
        total["other"][0] += sum(1 for o in out_lines if o and not any(o in k or k in o for k in known))
    return total


def clean_corpus(
    corpus: str, focus: str, templates: bool = True, line_model: str | None = None
) -> tuple[dict[str, list[int]], list[Document]]:
    """Clean a fixture corpus; by default with the rules alone, which these floors pin (the model: below)."""
    gold_path, src = CORPORA[corpus]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    step = BoilerplateTransform(focus=focus, line_model=line_model)
    docs = []
    for name in sorted(gold["labels"]):
        path = src / name
        doc = Document(
            id=name,
            text=path.read_text(encoding="utf-8"),
            metadata={"source": {"path": f"{src.name}/{name}"}},
        )
        out = step(doc)
        assert isinstance(out, Document)
        docs.append(out)
    if templates:
        docs = [d for d in SiteTemplateTransform()(docs) if isinstance(d, Document)]
    records = [d.to_record() for d in docs]
    return score(gold, src, records), docs


def full(result: dict[str, list[int]], label: str) -> bool:
    return result[label][0] == result[label][1]


@pytest.mark.parametrize("line_model", [None, DEFAULT_MODEL], ids=["rules", "model"])
def test_seeds_score_in_full(line_model: str | None) -> None:
    result, _ = clean_corpus("seeds", "balanced", line_model=line_model)
    assert result["drop"] == [29, 29]
    assert result["keep"] == [70, 70]
    assert result["meta"] == [3, 3]
    assert result["other"][0] == 0


#: With the line model (balanced), floors pinned at what it reaches on the fixture corpora. The held-out pages
#: lose five short lines labelled content (a capitalised document type such as "THÔNG BÁO" or "PRESS RELEASE",
#: subheadings, a bare author name), all scored just under the text threshold: text input has no markup to tell
#: a subheading from a menu entry. It removes 84 of 85 furniture lines (rules alone: 76).
MODEL_FLOORS = {
    "seeds": {"drop": 29, "keep": 70},
    "site_vi": {"drop": 54, "keep": 27},
    "site_en": {"drop": 42, "keep": 20},
    "heldout": {"drop": 84, "keep": 60},
}


@pytest.mark.parametrize("corpus", sorted(MODEL_FLOORS))
def test_line_model_floors_on_fixture_corpora(corpus: str) -> None:
    result, docs = clean_corpus(corpus, "balanced", line_model=DEFAULT_MODEL)
    assert result["drop"][0] >= MODEL_FLOORS[corpus]["drop"], result
    assert result["keep"][0] >= MODEL_FLOORS[corpus]["keep"], result
    assert full(result, "meta"), result
    learned = [e for d in docs for e in d.events if e.rule == "model.furniture"]
    assert all(0 <= e.detail["score"] <= 0.3 and e.detail["features"] for e in learned)


@pytest.mark.parametrize("corpus", ["site_vi", "site_en"])
@pytest.mark.parametrize("focus", ["balanced", "recall"])
def test_invented_site_scores_in_full(corpus: str, focus: str) -> None:
    result, _ = clean_corpus(corpus, focus)
    assert full(result, "drop") and full(result, "keep") and full(result, "meta"), result
    assert result["other"][0] == 0


@pytest.mark.parametrize("corpus", ["site_vi", "site_en"])
def test_templates_remove_what_no_rule_knows(corpus: str) -> None:
    """Without the templates step, the site's own footer survives every focus level; with it, it is gone and
    each removal is a `template.site` event."""
    for focus in ("precision", "balanced", "recall"):
        without, _ = clean_corpus(corpus, focus, templates=False)
        assert not full(without, "drop")
    with_templates, docs = clean_corpus(corpus, "balanced")
    assert full(with_templates, "drop")
    footer_events = [e for d in docs for e in d.events if e.rule == "template.site"]
    assert footer_events and all(e.step == "templates" and e.detail["pages"] >= 5 for e in footer_events)


@pytest.mark.parametrize("corpus", ["seeds", "site_vi", "site_en"])
def test_focus_trade_off(corpus: str) -> None:
    """Precision never removes more than balanced, balanced never more than recall; no level loses content."""
    removed = []
    for focus in ("precision", "balanced", "recall"):
        result, _ = clean_corpus(corpus, focus)
        assert full(result, "keep"), (focus, result)
        assert full(result, "meta"), (focus, result)
        removed.append(result["drop"][0])
    assert removed[0] <= removed[1] <= removed[2]
    if corpus == "seeds":
        assert removed == [24, 29, 29]


#: Held-out pages (fixtures/boilerplate/heldout/, written after the rules and never used to tune them): floors
#: on the boilerplate lines removed, pinned at what each focus reaches; no article line may be lost.
HELDOUT_DROP_FLOOR = {"precision": 46, "balanced": 76, "recall": 80}


@pytest.mark.parametrize("focus", ["precision", "balanced", "recall"])
def test_heldout_pages_keep_all_content(focus: str) -> None:
    result, docs = clean_corpus("heldout", focus)
    assert full(result, "keep"), result
    assert full(result, "meta"), result
    assert result["drop"][1] == 85
    assert result["drop"][0] >= HELDOUT_DROP_FLOOR[focus], result
    # the lead that opens with a news-agency mark (labelled `either`: the scorer cannot credit a stripped mark)
    lead = next(d for d in docs if d.id == "hv_06_tuyensinh.txt").text
    assert "Sở Giáo dục và Đào tạo Hà Nội vừa công bố chỉ tiêu tuyển sinh vào lớp 10" in lead


def test_heldout_focus_trade_off() -> None:
    removed = [clean_corpus("heldout", focus)[0]["drop"][0] for focus in ("precision", "balanced", "recall")]
    assert removed[0] <= removed[1] <= removed[2]


_HTML = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Hà Nam khánh thành cầu Châu Giang mới</title></head>
<body><div class="wrap"><div class="article">
<h1>Hà Nam khánh thành cầu Châu Giang mới</h1>
<div>Thứ hai, 12/02/2024 07:30</div>
<div>1.245 lượt xem</div>
<p>Sáng 12/2, UBND tỉnh Hà Nam tổ chức lễ khánh thành cầu Châu Giang mới bắc qua sông Đáy, nối thành phố
Phủ Lý với huyện Kim Bảng, sau 26 tháng thi công với tổng vốn đầu tư hơn 450 tỷ đồng.</p>
<p>Cây cầu dài 512 mét, rộng 24 mét với bốn làn xe cơ giới, thay thế cầu cũ đã xuống cấp nghiêm trọng; dự kiến
mỗi ngày có khoảng 18.000 lượt phương tiện qua lại, giảm ùn tắc cho khu vực trung tâm thành phố.</p>
<p>Phát biểu tại buổi lễ, Chủ tịch UBND tỉnh đề nghị các đơn vị quản lý khẩn trương hoàn thiện hệ thống chiếu
sáng và biển báo, bảo đảm an toàn giao thông trong dịp cao điểm lễ hội đầu xuân.</p>
<p>Tin liên quan</p>
<p>&gt;&gt;Hà Nam đầu tư 1.200 tỷ đồng mở rộng quốc lộ 21B</p>
<p>&gt;&gt;Khởi công tuyến đường vành đai kết nối ba tỉnh</p>
<p>Bình luận (0)</p>
<p>Bạn còn 500/500 ký tự</p>
<p>1 2 3 4 5</p>
</div></div></body></html>
"""


def _extract(doc: Document) -> Document:
    out = ExtractTransform()(doc)
    assert isinstance(out, Document)
    return out


def test_html_furniture_left_by_extraction_is_removed() -> None:
    doc = _extract(Document(id="page.html", html=_HTML, metadata={"url": "https://hanam.example.vn/tin/1"}))
    # the extractor kept the furniture: that is what this step is for
    assert "1 2 3 4 5" in doc.text and "Tin liên quan" in doc.text and "Bình luận (0)" in doc.text
    out = BoilerplateTransform()(doc)
    assert isinstance(out, Document)
    lines = out.text.split("\n")
    assert all(line.startswith(("Sáng 12/2", "Cây cầu", "Phát biểu", "Hà Nam khánh thành")) for line in lines)
    assert len([x for x in lines if len(x) > 100]) == 3
    rules = {e.rule for e in out.events}
    assert {"related.header", "related.teaser", "comments.widget", "pagination"} <= rules
    assert out.metadata["date"].startswith("2024-02-12")
