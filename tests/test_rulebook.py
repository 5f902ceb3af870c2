"""One table of contents: every rule of the book is one function in the solver and one in the checker."""

from __future__ import annotations

import inspect

import pytest
from amj_scheduler.checker import hard_rules as checker_hard
from amj_scheduler.checker import soft_rules as checker_soft
from amj_scheduler.models import Instance, load_instance
from amj_scheduler.models.rulebook import HARD_RULES, SOFT_RULES, rules_for
from amj_scheduler.solver import hard_rules as solver_hard
from amj_scheduler.solver import soft_rules as solver_soft

from .builders import window_instance


def test_every_hard_rule_is_one_solver_function_or_built_into_the_variables_and_one_checker_function() -> None:
    for entry in HARD_RULES:
        assert (entry.id in solver_hard.RULES) != (entry.id in solver_hard.BUILT_INTO_THE_VARIABLES), entry.id
        assert entry.id in checker_hard.RULES, entry.id
    assert set(solver_hard.RULES) | set(solver_hard.BUILT_INTO_THE_VARIABLES) == {e.id for e in HARD_RULES}
    assert set(checker_hard.RULES) == {e.id for e in HARD_RULES}


def test_every_soft_rule_is_one_solver_function_one_checker_function_and_one_weight() -> None:
    assert set(solver_soft.RULES) == set(checker_soft.RULES) == {e.id for e in SOFT_RULES}
    assert all(e.id in Instance.model_fields["weights"].annotation.model_fields for e in SOFT_RULES)  # type: ignore[union-attr]


def test_the_checker_files_each_finding_under_the_books_name_for_the_rule() -> None:
    for entry in HARD_RULES:
        assert f'rule = "{entry.name}"' in inspect.getsource(checker_hard.RULES[entry.id]), entry.id


@pytest.mark.parametrize("path", ["instances/2010.yaml", "instances/fosdem-2025.yaml"])
def test_each_rule_says_in_words_whom_it_binds(path: str) -> None:
    instance = load_instance(path)
    for hard in (True, False):
        for entry in rules_for(instance, hard=hard):
            assert entry.binds(instance)[0].isdigit(), (entry.id, entry.binds(instance))


def test_a_conference_on_windows_has_its_own_rules_and_none_of_labelled_slots() -> None:
    ids = {entry.id for hard in (True, False) for entry in rules_for(window_instance(), hard=hard)}
    assert {"talk_inside_one_breakout_window", "track_in_its_fewest_rooms", "track_gap_minute"} <= ids
    assert not {"run_fits_the_day", "speaker_idle_slot", "choice_imbalance"} & ids
