"""`compare.html`: the comparison as one self-contained, printable page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .compare_figures import comparison_figures, figure_rows
from .compare_grid import side_by_side
from .comparison import Alternative, comparable, differing_occurrences, no_differences_text, talk_changes
from .formatting import date_span
from .templating import template_environment

LABEL_REM = 10.0
COLUMN_REM = 11.0
"""The least width a schedule's column reads well at; below the sum, the page stacks its tables."""


@dataclass(frozen=True)
class Heading:
    """An alternative as the page's header introduces it."""

    name: str
    origin: str
    changes: str
    """The talks it adds or drops against the reference; '' for the reference itself."""


def render_comparison_html(alternatives: Sequence[Alternative]) -> str:
    """The whole page as text: inline CSS, no scripts, no external assets."""
    alternatives = comparable(alternatives)
    reference = alternatives[0]
    instance = reference.instance
    return (
        template_environment()
        .get_template("compare.html.j2")
        .render(
            conference=instance.conference,
            dates=date_span(day.date for day in instance.days),
            alternatives=[
                Heading(alternative.name, alternative.origin, talk_changes(reference, alternative).text)
                for alternative in alternatives
            ],
            figures=figure_rows(comparison_figures(alternatives)),
            days=side_by_side(alternatives),
            differing=differing_occurrences(alternatives),
            no_differences=no_differences_text(len(alternatives)),
            stack_below=f"{LABEL_REM + COLUMN_REM * len(alternatives):g}",
        )
    )
