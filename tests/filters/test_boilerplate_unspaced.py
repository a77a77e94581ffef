"""A page in a script written without spaces between words (Japanese), as its visible text: the line model
reads its paragraphs as prose and its menu, share button, related links and footer as furniture. The page is
made up for the test."""

from __future__ import annotations

from cleaner.document import Document
from cleaner.filters.boilerplate import BoilerplateTransform

MENU = ["ホーム", "ニュース", "経済", "スポーツ", "ログイン"]
ARTICLE = [
    "市の中心部にある駅前広場に、三階建ての新しい図書館が今月十日にオープンしました。",
    "館内には約二十万冊の本が並び、子ども向けの読書スペースや学習室も設けられています。",
    "市の担当者によると、開館初日には千人を超える市民が訪れ、多くの人が新しい施設を楽しんだということです。",
    "図書館は毎日午前九時から午後八時まで開いており、月曜日は休館日となっています。",
    "利用者の一人は「仕事帰りにも立ち寄れるので、とても便利になった」と話していました。",
]
SHARE = "この記事をシェアする"
RELATED = ["関連記事", "市バスの新路線が来月から運行", "駅前商店街で春祭り開催"]
FOOTER = ["会社概要 | お問い合わせ | プライバシーポリシー", "Copyright © 2026 地域新聞社 All rights reserved."]
PAGE = [
    *MENU,
    "新しい図書館が駅前にオープン",
    "2026年3月12日 9時30分",
    *ARTICLE,
    "コメント（12）",
    SHARE,
    *RELATED,
    *FOOTER,
]


def test_a_japanese_article_stays_and_its_furniture_goes() -> None:
    doc = BoilerplateTransform().process(Document(id="d", text="\n".join(PAGE)))
    assert isinstance(doc, Document)
    kept = doc.text.split("\n")
    assert all(line in kept for line in ARTICLE)
    assert not any(line in kept for line in [*MENU, SHARE, *RELATED, *FOOTER])
