"""Days that run past midnight: a congress files its 00:50 talk under the evening it belongs to."""

from __future__ import annotations

import datetime as dt

import pytest
from amj_scheduler.checker import find_violations
from amj_scheduler.models import Clock, Instance
from amj_scheduler.models.clock import moment, parse_clock
from amj_scheduler.planning import plan

from .builders import FRI, THU, instance, schedule, talk


@pytest.mark.parametrize(("written", "minutes"), [("00:00", 0), ("23:59", 1439), ("25:30", 1530), ("47:59", 2879)])
def test_clock_times_run_from_the_days_midnight_into_the_night_after(written: str, minutes: int) -> None:
    assert parse_clock(written) == minutes
    assert str(parse_clock(written)) == written


@pytest.mark.parametrize("written", ["48:00", "24:60", "٢٣:٠٠", "7.30", "10:15:30"])
def test_times_beyond_the_night_after_or_in_other_digits_are_refused(written: str) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_clock(written)


def test_a_time_past_midnight_is_the_next_dates_clock() -> None:
    assert moment(dt.date(2025, 12, 27), Clock(25 * 60 + 30)) == dt.datetime(2025, 12, 28, 1, 30)


def late_night() -> Instance:
    """Thursday's last session runs 23:30-00:30 (written 23:30-24:30); Friday's first 00:00-01:00."""
    return instance(
        breakout_slots=[
            {"id": "late", "label": "Late", "day": THU, "start": "23:30", "end": "24:30"},
            {"id": "early", "label": "Early", "day": FRI, "start": "00:00", "end": "01:00"},
        ],
        talks=[talk("night-owls"), talk("dawn-chorus")],
    )


def test_a_speaker_past_midnight_clashes_with_the_next_dates_early_talk() -> None:
    found = find_violations(
        late_night(), schedule(("night-owls", 1, "late", "hall"), ("dawn-chorus", 1, "early", "mod1"))
    )
    assert [v.rule for v in found] == ["speaker in one place at a time"]


def test_talks_filed_under_two_days_but_an_hour_apart_do_not_clash() -> None:
    conference = instance(
        breakout_slots=[
            {"id": "late", "label": "Late", "day": THU, "start": "23:00", "end": "24:00"},
            {"id": "early", "label": "Early", "day": FRI, "start": "00:00", "end": "01:00"},
        ],
        talks=[talk("night-owls"), talk("dawn-chorus")],
    )
    assert (
        find_violations(conference, schedule(("night-owls", 1, "late", "hall"), ("dawn-chorus", 1, "early", "hall")))
        == []
    )


def test_the_solver_never_books_a_speaker_across_midnight_twice() -> None:
    assert plan(late_night()).outcome.status == "infeasible"
