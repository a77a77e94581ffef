"""The report and a document view in a real browser: headless Chromium driven by Selenium.

Skipped when Chromium, its driver or Selenium is missing (README: `apt-get install chromium chromium-driver`).
Screenshots go to the test's temporary directory (`--basetemp` to keep them somewhere known).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cleaner.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[test]')")
if CHROMIUM is None or DRIVER is None:
    pytest.skip(
        "no Chromium to test the report in: apt-get install chromium chromium-driver (see the README)",
        allow_module_level=True,
    )

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHARTS_JS = """
return Array.from(document.querySelectorAll('.chart')).map(
  div => div.querySelectorAll('svg path, svg rect, svg line').length);
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    yield driver
    driver.quit()


def errors(browser: Any) -> list[dict[str, Any]]:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def test_report_renders_its_charts_and_links_to_documents(browser: Any, mixed_run: Path, tmp_path: Path):
    report = tmp_path / "report.html"
    assert main(["report", str(mixed_run), "-o", str(report)]) == 0
    browser.get(report.as_uri())
    WebDriverWait(browser, 20).until(lambda b: all(n > 0 for n in b.execute_script(CHARTS_JS)))
    marks = browser.execute_script(CHARTS_JS)
    assert len(marks) == 7 and min(marks) > 0
    browser.save_screenshot(str(tmp_path / "report.png"))
    assert errors(browser) == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0  # no fetches

    link = browser.find_elements(By.CSS_SELECTOR, "a.doclink")[-1]
    wanted = link.text
    link.click()
    shown = [a for a in browser.find_elements(By.CSS_SELECTOR, "article.doc") if a.is_displayed()]
    assert [a.find_element(By.TAG_NAME, "h2").text for a in shown] == [wanted]
    browser.save_screenshot(str(tmp_path / "report-document.png"))
    assert errors(browser) == []


def test_document_view_of_a_duplicate(browser: Any, mixed_run: Path, tmp_path: Path):
    rejects = mixed_run.with_name("corpus.rejects.jsonl").read_text(encoding="utf-8").splitlines()
    duplicate = next(r for r in map(json.loads, rejects) if r["reason"] == "dedup.near_duplicate")
    page = tmp_path / "duplicate.html"
    assert main(["explain", str(mixed_run), duplicate["id"], "--html", "-o", str(page)]) == 0
    browser.get(page.as_uri())
    assert browser.find_element(By.TAG_NAME, "h2").text == duplicate["id"]
    assert len(browser.find_elements(By.CSS_SELECTOR, ".pair mark.shared")) >= 2
    browser.save_screenshot(str(tmp_path / "duplicate.png"))
    assert errors(browser) == []
