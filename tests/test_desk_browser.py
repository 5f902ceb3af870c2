"""The planner's desk in a real browser: `amj-solve serve` started as a planner starts it, its page
driven in Debian's headless chromium through chromedriver (selenium).

A card is dragged by dispatching the browser's own DragEvents on it and on the place it is dropped
(chromedriver cannot start an HTML5 drag with its mouse), so the page's drag-and-drop code runs as
for a mouse; keyboard moves are real key presses. These need `chromium` and `chromium-driver`
(`.ci/run` installs both); without them they are skipped, saying which is missing.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .browser import CHROMIUM, HEADLESS_FLAGS
from .conftest import INSTANCES
from .processes import amj_check

CHROMEDRIVER = shutil.which("chromedriver")
MISSING = (
    "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"
    if CHROMIUM is None
    else "chromedriver is not installed (Debian: apt-get install chromium-driver; .ci/run installs it)"
    if CHROMEDRIVER is None
    else ""
)
pytestmark = pytest.mark.skipif(bool(MISSING), reason=MISSING)

AMJ_CARD = '.card[data-key="the-real-you/1"]'
AMJ_CLASH = 'td.cell[data-slot="session-iii"][data-room="nicholson-hall"]'
WAIT = 60.0

DRAG = """
const [card, target, offsetY] = arguments;
const data = new DataTransfer();
const from = card.getBoundingClientRect();
const to = target.getBoundingClientRect();
const at = {bubbles: true, cancelable: true, dataTransfer: data, clientX: to.left + to.width / 2, clientY: to.top + offsetY};
card.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: data, clientX: from.left + 5, clientY: from.top + 2}));
target.dispatchEvent(new DragEvent("dragover", at));
target.dispatchEvent(new DragEvent("drop", at));
card.dispatchEvent(new DragEvent("dragend", {bubbles: true, dataTransfer: data}));
"""


@contextmanager
def serving(*arguments: str, cwd: Path) -> Iterator[str]:
    """`amj-solve serve ...` on any free port, as a planner starts it; yields the URL it prints."""
    command = [sys.executable, "-c", "from amj_scheduler.cli import main; main()", "serve", *arguments, "--port", "0"]
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, line + (process.stderr.read() if process.stderr else "")
        assert "127.0.0.1 only" in process.stdout.readline()
        yield found.group(0)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in (
        *HEADLESS_FLAGS,
        f"--user-data-dir={tmp_path_factory.mktemp('desk-profile')}",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def until(condition: object, what: str, seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"waited {seconds:g} s for {what}")


def text_of(driver: object, selector: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector).text  # type: ignore[attr-defined]


def open_desk(driver: object, url: str, width: int = 1400) -> None:
    driver.execute_cdp_cmd(  # type: ignore[attr-defined]
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get(url)  # type: ignore[attr-defined]
    until(lambda: driver.execute_script("return document.body.dataset.ready") == "yes", "the page")  # type: ignore[attr-defined]


def drag(driver: object, card_selector: str, target_selector: str, offset_y: float = 10) -> None:
    from selenium.webdriver.common.by import By

    card = driver.find_element(By.CSS_SELECTOR, card_selector)  # type: ignore[attr-defined]
    target = driver.find_element(By.CSS_SELECTOR, target_selector)  # type: ignore[attr-defined]
    driver.execute_script(DRAG, card, target, offset_y)  # type: ignore[attr-defined]


def test_a_planner_drags_a_talk_into_a_clash_sees_the_rule_re_plans_saves_and_the_file_checks(
    browser: object, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    saved = tmp_path / "desk" / "grid.csv"
    grid = INSTANCES / "2010-published.csv"
    with serving(str(INSTANCES / "2010.yaml"), "--grid", str(grid), "--save-to", str(saved), cwd=tmp_path) as url:
        open_desk(browser, url)
        assert "Every hard rule holds" in text_of(browser, "#verdict")
        drag(browser, AMJ_CARD, AMJ_CLASH)
        until(lambda: "broken" in browser.find_element(By.CSS_SELECTOR, AMJ_CARD).get_attribute("class"), "the verdict")  # type: ignore[attr-defined]
        card = text_of(browser, AMJ_CARD)
        assert "speaker in one place at a time" in card and "Sara Groves would be in two places at once" in card
        assert "room holds one thing at a time" in text_of(browser, '.card[data-key="many-sides-of-a-songwriter/1"]')
        assert "2 broken rules" in text_of(browser, "#verdict")

        browser.find_element(By.ID, "replan").click()  # type: ignore[attr-defined]
        until(lambda: "Make the ticked moves" in text_of(browser, "#job"), "the re-plan")
        proposal = text_of(browser, "#job")
        assert "why:" in proposal and re.search(r"\d+ moves? \(the fewest possible\)", proposal)
        browser.find_element(By.XPATH, "//button[text()='Make the ticked moves']").click()  # type: ignore[attr-defined]
        until(lambda: "Every hard rule holds" in text_of(browser, "#verdict"), "the valid grid")

        browser.find_element(By.CSS_SELECTOR, "#save-form button").click()  # type: ignore[attr-defined]
        until(lambda: "Saved version" in text_of(browser, "#message"), "the save")
    checked = amj_check(INSTANCES / "2010.yaml", saved)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_card_moves_with_the_keyboard_and_the_move_is_undone_with_ctrl_z(browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    grid = INSTANCES / "2010-published.csv"
    with serving(str(INSTANCES / "2010.yaml"), "--grid", str(grid), cwd=tmp_path) as url:
        open_desk(browser, url)
        card = browser.find_element(By.CSS_SELECTOR, AMJ_CARD)  # type: ignore[attr-defined]
        browser.execute_script("arguments[0].focus()", card)  # type: ignore[attr-defined]
        card.send_keys(Keys.ENTER, Keys.ARROW_DOWN, Keys.ARROW_LEFT)
        assert "Session III · Southgate 106" in browser.find_element(By.ID, "announce").get_attribute("textContent")  # type: ignore[attr-defined]
        card.send_keys(Keys.ENTER)
        moved = 'td.cell[data-slot="session-iii"][data-room="southgate-106"] .card[data-talk="the-real-you"]'
        until(lambda: browser.find_elements(By.CSS_SELECTOR, moved), "the keyboard move")  # type: ignore[attr-defined]
        assert browser.switch_to.active_element.get_attribute("data-talk") == "the-real-you"  # type: ignore[attr-defined]
        browser.switch_to.active_element.send_keys(Keys.CONTROL, "z")  # type: ignore[attr-defined]
        back = 'td.cell[data-slot="session-ii"][data-room="southgate-112"] .card[data-talk="the-real-you"]'
        until(lambda: browser.find_elements(By.CSS_SELECTOR, back), "the undo")  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [400, 1400])
def test_fosdem_on_the_desk_takes_a_drop_on_its_timeline_and_never_scrolls_sideways(
    browser: object, tmp_path: Path, width: int
) -> None:
    from selenium.webdriver.common.by import By

    grid = INSTANCES / "fosdem-2025-published.csv"
    with serving(str(INSTANCES / "fosdem-2025.yaml"), "--grid", str(grid), cwd=tmp_path) as url:
        open_desk(browser, url, width)
        widths = browser.execute_script(  # type: ignore[attr-defined]
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1]
        assert "1 broken rule" in text_of(browser, "#verdict")
        if width < 600:
            return  # a phone is for looking
        cards = browser.find_elements(By.CSS_SELECTOR, ".lane .card")  # type: ignore[attr-defined]
        assert len(cards) == 943
        first = cards[0]
        key = first.get_attribute("data-key")
        lane = first.find_element(By.XPATH, "ancestor::div[contains(@class, 'lane')]")
        others = browser.find_elements(By.CSS_SELECTOR, f'.lane[data-day="{lane.get_attribute("data-day")}"]')  # type: ignore[attr-defined]
        target = next(other for other in others if other.get_attribute("data-room") != lane.get_attribute("data-room"))
        room = target.get_attribute("data-room")
        drag(
            browser,
            f'.card[data-key="{key}"]',
            f'.lane[data-room="{room}"][data-day="{lane.get_attribute("data-day")}"]',
            200,
        )
        until(
            lambda: (
                browser.execute_script(  # type: ignore[attr-defined]
                    "return document.querySelector(arguments[0]).closest('.lane').dataset.room",
                    f'.card[data-talk="{key.split("/")[0]}"]',
                )
                == room
            ),
            "the drop on the timeline",
        )
        assert "checked in" in text_of(browser, "#message")
