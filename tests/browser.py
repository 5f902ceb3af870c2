"""Headless Chromium (Debian's `chromium`) and poppler's `pdftotext`, driven as a reader's
browser and printer: lay a page out at a width and measure it, print it to PDF, read the PDF's text.

Measuring uses `--dump-dom`: a copy of the page gets a small script that measures what a reader
would notice once it is laid out, and posts the figures to a frame page that holds it at the width
of a phone or a desktop and writes them into its DOM, which Chromium then prints. (Headless
Chromium lays a window out at 500 px at least, so a 400 px phone needs the frame.)
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
MISSING = (
    "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"
    if CHROMIUM is None
    else "pdftotext is not installed (Debian: apt-get install poppler-utils; .ci/run installs it)"
    if PDFTOTEXT is None
    else ""
)
TIMEOUT = 120

READABLE = ".title, .speakers, .room-label, .people, thead tr.rooms th, .track, .when, h1, h2, h3, td, th"
"""Text a reader must be able to read whole: a word wider than its box is split or spills over."""

MEASURE = """
<script>
(() => {
  const page = document.documentElement;
  const pen = document.createElement("canvas").getContext("2d");
  const widthOf = (word, style) => {
    pen.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return pen.measureText(word).width;
  };
  const cramped = [];
  let checked = 0;
  for (const element of document.querySelectorAll(READABLE)) {
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height || !element.innerText.trim()) continue;
    const style = getComputedStyle(element);
    const room = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    // The pieces a line may not break inside: words, and the parts of a hyphenated word.
    const words = element.innerText.split(/\\s+|(?<=-)/).filter(Boolean);
    const longest = Math.max(...words.map(word => widthOf(word, style)));
    checked += 1;
    if (longest > room + 1) cramped.push([element.innerText.trim().slice(0, 80), Math.round(room), Math.round(longest)]);
  }
  const tables = [...document.querySelectorAll("table.timeline:not(.print-group)")];
  const placed = tables.flatMap((table, index) => [...table.querySelectorAll(":is(th, td)[style*='--column']")]
    .filter(element => element.getBoundingClientRect().height > 0)
    .map(element => [element.tagName, index, parseInt(getComputedStyle(element).getPropertyValue("--column")),
                     element.getBoundingClientRect().top + scrollY]));
  parent.postMessage(JSON.stringify(
    {scrollWidth: page.scrollWidth, clientWidth: page.clientWidth, cramped, checked, placed}), "*");
})();
</script>
"""
FRAME = """<!DOCTYPE html>
<html><body style="margin: 0">
<script>addEventListener("message", event => document.body.setAttribute("data-measured", event.data));</script>
<iframe src="PAGE" style="width: WIDTHpx; height: 2000px; border: 0"></iframe>
</body></html>
"""


@dataclass(frozen=True)
class Layout:
    scroll_width: int
    client_width: int
    cramped: list[tuple[str, int, int]]
    """(text, the width its box gives it, the width of its longest word), for each box too narrow."""
    checked: int
    placed: list[tuple[str, int, int, float]]
    """Timeline cells and room headings on the page: (TH or TD, which day's table, room column, top in px)."""


HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Chromium with no screen and no traffic of its own: this machine's network is closed."""


def chromium(*arguments: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [CHROMIUM, *HEADLESS_FLAGS, f"--user-data-dir={profile}", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=True)


def layout(page: Path, width: int, work: Path) -> Layout:
    """The page laid out in a window `width` px wide, as measured by the script above."""
    measured = work / f"{page.stem}-measured.html"
    script = MEASURE.replace("READABLE", json.dumps(READABLE))
    measured.write_text(page.read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8")
    frame = work / f"{page.stem}-at-{width}.html"
    frame.write_text(FRAME.replace("PAGE", measured.name).replace("WIDTH", str(width)), encoding="utf-8")
    window = f"--window-size={width + 100},2100"
    dom = chromium(window, "--virtual-time-budget=5000", "--dump-dom", frame.as_uri(), profile=work / "profile").stdout
    found = re.search(r'data-measured="([^"]*)"', dom)
    assert found, "the measuring script did not run"
    figures = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    return Layout(
        figures["scrollWidth"],
        figures["clientWidth"],
        [tuple(item) for item in figures["cramped"]],
        figures["checked"],
        [tuple(item) for item in figures["placed"]],
    )


def print_to_pdf(page: Path, work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    pdf = work / f"{page.stem}.pdf"
    chromium(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri(), profile=work / "profile")
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's text in the order Chromium wrote it, which is the page's: a table cell's lines
    follow each other, rather than mingle with the cells beside them."""
    assert PDFTOTEXT is not None
    text = subprocess.run(
        [PDFTOTEXT, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=TIMEOUT
    ).stdout
    return text.split("\f")[:-1]


def flowing(text: str) -> str:
    """Lines joined as a reader reads them: a line that ends in a hyphen ('Jean-') runs on."""
    return " ".join(re.sub(r"(?<=\S-)\n", "", text).split())


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def pdf_words(pdf: Path) -> list[Word]:
    """Every word of the PDF with its box, in points."""
    assert PDFTOTEXT is not None
    html = subprocess.run(
        [PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=TIMEOUT
    ).stdout
    words = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for x_min, y_min, x_max, y_max, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
        ):
            words.append(Word(number, text, float(x_min), float(y_min), float(x_max), float(y_max)))
    return words


def split_words(pages: list[str], vocabulary: set[str]) -> list[str]:
    """Words broken across two lines, as 'Philanthrop|y': the end of one line and the start of the
    next make a word of the program together, while the end alone is none (a hyphen at the break
    is taken out, unless the program's own word has it)."""
    broken = []
    for page in pages:
        lines = [line.split() for line in page.splitlines() if line.strip()]
        for this, following in itertools.pairwise(lines):
            end, start = _bare(this[-1]), _bare(following[0])
            if not end or not start or end in vocabulary or not start[0].isalnum():
                continue
            hyphenated = end.endswith("-") and end[:-1][-1:].isalnum()
            if not (end[-1].isalnum() or hyphenated):
                continue  # a break after a symbol ('=', an emoji) is a break between words
            if hyphenated and end + start in vocabulary:
                continue  # at the word's own hyphen, as in 'real-|time'
            joined = end[:-1] + start if hyphenated else end + start
            if joined in vocabulary:
                broken.append(f"{this[-1]}|{following[0]}")
    return broken


def vocabulary(texts: list[str]) -> set[str]:
    return {bare for text in texts for word in text.split() if (bare := _bare(word))}


def _bare(word: str) -> str:
    """The word without the punctuation around it: 'Philanthropy:' is 'Philanthropy'."""
    return word.strip(".,:;!?()[]\"'“”‘’·–—")
