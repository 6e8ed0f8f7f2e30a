"""`kehoach serve` in a real browser (issue 20, part 6): the system's headless Chromium driven by
Selenium through the system's chromedriver (Debian's `chromium` and `chromium-driver`, which
.ci/run installs; nothing is downloaded at test time). Skipped only where Chromium is absent
and not in CI.

It also takes the README's screenshot: with KEHOACH_SCREENSHOT=1 it is written to
docs/images/serve.png (otherwise into the test's folder, so that a test run changes no file of
the repository)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from serving import ROOT, SAMPLE, request, serving
from test_serve import MISSPELT, NEW_SENTENCE, NEW_TARGET

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    if os.environ.get("CI"):
        raise RuntimeError("CI must install chromium and chromium-driver (.ci/run)")
    pytest.skip("no Chromium with its chromedriver on this computer", allow_module_level=True)

from selenium import webdriver  # noqa: E402 - only once Chromium is known to be there
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

SCREENSHOT = ROOT / "docs" / "images" / "serve.png"
WAIT = 30  # seconds: the first check imports the pipeline


@pytest.fixture()
def browser():
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1500,950", "--lang=vi"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture()
def server(tmp_path):
    with serving(tmp_path) as running:
        yield running


def until(driver, condition, message: str):
    return WebDriverWait(driver, WAIT).until(lambda d: condition(d), message)


def editor_text(driver) -> str:
    return driver.execute_script("return document.getElementById('text').value")


def replace(driver, old: str, new: str) -> None:
    """Selects `old` in the editor and types `new` over it, key by key, as the clerk would."""
    start = editor_text(driver).index(old)
    driver.execute_script("const t = document.getElementById('text'); t.focus();"
                          "t.setSelectionRange(arguments[0], arguments[1]);", start, start + len(old))
    ActionChains(driver).send_keys(new).perform()


def checked(driver, after: int) -> int:
    """Waits for a check newer than `after` to be shown; returns its number."""
    return until(driver, lambda d: int(d.find_element(By.TAG_NAME, "body").get_attribute("data-checked") or 0) > after
                 and int(d.find_element(By.TAG_NAME, "body").get_attribute("data-checked")), "no check shown")


def open_sample(driver, server) -> int:
    driver.get(f"{server.page_url}#{SAMPLE}")
    number = checked(driver, 0)
    until(driver, lambda d: "Kế hoạch" in d.find_element(By.ID, "documents").text, "no documents listed")
    return number


def test_edit_see_the_problem_and_the_new_figures_save_and_build(browser, server, tmp_path, capsys):
    number = open_sample(browser, server)
    assert "UBND XÃ XUÂN PHÚC" in browser.find_element(By.ID, "preview").text
    # A misspelt key: marked at its line, in Vietnamese, and the last good preview kept, marked stale.
    replace(browser, "households", "housholds")
    line = editor_text(browser).splitlines().index(MISSPELT) + 1
    number = checked(browser, number)
    marker = browser.find_element(By.CSS_SELECTOR, f"#gutter div[data-line='{line}']")
    assert marker.get_attribute("class") == "error"
    assert "housholds" in marker.get_attribute("title") and "không có trong mẫu kế hoạch" in marker.get_attribute("title")
    assert f"plans/{SAMPLE}:{line}:1: lỗi:" in browser.find_element(By.ID, "problems").text
    assert browser.find_element(By.ID, "stale").is_displayed()
    assert "stale" in browser.find_element(By.ID, "preview").get_attribute("class")
    assert "UBND XÃ XUÂN PHÚC" in browser.find_element(By.ID, "preview").text
    browser.execute_script("const t = document.getElementById('text'); t.scrollTop = (arguments[0] - 12) * 19;"
                           "t.dispatchEvent(new Event('scroll'));", line)
    shot = SCREENSHOT if os.environ.get("KEHOACH_SCREENSHOT") else tmp_path / "serve.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(shot)) and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Fixed, and the target lowered: the preview says the new figures.
    replace(browser, "housholds", "households")
    for old, new in NEW_TARGET:
        replace(browser, old, new)
    until(browser, lambda d: NEW_SENTENCE in d.find_element(By.ID, "preview").text, "the new figures not shown")
    assert not browser.find_element(By.ID, "stale").is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, f"#gutter div[data-line='{line}']").get_attribute("class") == ""
    shown_in = browser.find_element(By.TAG_NAME, "body").get_attribute("data-preview-ms")
    with capsys.disabled():
        print(f"\n  browser: from a check's request to its preview shown: {shown_in} ms")
    # Saved byte for byte.
    browser.find_element(By.ID, "save").click()
    until(browser, lambda d: d.find_element(By.ID, "state").text == "Đã lưu.", "not saved")
    plan = tmp_path / "plans" / SAMPLE
    assert plan.read_bytes() == editor_text(browser).encode("utf-8")
    assert NEW_TARGET[0][1] in plan.read_text(encoding="utf-8")
    # Built and downloadable, as `build` writes it.
    browser.find_element(By.ID, "build").click()
    link = until(browser, lambda d: d.find_elements(By.LINK_TEXT, "xuan-phuc-2023/ke-hoach.docx"), "no download")[0]
    href = link.get_attribute("href").removeprefix(server.url)
    download = request(server, "GET", href, token=None)
    assert download.status == 200
    assert download.body == (tmp_path / "output" / "xuan-phuc-2023" / "ke-hoach.docx").read_bytes()


def test_a_file_changed_on_disk_is_not_overwritten(browser, server, tmp_path):
    number = open_sample(browser, server)
    plan = tmp_path / "plans" / SAMPLE
    replace(browser, "households: 1525", "households: 1526")
    checked(browser, number)
    on_disk = plan.read_text(encoding="utf-8").replace("Xuân Phúc", "Xuân Phước", 1)
    plan.write_text(on_disk, encoding="utf-8")
    browser.find_element(By.ID, "save").click()
    until(browser, lambda d: d.find_element(By.ID, "conflict").is_displayed(), "the save was not refused")
    assert plan.read_text(encoding="utf-8") == on_disk
    assert "Xuân Phước" in browser.find_element(By.ID, "diff").text
    assert "đã bị thay đổi trên đĩa" in browser.find_element(By.ID, "conflict-message").text
    browser.find_element(By.ID, "reload").click()
    assert editor_text(browser) == on_disk


def test_unsaved_edits_survive_a_reload(browser, server, tmp_path):
    number = open_sample(browser, server)
    replace(browser, "households: 1525", "households: 1530")
    checked(browser, number)
    browser.refresh()
    checked(browser, 0)
    assert "households: 1530" in editor_text(browser)
    assert browser.find_element(By.ID, "state").text == "Đã khôi phục những chỗ sửa chưa lưu từ lần trước."
    assert "households: 1525" in (tmp_path / "plans" / SAMPLE).read_text(encoding="utf-8")


def test_without_the_token_or_outside_the_folder_nothing_is_served(browser, server, tmp_path):
    (tmp_path / "secret.yaml").write_text("year: 2023  # CONTENT-OF-THE-SECRET\n", encoding="utf-8")
    browser.get(f"{server.url}/")
    assert "Hãy mở đúng địa chỉ" in browser.find_element(By.TAG_NAME, "body").text
    assert "textarea" not in browser.page_source
    open_sample(browser, server)
    status, body = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/api/open', {method: 'POST', headers: {'Content-Type': 'application/json',"
        " 'X-Kehoach-Token': KEHOACH.token}, body: JSON.stringify({plan: '../secret.yaml'})})"
        ".then(async r => done([r.status, await r.text()]));")
    assert status == 404 and "CONTENT-OF-THE-SECRET" not in body
    browser.get(f"{server.url}/download?token={server.token}&file=../secret.yaml")
    assert "CONTENT-OF-THE-SECRET" not in browser.page_source


def test_the_exact_page_comes_from_libreoffice(browser, server):
    from generator.writers.pdf import find_soffice

    if find_soffice() is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice or poppler is not installed")
    open_sample(browser, server)
    browser.find_element(By.ID, "exact").click()
    image = browser.find_element(By.ID, "exact-image")
    until(browser, lambda d: image.is_displayed() and d.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth", image), "no page image")
    # A4 at 100 dpi: 827 × 1169 pixels.
    size = browser.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", image)
    assert abs(size[0] - 827) <= 2 and abs(size[1] - 1169) <= 2


def test_a_file_with_windows_line_ends_keeps_them_and_its_bom(browser, server, tmp_path):
    plan = tmp_path / "plans" / SAMPLE
    original = b"\xef\xbb\xbf" + plan.read_bytes().replace(b"\n", b"\r\n")
    plan.write_bytes(original)
    number = open_sample(browser, server)
    replace(browser, "households: 1525", "households: 1525  # đã kiểm tra")
    checked(browser, number)
    browser.find_element(By.ID, "save").click()
    until(browser, lambda d: d.find_element(By.ID, "state").text == "Đã lưu.", "not saved")
    assert plan.read_bytes() == original.replace(b"households: 1525", "households: 1525  # đã kiểm tra".encode())
