"""Infeasible plans explained in the planner's own words, on instance files a planner could write.

Each file in tests/instances/infeasible/ holds one realistic mistake (its top comment says which),
so the line numbers an explanation points at are real lines of a real file. For each we check what
a planner relies on: that `solve` proves there is no schedule and names exactly the requirements
that clash, that the explanation files them under the right speaker, room or talk with the right
lines, that the set really is irreducible and each suggested change really works (both shown on
the instance models with the real solver and the independent checker, not with the diagnosis
model), and that `amj-solve` says so and writes nothing.

Expected line numbers are found by reading each file as plain text, never by ruamel, so a mistake
in how explanations locate lines cannot hide behind the same mistake in the test.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.models import Instance, load_instance
from amj_scheduler.models.requirements import Requirement, relaxed, relaxed_all, requirements_of
from amj_scheduler.models.source_lines import SourceLines
from amj_scheduler.planning import plan
from amj_scheduler.reports.explanation import explanation_lines
from amj_scheduler.solver import SolveOptions, SolveOutcome, solve
from click.testing import CliRunner

INFEASIBLE = Path(__file__).parent / "instances" / "infeasible"
OPTIONS = SolveOptions(time_limit=20)
"""Far more than any of these tiny instances needs, so a slow CI machine never turns a proof into 'unknown'."""
SCHEDULED = ("optimal", "feasible")


# --- the planner's requirements, as the table writes them --------------------------------------


def occurrences(talk: str) -> Requirement:
    return Requirement("occurrences", talk)


def gives(talk: str, speaker: str) -> Requirement:
    return Requirement("speaker-gives", talk, speaker)


def pin(talk: str, index: int = 0) -> Requirement:
    return Requirement("pin", talk, index)


def requires(talk: str, feature: str) -> Requirement:
    return Requirement("requires", talk, feature)


def restricted(talk: str) -> Requirement:
    return Requirement("restricted", talk)


def away(speaker: str, index: int = 0) -> Requirement:
    return Requirement("speaker-unavailable", speaker, index)


def closed(room: str, index: int = 0) -> Requirement:
    return Requirement("room-unavailable", room, index)


def fixed_room(item: str) -> Requirement:
    return Requirement("fixed-room", item)


def fixed_person(item: str, speaker: str) -> Requirement:
    return Requirement("fixed-person", item, speaker)


# --- the table of mistakes ----------------------------------------------------------------------

Conflict = Mapping[Requirement, str]
"""An irreducible set, each requirement with the entity a planner files it under (as printed)."""


@dataclass(frozen=True)
class Case:
    file: str
    conflicts: tuple[Conflict, ...]
    """The irreducible sets the diagnosis may report: one, unless two mistakes meet at one requirement."""
    relaxations: frozenset[Requirement] | None = None
    """The single changes that make a schedule possible; None when every member of the conflict does."""

    @property
    def path(self) -> Path:
        return INFEASIBLE / self.file

    def expected_relaxations(self, conflict: Conflict) -> frozenset[Requirement]:
        return frozenset(conflict) if self.relaxations is None else self.relaxations


ANN, BO, CY, DEE = "Ann Lee", "Bo Chen", "Cy Diaz", "Dee Ross"
COUNTERPOINT, ORGAN = "'Modal Counterpoint'", "'Organ Improvisation'"
WARM_UPS, SIGHT_SINGING = "'Vocal Warm-ups'", "'Sight-singing Basics'"
HALL, MODULAR = "Nicholson Hall", "Modular I"
SARA, MANY_SIDES = "Sara Groves", "'The Many Sides of a Songwriter'"

CASES = (
    Case(
        "speaker-overbooked.yaml",
        (
            {
                gives("modal-counterpoint", "ann-lee"): ANN,
                gives("hymn-writing", "ann-lee"): ANN,
                occurrences("modal-counterpoint"): COUNTERPOINT,
                occurrences("hymn-writing"): "'Hymn Writing for Congregations'",
            },
        ),
    ),
    Case(
        "audience-overbooked.yaml",
        (
            {
                restricted("vocal-warm-ups"): WARM_UPS,
                occurrences("vocal-warm-ups"): WARM_UPS,
                restricted("sight-singing"): SIGHT_SINGING,
                occurrences("sight-singing"): SIGHT_SINGING,
            },
        ),
    ),
    Case(
        "projector-shortage.yaml",
        (
            {
                requires("lyrics-on-screen", "projector"): "'Lyrics on Screen'",
                occurrences("lyrics-on-screen"): "'Lyrics on Screen'",
                requires("reading-scores", "projector"): "'Reading Full Scores'",
                occurrences("reading-scores"): "'Reading Full Scores'",
            },
        ),
    ),
    Case(
        "colliding-pins.yaml",
        (
            {
                pin("choral-reading"): "'Choral Reading Session'",
                pin("organ-improvisation"): ORGAN,
            },
        ),
    ),
    # A speaker clash needs each talk's speaker: someone else giving either talk ends it.
    Case(
        "speaker-double-booked.yaml",
        (
            {
                pin("modal-counterpoint"): COUNTERPOINT,
                pin("figured-bass"): "'Figured Bass at the Keyboard'",
                gives("modal-counterpoint", "ann-lee"): ANN,
                gives("figured-bass", "ann-lee"): ANN,
            },
        ),
    ),
    Case(
        "pinned-while-away.yaml",
        (
            {
                pin("organ-improvisation"): ORGAN,
                gives("organ-improvisation", "bo-chen"): BO,
                away("bo-chen"): BO,
            },
        ),
    ),
    Case(
        "pinned-into-closed-room.yaml",
        (
            {
                pin("organ-improvisation"): ORGAN,
                closed("nicholson-hall"): HALL,
            },
        ),
    ),
    # The three talks given once are the program itself; only the repeat can give way.
    Case(
        "rooms-closed-too-often.yaml",
        (
            {
                closed("nicholson-hall"): HALL,
                closed("modular-i"): MODULAR,
                occurrences("modal-counterpoint"): COUNTERPOINT,
            },
        ),
    ),
    # Given once but over two slots: the workshop's run of slots is what can give way.
    Case(
        "workshop-without-a-free-run.yaml",
        (
            {
                occurrences("songwriting-workshop"): "'Songwriting Workshop'",
                closed("nicholson-hall"): HALL,
                closed("modular-i"): MODULAR,
            },
        ),
    ),
    # The rehearsal's room is the Sanctuary, not a breakout room: it holds no talk either way.
    Case(
        "leader-pinned-against-rehearsal.yaml",
        (
            {
                pin("choral-conducting"): "'Choral Conducting'",
                gives("choral-conducting", "cy-diaz"): CY,
                fixed_person("massed-choir-rehearsal", "cy-diaz"): CY,
            },
        ),
    ),
    # Bo Chen also plays the recital, but gives no talk: only the room it takes matters.
    Case(
        "recital-holds-the-piano-room.yaml",
        (
            {
                fixed_room("organ-recital"): HALL,
                requires("piano-masterclass", "piano"): "'Piano Masterclass'",
                pin("piano-masterclass"): "'Piano Masterclass'",
            },
        ),
    ),
    Case(
        "repeated-talk-speaker-away.yaml",
        (
            {
                occurrences("choral-conducting"): "'Choral Conducting'",
                gives("choral-conducting", "dee-ross"): DEE,
                away("dee-ross"): DEE,
            },
        ),
    ),
    Case(
        "audience-pinned-together.yaml",
        (
            {
                pin("vocal-warm-ups"): WARM_UPS,
                restricted("vocal-warm-ups"): WARM_UPS,
                pin("sight-singing"): SIGHT_SINGING,
                restricted("sight-singing"): SIGHT_SINGING,
            },
        ),
    ),
    Case(
        "co-speakers-never-both-free.yaml",
        (
            {
                occurrences("telling-stories"): "'Telling Stories with Words and Pictures'",
                gives("telling-stories", "ted-haddock"): "Ted Haddock",
                gives("telling-stories", "jim-wildman"): "Jim Wildman",
                away("ted-haddock"): "Ted Haddock",
                away("jim-wildman"): "Jim Wildman",
            },
        ),
    ),
    # Two mistakes share the pin: either may be reported, and only moving the pin fixes both.
    Case(
        "pinned-into-closed-room-while-away.yaml",
        (
            {pin("organ-improvisation"): ORGAN, closed("modular-i"): MODULAR},
            {pin("organ-improvisation"): ORGAN, gives("organ-improvisation", "bo-chen"): BO, away("bo-chen"): BO},
        ),
        relaxations=frozenset({pin("organ-improvisation")}),
    ),
    # Occurrence 2 carries the second pin; giving the talk once drops that occurrence and its pin.
    Case(
        "both-occurrences-pinned-speaker-away.yaml",
        (
            {
                occurrences("modal-counterpoint"): COUNTERPOINT,
                pin("modal-counterpoint", 1): COUNTERPOINT,
                gives("modal-counterpoint", "ann-lee"): ANN,
                away("ann-lee"): ANN,
            },
        ),
    ),
    # AMJ 2010 with one talk added: the Q&A's pin and 'The Real You' being girls-only are not needed.
    Case(
        "2010-sara-groves-overbooked.yaml",
        (
            {
                gives("the-real-you", "sara-groves"): SARA,
                gives("many-sides-of-a-songwriter", "sara-groves"): SARA,
                gives("songwriting-qa", "sara-groves"): SARA,
                away("sara-groves"): SARA,
                occurrences("many-sides-of-a-songwriter"): MANY_SIDES,
            },
        ),
    ),
)


def cases() -> list[object]:
    """The table as parameters of one test, each named by its file."""
    return [pytest.param(case, id=case.path.stem) for case in CASES]


# --- shared work: one load and one solve per file ------------------------------------------------


def instance_of(case: Case) -> Instance:
    return _load(case.file)


def outcome_of(case: Case) -> SolveOutcome:
    return _solve(case.file)


@functools.cache
def _load(file: str) -> Instance:
    return load_instance(INFEASIBLE / file)


@functools.cache
def _solve(file: str) -> SolveOutcome:
    return solve(_load(file), OPTIONS)


def reported(case: Case) -> Conflict:
    """The expected conflict the diagnosis reported; fails when it reported none of them."""
    diagnosis = outcome_of(case).diagnosis
    assert diagnosis is not None
    found = set(diagnosis.conflict)
    matching = [conflict for conflict in case.conflicts if set(conflict) == found]
    assert matching, f"reported {sorted(found)}, expected one of {[sorted(c) for c in case.conflicts]}"
    return matching[0]


def explanation_of(case: Case) -> list[str]:
    outcome = outcome_of(case)
    return explanation_lines(instance_of(case), outcome.diagnosis, outcome.impossibilities, SourceLines.read(case.path))


# --- where a planner finds each requirement in the file, read as plain text ---------------------

SECTION = {
    "occurrences": "talks",
    "speaker-gives": "talks",
    "pin": "talks",
    "requires": "talks",
    "restricted": "talks",
    "speaker-unavailable": "speakers",
    "room-unavailable": "rooms",
    "fixed-room": "fixed_items",
    "fixed-person": "fixed_items",
}
KEY = {
    "occurrences": "occurrences",
    "speaker-gives": "speakers",
    "pin": "pins",
    "requires": "requires",
    "restricted": "restricted_to",
    "speaker-unavailable": "unavailable",
    "room-unavailable": "unavailable",
    "fixed-room": "room",
    "fixed-person": "people",
}
LISTED = ("pin", "speaker-unavailable", "room-unavailable")
"""Kinds whose detail is an index into a block list: their line is that list item's first line."""


def written_at(path: Path, requirement: Requirement) -> int:
    """The 1-based line holding the requirement: its key in the owner's entry (`speakers:`, `room:`),
    the n-th `- ` item under `pins:` or `unavailable:`, or, for a count of occurrences left at its
    default, the owner's own `- id:` line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    section = lines.index(f"{SECTION[requirement.kind]}:")
    entry = next(
        i
        for i in range(section + 1, len(lines))
        if re.fullmatch(rf"  - id: {re.escape(requirement.owner)}\s*(#.*)?", lines[i])
    )
    end = next((i for i in range(entry + 1, len(lines)) if re.match(r"(  - |\S)", lines[i])), len(lines))
    key = next((i for i in range(entry + 1, end) if lines[i].startswith(f"    {KEY[requirement.kind]}:")), None)
    if key is None:
        assert requirement.kind == "occurrences", f"{requirement} is not written in {path.name}"
        return entry + 1
    if requirement.kind not in LISTED:
        return key + 1
    items = [i for i in range(key + 1, end) if re.match(r"      - ", lines[i])]
    return items[int(requirement.detail)] + 1


ITEM = re.compile(r"    - .* \(line (\d+)\)")
SUGGESTION = re.compile(r"  - .* \(line (\d+)\)")


def filed(explanation: list[str]) -> dict[str, set[int]]:
    """The conflict part of an explanation as {entity heading: lines of the requirements under it};
    every requirement must name its line."""
    grouped: dict[str, set[int]] = defaultdict(set)
    heading = ""
    for line in explanation[1:]:
        if not line.startswith("  "):
            break
        if line.startswith("    "):
            match = ITEM.fullmatch(line)
            assert match, f"no line number: {line!r}"
            grouped[heading].add(int(match[1]))
        else:
            heading = line.strip()
    return dict(grouped)


def suggested(explanation: list[str]) -> list[int]:
    """The lines of the suggested changes, in the order the explanation gives them."""
    start = next(i for i, line in enumerate(explanation) if line.startswith("Any one of these changes"))
    numbers = []
    for line in explanation[start + 1 :]:
        if not line.startswith("  - "):
            break
        match = SUGGESTION.fullmatch(line)
        assert match, f"no line number: {line!r}"
        numbers.append(int(match[1]))
    return numbers


# --- 1. and 2.: no schedule, and exactly the planner's mistake as the reason ----------------------


@pytest.mark.parametrize("case", cases())
def test_solve_proves_there_is_no_schedule_and_that_the_conflict_is_irreducible(case: Case) -> None:
    """A planner acts on the explanation only if it is proven, not a guess cut short by the time limit."""
    outcome = outcome_of(case)
    assert outcome.status == "infeasible"
    assert outcome.schedule is None
    assert outcome.diagnosis is not None, "the conflict was not narrowed down within the time limit"
    assert outcome.diagnosis.proven_irreducible
    assert outcome.diagnosis.relaxations_complete


@pytest.mark.parametrize("case", cases())
def test_the_conflict_is_exactly_the_mistake_and_the_suggestions_are_the_changes_that_work(case: Case) -> None:
    """Nothing innocent is blamed, nothing guilty is left out, and no working single change is withheld."""
    conflict = reported(case)
    diagnosis = outcome_of(case).diagnosis
    assert diagnosis is not None
    assert len(diagnosis.conflict) == len(conflict), "a requirement is listed twice"
    assert set(diagnosis.relaxations) == case.expected_relaxations(conflict)


# --- 3.: the explanation names whom and where ----------------------------------------------------


@pytest.mark.parametrize("case", cases())
def test_the_explanation_files_each_requirement_under_its_speaker_room_or_talk_with_its_line(case: Case) -> None:
    """The planner fixes the file, so each requirement and each suggested change must name the line
    it is written on, under the person, room or talk the planner would look up."""
    conflict = reported(case)
    explanation = explanation_of(case)
    assert explanation[0] == f"These {len(conflict)} requirements in {case.path} cannot all hold together:"
    expected: dict[str, set[int]] = defaultdict(set)
    for requirement, entity in conflict.items():
        expected[entity].add(written_at(case.path, requirement))
    assert filed(explanation) == expected
    assert "Dropping any one of them makes the rest satisfiable (each shown by a solve)." in explanation
    relaxations = case.expected_relaxations(conflict)
    assert sorted(suggested(explanation)) == sorted(written_at(case.path, r) for r in relaxations)


# --- 4.: irreducible on the instance itself, by the real solver and the independent checker ------


@pytest.mark.parametrize("case", cases())
def test_each_conflict_is_irreducible_on_the_instance_models(case: Case) -> None:
    """Shown without the diagnosis model: everything outside the set given up in the YAML's own
    terms (models.requirements), still no schedule; give up one member more, and the solver finds
    a schedule that the checker accepts. Every conflict the table allows is proven, not only the
    one reported."""
    instance = instance_of(case)
    for conflict in case.conflicts:
        others = [r for r in requirements_of(instance) if r not in conflict]
        assert plan(relaxed_all(instance, others), OPTIONS).outcome.status == "infeasible"
        for member in conflict:
            planned = plan(relaxed_all(instance, [*others, member]), OPTIONS)
            assert planned.outcome.status in SCHEDULED, f"{member} given up as well: {planned.outcome.status}"
            assert planned.score is not None


# --- 5.: each suggestion works on the whole instance; the rest of the conflict does not ----------


@pytest.mark.parametrize("case", cases())
def test_each_suggested_change_gives_a_checked_schedule_and_no_other_member_does(case: Case) -> None:
    """A suggestion the planner follows must end in a published grid; a member not suggested must
    really be unable to do it alone, or the explanation hides a fix."""
    instance = instance_of(case)
    diagnosis = outcome_of(case).diagnosis
    assert diagnosis is not None
    for requirement in diagnosis.conflict:
        planned = plan(relaxed(instance, requirement), OPTIONS)
        if requirement in diagnosis.relaxations:
            assert planned.outcome.status in SCHEDULED, f"suggested {requirement}, but {planned.outcome.status}"
            assert planned.score is not None
        else:
            assert planned.outcome.status == "infeasible", f"{requirement} alone would do, but is not suggested"


# --- 6.: what the planner sees at the command line ------------------------------------------------


@pytest.mark.parametrize("case", cases())
def test_amj_solve_exits_1_writes_nothing_and_points_at_the_lines(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The planner's first contact: a clear failure exit, no half-written grid, and lines to go to."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, [str(case.path), "--out", "out"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert list(tmp_path.iterdir()) == []
    assert "Traceback" not in result.output
    assert case.file in result.stderr
    printed = {int(n) for n in re.findall(r"\(line (\d+)\)", result.stderr)}
    possible = {written_at(case.path, r) for conflict in case.conflicts for r in conflict}
    assert printed and printed <= possible


# --- AMJ 2010 with Sara Groves overbooked ---------------------------------------------------------


def test_sara_groves_is_listed_first_and_her_afternoon_off_is_the_gentlest_change() -> None:
    """The entity most requirements meet at leads the explanation, and the suggested changes run
    from asking her to stay to dropping a repeat to finding another speaker, so the planner reads
    the kindest fix first."""
    case = next(case for case in CASES if case.file.startswith("2010-"))
    explanation = explanation_of(case)
    assert explanation[1] == f"  {SARA}"
    start = explanation.index("Any one of these changes makes a schedule possible (each checked by a solve):")
    line = functools.partial(written_at, case.path)
    assert explanation[start + 1 : start + 3] == [
        f"  - ask Sara Groves to be available in Session IV, Saturday 15:15-16:00 (line {line(away('sara-groves'))})",
        f"  - give {MANY_SIDES} 1 time instead of 2 (line {line(occurrences('many-sides-of-a-songwriter'))})",
    ]
    others = {
        f"  - let someone other than Sara Groves give {title} (line {line(gives(talk, 'sara-groves'))})"
        for talk, title in (
            ("many-sides-of-a-songwriter", MANY_SIDES),
            ("songwriting-qa", "'Songwriting Q&A'"),
            ("the-real-you", "'The Real You'"),
        )
    }
    assert set(explanation[start + 3 : start + 6]) == others


# --- requirements a scenario adds are cited in the scenario's file ------------------------------

SARA_OVERBOOKED_SCENARIO = """\
scenario: Sara overbooked
add_talks:
  - id: songwriting-qa
    title: Songwriting Q&A
    speakers: [sara-groves]
    pins: [{slot: session-iii}]
speaker_unavailable:
  - {speaker: sara-groves, day: 2010-04-17, start: "15:15", end: "16:00", reason: sound check}
"""


def test_a_requirement_added_by_a_scenario_is_cited_at_its_line_in_the_scenario(tmp_path: Path) -> None:
    """The same conflict as the overbooked 2010 file, but made by a scenario over instances/2010.yaml:
    the planner must be sent to the scenario for what it added, and to the instance for the rest."""
    scenario = tmp_path / "sara.yaml"
    scenario.write_text(SARA_OVERBOOKED_SCENARIO, encoding="utf-8")
    base = Path(__file__).parents[1] / "instances" / "2010.yaml"
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(main, [str(base), "--scenario", str(scenario), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    message = result.stderr
    base_text = base.read_text(encoding="utf-8").splitlines()
    real_you_speakers = next(
        number
        for number, line in enumerate(base_text, start=1)
        if line.strip() == "speakers: [sara-groves]" and "The Real You" in base_text[number - 2]
    )
    assert "gives 'Songwriting Q&A' (sara.yaml line 3)" in message
    assert "is unavailable in Session IV, Saturday 15:15-16:00 (sara.yaml line 8)" in message
    assert f"gives 'The Real You' (line {real_you_speakers})" in message
    assert not (tmp_path / "out").exists()


def test_a_scenario_pin_on_another_occurrence_leaves_the_instance_pin_cited_in_the_instance(tmp_path: Path) -> None:
    """The instance pins occurrence 1 of 'Many Sides' to Session I, where Sara Groves is away; a
    scenario pins occurrence 2 elsewhere. The conflict is about the instance's pin, so the planner
    must be sent to the instance's line, not to the scenario's pin of the other occurrence."""
    small = Path(__file__).parent / "instances" / "small.yaml"
    text = small.read_text(encoding="utf-8")
    text = text.replace(
        "    name: Sara Groves\n",
        '    name: Sara Groves\n    unavailable:\n      - {day: 2025-06-12, start: "10:00", end: "11:00"}\n',
    )
    text = text.replace(
        "    occurrences: 2\n    expected_attendance: 100\n",
        "    occurrences: 2\n    expected_attendance: 100\n    pins:\n      - slot: session-i\n",
    )
    (tmp_path / "pinned.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "second.yaml").write_text(
        "scenario: Pin second\npin:\n  - {talk: many-sides, occurrence: 2, slot: session-ii}\n", encoding="utf-8"
    )
    pin_line = text.splitlines().index("      - slot: session-i") + 1
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(
        main,
        [str(tmp_path / "pinned.yaml"), "--scenario", str(tmp_path / "second.yaml"), "--out", str(tmp_path / "out")],
    )
    assert result.exit_code == 1, result.output
    assert f"occurrence 1 is pinned to Session I (line {pin_line})" in result.stderr
    assert "second.yaml" not in result.stderr
