"""An infeasible plan in a planner's words: which of their requirements clash, where each is
written, and which single change would make a schedule possible."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console

from ..models import Instance
from ..models.names import visible
from ..models.requirements import Kind, Requirement, describe, entity_of, relaxation_text
from ..models.source_lines import SourceLines
from ..solver.diagnose import Diagnosis


def explanation_lines(
    instance: Instance, diagnosis: Diagnosis | None, impossibilities: list[str], lines: SourceLines
) -> list[str]:
    """Plain text, one item per line, so the terminal, tests and the README show the same words."""
    text: list[str] = []
    if diagnosis is None:
        text.append(
            "The requirements in conflict could not be narrowed down within the time limit; try a larger --time-limit."
        )
    elif not diagnosis.conflict:
        text.append(
            "The grid itself has too few breakout slots or rooms for the talks, whatever the other requirements."
        )
    else:
        count = len(diagnosis.conflict)
        where = visible(str(lines.path))
        if count == 1:
            text.append(f"This requirement in {where} cannot hold, whatever the others:")
        else:
            text.append(f"These {count} requirements in {where} cannot all hold together:")
        grouped: dict[str, list[Requirement]] = defaultdict(list)
        for requirement in diagnosis.conflict:
            grouped[entity_of(requirement, instance)].append(requirement)
        # The entity most requirements meet at (the overbooked speaker, the crowded room) comes first.
        for entity, requirements in sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0])):
            text.append(f"  {entity}")
            for requirement in requirements:
                text.append(f"    - {describe(requirement, instance)}{_where(requirement, lines)}")
        if diagnosis.proven_irreducible and count == 1:
            text.append("Without it the rest are satisfiable (shown by a solve).")
        elif diagnosis.proven_irreducible:
            text.append("Dropping any one of them makes the rest satisfiable (each shown by a solve).")
        else:
            text.append("Not yet proven irreducible within the time limit: some of them may not be needed.")
        if diagnosis.relaxations:
            text.append("Any one of these changes makes a schedule possible (each checked by a solve):")
            gentlest_first = sorted(diagnosis.relaxations, key=lambda r: _disruption(r, instance))
            text += [f"  - {relaxation_text(r, instance)}{_where(r, lines)}" for r in gentlest_first]
        elif diagnosis.relaxations_complete:
            text.append("No single change makes a schedule possible: give up two or more of the requirements above.")
        if not diagnosis.relaxations_complete:
            text.append("(The time limit ran out before every change was tried.)")
    if impossibilities:
        text.append("Also plain from counting:")
        text += [f"  - {message}" for message in impossibilities]
    return text


DISRUPTION: tuple[Kind, ...] = (
    "pin",
    "allowed-rooms",
    "allowed-times",
    "not-before",
    "not-after",
    "apart",
    "changeover",
    "room-unavailable",
    "speaker-unavailable",
    "requires",
    "fixed-room",
    "restricted",
    "fixed-person",
    "occurrences",
    "speaker-gives",
)
"""Changes a planner can make quietly come first (their own pins and talk rules, then rooms and
speakers away); a different speaker or a dropped talk come last. Every `Kind` has its place."""


def _disruption(requirement: Requirement, instance: Instance) -> tuple[bool, int, Requirement]:
    drops_a_talk = requirement.kind == "occurrences" and instance.talk_by_id[requirement.owner].occurrences == 1
    return (drops_a_talk, DISRUPTION.index(requirement.kind), requirement)


def _where(requirement: Requirement, lines: SourceLines) -> str:
    where = lines.where(requirement)
    return f" ({where})" if where else ""


def render_explanation(
    console: Console, instance: Instance, diagnosis: Diagnosis | None, impossibilities: list[str], lines: SourceLines
) -> None:
    for line in explanation_lines(instance, diagnosis, impossibilities, lines):
        console.print(line, highlight=False, markup=False, soft_wrap=True)
