"""Benchmark: the planner's desk (`amj-solve serve`) as a planner meets it, in headless chromium.

    python benchmarks/bench_desk.py [--runs N]

Needs the test extras (selenium) and Debian's chromium and chromium-driver. For AMJ 2010 and FOSDEM
2025, each opened with its published grid:

- page ready: from spawning `amj-solve serve` to the page drawn in the browser (its script done),
  split into the command's start (spawn to the URL printed) and the page's load;
- a drop checked and shown: a card moved with real key presses (Enter, an arrow, Enter), timed by
  the page from the drop to the checker's verdict drawn and the page laid out again;
- re-plan from an edit (FOSDEM): a card moved onto another talk's room and time, then the re-plan
  asked for over HTTP, from the request to its moves ready.

Figures are medians over N runs with min and max, after one warm-up run that is not counted.
Targets (issue 17): AMJ page ready under 1 s, an AMJ drop under 200 ms; a FOSDEM drop under 300 ms,
a FOSDEM re-plan from an edit under 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from timing import amj_solve, machine_line

REPO = Path(__file__).resolve().parents[1]
CONFERENCES = {
    "AMJ 2010": (REPO / "instances" / "2010.yaml", REPO / "instances" / "2010-published.csv"),
    "FOSDEM 2025": (REPO / "instances" / "fosdem-2025.yaml", REPO / "instances" / "fosdem-2025-published.csv"),
}
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)


def browser(profile: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))


def until(condition: Callable[[], object], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up after {seconds:g} s")
        time.sleep(0.005)


class Served:
    """`amj-solve serve INSTANCE --grid GRID --port 0`, timed from spawn to the URL printed."""

    def __init__(self, instance: Path, grid: Path, work: Path) -> None:
        self.spawned = time.perf_counter()
        self.process = subprocess.Popen(
            [amj_solve(), "serve", str(instance), "--grid", str(grid), "--port", "0"],
            cwd=work,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        self.listening = time.perf_counter()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if not found:
            raise SystemExit(
                f"amj-solve serve did not start: {line}{self.process.stderr.read() if self.process.stderr else ''}"
            )
        self.url = found.group(0)

    def post(self, path: str, body: dict[str, object]) -> dict[str, object]:
        request = urllib.request.Request(
            self.url + path.lstrip("/"), json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request) as answer:
            return json.load(answer)

    def get(self, path: str) -> dict[str, object]:
        with urllib.request.urlopen(self.url + path.lstrip("/")) as answer:
            return json.load(answer)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=20)


def page_ready(driver: webdriver.Chrome, instance: Path, grid: Path, work: Path) -> tuple[float, float, float]:
    """(spawn to page ready, spawn to URL printed, URL to page ready), in seconds."""
    served = Served(instance, grid, work)
    try:
        driver.get(served.url)
        until(lambda: driver.execute_script("return document.body.dataset.ready") == "yes")
        ready = time.perf_counter()
    finally:
        served.stop()
    return ready - served.spawned, served.listening - served.spawned, ready - served.listening


def drops(driver: webdriver.Chrome, count: int) -> list[float]:
    """Seconds from a keyboard drop to the verdict drawn, as the page measures it, `count` times: the
    first talk's card moved one room to the right and back again."""
    timings = []
    card_key = driver.find_element(By.CSS_SELECTOR, ".card").get_attribute("data-talk")
    for number in range(count):
        card = driver.find_element(By.CSS_SELECTOR, f'.card[data-talk="{card_key}"]')
        driver.execute_script("arguments[0].focus()", card)
        before = int(driver.execute_script("return document.body.dataset.drops || '0'"))
        arrow = Keys.ARROW_RIGHT if number % 2 == 0 else Keys.ARROW_LEFT
        card.send_keys(Keys.ENTER, arrow, Keys.ENTER)

        def dropped(before: int = before) -> bool:
            return int(driver.execute_script("return document.body.dataset.drops || '0'")) > before

        until(dropped)
        timings.append(int(driver.execute_script("return document.body.dataset.lastDropMs")) / 1000)
    return timings


def replans(served: Served, count: int) -> list[float]:
    """Seconds from asking for a re-plan of an edited FOSDEM grid to its moves ready: a talk moved
    onto the room and time of another day's first talk."""
    state = served.get("/api/state")
    placements = state["placements"]
    assert isinstance(placements, list)
    (key, _, _), (_, slot, room) = placements[0], placements[len(placements) // 2]
    talk, occurrence = key.rsplit("/", 1)
    state = served.post(
        "/api/move",
        {"version": state["version"], "talk": talk, "occurrence": int(occurrence), "slot": slot, "room": room},
    )
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        served.post("/api/replan", {"version": state["version"]})
        until(lambda: not served.get("/api/job")["job"]["running"])  # type: ignore[index]
        timings.append(time.perf_counter() - started)
        job = served.get("/api/job")["job"]
        assert isinstance(job, dict) and not job["failure"], job
    return timings


def line(label: str, seconds: list[float], unit: str = "s") -> str:
    scale, digits = (1000, 0) if unit == "ms" else (1, 3)
    figures = [
        f"{value * scale:.{digits}f} {unit}" for value in (statistics.median(seconds), min(seconds), max(seconds))
    ]
    return f"{label:<58} median {figures[0]:>9}   min {figures[1]:>9}   max {figures[2]:>9}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    print(machine_line())
    print(f"load average before: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        driver = browser(work / "profile")
        try:
            for name, (instance, grid) in CONFERENCES.items():
                ready = [page_ready(driver, instance, grid, work) for _ in range(runs + 1)][1:]
                print(line(f"{name}: page ready after start", [r[0] for r in ready]))
                print(line("  of which the command's start (spawn to URL printed)", [r[1] for r in ready]))
                print(line("  of which the page's load (URL to page drawn)", [r[2] for r in ready]))
                served = Served(instance, grid, work)
                try:
                    driver.get(served.url)
                    until(lambda: driver.execute_script("return document.body.dataset.ready") == "yes")
                    print(line(f"{name}: a drop checked and shown", drops(driver, runs + 1)[1:], "ms"))
                    if name.startswith("FOSDEM"):
                        print(line(f"{name}: re-plan from an edit", replans(served, runs + 1)[1:]))
                finally:
                    served.stop()
        finally:
            driver.quit()
    print(f"load average after: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
