"""The independent checker: every hard rule caught, touching times allowed, soft costs by hand."""

from __future__ import annotations

import pytest
from amj_scheduler.checker import CostItem, RuleCost, SoftScore, Violation, find_violations, score_schedule

from .builders import FRI, THU, fixed, instance, schedule, talk


def only(violations: list[Violation], rule: str) -> Violation:
    """The single violation, asserting it is of the expected rule."""
    assert [v.rule for v in violations] == [rule], violations
    return violations[0]


def cost_of(score: SoftScore, rule: str) -> RuleCost:
    return next(item for item in score.rules if item.rule == rule)


# --- a valid schedule ---------------------------------------------------------------------


def test_a_valid_schedule_has_no_violations() -> None:
    conference = instance(
        talks=[
            talk("modal-counterpoint", occurrences=2, pins=[{"slot": "s1"}]),
            talk("hymn-writing", speakers=["bo"], restricted_to="youth", requires=["piano"]),
            talk("chant-workshop", speakers=["cy"], length=2, restricted_to="youth"),
        ],
        fixed_items=[fixed("lunch", "12:15", "14:00", room="hall", people=["ann", "bo"])],
    )
    plan = schedule(
        ("modal-counterpoint", 1, "s1", "mod1"),
        ("modal-counterpoint", 2, "s3", "mod1"),
        ("chant-workshop", 1, "s1", "hall"),
        ("hymn-writing", 1, "s3", "hall"),
    )
    assert find_violations(conference, plan) == []


# --- every occurrence placed exactly once -------------------------------------------------


def test_a_missing_occurrence_is_found() -> None:
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2)])
    found = only(
        find_violations(conference, schedule(("modal-counterpoint", 1, "s1", "hall"))),
        "every occurrence placed exactly once",
    )
    assert "'Modal Counterpoint' is given 2 times but placed once" in found.message
    assert found.talks == ("modal-counterpoint",)


def test_unknown_talk_slot_and_room_ids_are_violations_not_exceptions() -> None:
    plan = schedule(("ghost", 1, "s1", "hall"), ("modal-counterpoint", 1, "s9", "attic"))
    messages = [v.message for v in find_violations(instance(), plan)]
    assert {v.rule for v in find_violations(instance(), plan)} == {"every occurrence placed exactly once"}
    assert any("talk id 'ghost'" in m for m in messages)
    assert any("slot id 's9'" in m for m in messages)
    assert any("room id 'attic'" in m for m in messages)
    assert score_schedule(instance(), plan).rules  # scoring skips what it cannot judge


def test_an_occurrence_numbered_twice_or_beyond_the_count_is_found() -> None:
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2)])
    plan = schedule(("modal-counterpoint", 1, "s1", "hall"), ("modal-counterpoint", 1, "s3", "hall"))
    assert (
        "2 placements numbered occurrence 1"
        in only(find_violations(conference, plan), "every occurrence placed exactly once").message
    )
    plan = schedule(("modal-counterpoint", 1, "s1", "hall"), ("modal-counterpoint", 3, "s3", "hall"))
    assert (
        "numbered occurrence 3, but it is given only 2 times"
        in only(find_violations(conference, plan), "every occurrence placed exactly once").message
    )


def test_occurrence_one_must_be_the_earliest() -> None:
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2)])
    plan = schedule(("modal-counterpoint", 1, "s4", "hall"), ("modal-counterpoint", 2, "s1", "hall"))
    found = only(find_violations(conference, plan), "every occurrence placed exactly once")
    assert "occurrence 2 (Session I, Thu 12 Jun 10:00-11:00) starts before occurrence 1 (Session IV" in found.message


# --- occurrences in different slots --------------------------------------------------------


def test_two_occurrences_of_a_talk_in_one_slot_are_found() -> None:
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2, speakers=["ann"])])
    plan = schedule(("modal-counterpoint", 1, "s1", "hall"), ("modal-counterpoint", 2, "s1", "mod1"))
    rules = [v.rule for v in find_violations(conference, plan)]
    assert rules == ["occurrences in different slots", "speaker in one place at a time"]
    found = find_violations(conference, plan)[0]
    assert "'Modal Counterpoint' occurrences 1 and 2 overlap" in found.message


# --- breakout rooms only -------------------------------------------------------------------


def test_a_talk_in_a_room_without_breakouts_is_found() -> None:
    found = only(find_violations(instance(), schedule(("modal-counterpoint", 1, "s1", "sanct"))), "breakout rooms only")
    assert "'Modal Counterpoint'" in found.message and "Sanctuary, which is not a breakout room" in found.message


# --- room holds one thing at a time ---------------------------------------------------------


def test_two_talks_in_one_room_at_once_are_found() -> None:
    conference = instance(talks=[talk("modal-counterpoint"), talk("hymn-writing", speakers=["bo"])])
    plan = schedule(("modal-counterpoint", 1, "s2", "hall"), ("hymn-writing", 1, "s2", "hall"))
    found = only(find_violations(conference, plan), "room holds one thing at a time")
    assert found.message.startswith("Nicholson Hall holds two talks at once")
    assert "'Modal Counterpoint'" in found.message and "'Hymn Writing'" in found.message
    assert found.talks == ("modal-counterpoint", "hymn-writing")


def test_room_clash_is_found_when_a_fixed_item_shares_ten_minutes() -> None:
    conference = instance(fixed_items=[fixed("rehearsal", "10:50", "12:00", room="hall")])
    found = only(
        find_violations(conference, schedule(("modal-counterpoint", 1, "s1", "hall"))), "room holds one thing at a time"
    )
    assert "Nicholson Hall holds 'Modal Counterpoint' (Session I, Thu 12 Jun 10:00-11:00)" in found.message
    assert "'Rehearsal' is there (Thu 12 Jun 10:50-12:00)" in found.message


def test_touching_times_are_not_a_clash() -> None:
    conference = instance(
        fixed_items=[
            fixed("coffee", "11:00", "11:15", room="hall", people=["ann"]),
            fixed("setup", "09:00", "10:00", room="hall"),
        ],
        rooms=[
            {
                "id": "hall",
                "name": "Nicholson Hall",
                "capacity": 60,
                "unavailable": [{"day": THU, "start": "08:00", "end": "10:00"}],
            }
        ],
        speakers=[{"id": "ann", "name": "Ann Lee", "unavailable": [{"day": THU, "start": "11:00", "end": "13:00"}]}],
    )
    assert find_violations(conference, schedule(("modal-counterpoint", 1, "s1", "hall"))) == []


def test_a_fixed_item_on_another_day_or_in_another_room_is_no_clash() -> None:
    conference = instance(
        fixed_items=[
            fixed("rehearsal", "10:00", "11:00", room="hall", day=FRI),
            fixed("tuning", "10:00", "11:00", room="mod1"),
        ]
    )
    assert find_violations(conference, schedule(("modal-counterpoint", 1, "s1", "hall"))) == []


def test_a_two_slot_talk_holds_its_room_through_the_break_between_its_slots() -> None:
    conference = instance(
        talks=[talk("chant-workshop", length=2)], fixed_items=[fixed("coffee", "11:00", "11:15", room="hall")]
    )
    found = only(
        find_violations(conference, schedule(("chant-workshop", 1, "s1", "hall"))), "room holds one thing at a time"
    )
    assert "'Chant Workshop' (Session I to Session II, Thu 12 Jun 10:00-12:15)" in found.message


def test_a_talk_in_a_room_while_it_is_unavailable_is_found() -> None:
    conference = instance(
        rooms=[
            {
                "id": "hall",
                "name": "Nicholson Hall",
                "capacity": 60,
                "unavailable": [{"day": THU, "start": "10:30", "end": "12:00", "reason": "piano tuning"}],
            }
        ]
    )
    found = only(
        find_violations(conference, schedule(("modal-counterpoint", 1, "s1", "hall"))), "room holds one thing at a time"
    )
    assert "Nicholson Hall is unavailable Thu 12 Jun 10:30-12:00 (piano tuning)" in found.message


# --- speaker in one place at a time ---------------------------------------------------------


def test_a_speaker_giving_two_talks_at_once_is_found() -> None:
    conference = instance(
        talks=[talk("modal-counterpoint", speakers=["ann", "bo"]), talk("hymn-writing", speakers=["cy", "bo"])]
    )
    plan = schedule(("modal-counterpoint", 1, "s1", "hall"), ("hymn-writing", 1, "s1", "mod1"))
    found = only(find_violations(conference, plan), "speaker in one place at a time")
    assert found.message.startswith("Bo Chen would be in two places at once")
    assert "Ann Lee" not in found.message and "Cy Diaz" not in found.message


def test_a_speaker_leading_a_fixed_item_at_the_same_time_is_found() -> None:
    conference = instance(fixed_items=[fixed("evensong", "10:45", "11:30", room="sanct", people=["ann"])])
    found = only(
        find_violations(conference, schedule(("modal-counterpoint", 1, "s1", "hall"))), "speaker in one place at a time"
    )
    assert "Ann Lee would give 'Modal Counterpoint'" in found.message and "while leading 'Evensong'" in found.message


def test_a_fixed_item_led_by_someone_else_is_no_clash_for_the_speaker() -> None:
    conference = instance(fixed_items=[fixed("evensong", "10:00", "11:00", room="sanct", people=["bo"])])
    assert find_violations(conference, schedule(("modal-counterpoint", 1, "s1", "hall"))) == []


def test_a_talk_while_its_speaker_is_away_is_found() -> None:
    conference = instance(
        speakers=[
            {
                "id": "ann",
                "name": "Ann Lee",
                "unavailable": [{"day": FRI, "start": "09:00", "end": "10:10", "reason": "travel"}],
            }
        ]
    )
    found = only(
        find_violations(conference, schedule(("modal-counterpoint", 1, "s4", "hall"))), "speaker in one place at a time"
    )
    assert "Ann Lee is unavailable Fri 13 Jun 09:00-10:10 (travel)" in found.message


# --- audience group never double-booked ----------------------------------------------------


def test_two_talks_for_one_audience_group_at_once_are_found() -> None:
    conference = instance(
        talks=[
            talk("modal-counterpoint", restricted_to="youth"),
            talk("hymn-writing", speakers=["bo"], restricted_to="youth"),
            talk("organ-basics", speakers=["cy"]),
        ]
    )
    plan = schedule(
        ("modal-counterpoint", 1, "s1", "hall"), ("hymn-writing", 1, "s1", "mod1"), ("organ-basics", 1, "s1", "sanct")
    )
    violations = [v for v in find_violations(conference, plan) if v.rule != "breakout rooms only"]
    found = only(violations, "audience group never double-booked")
    assert found.message.startswith("Youth Choir has two talks at once")
    assert found.talks == ("modal-counterpoint", "hymn-writing")


# --- required room features ----------------------------------------------------------------


def test_a_talk_in_a_room_without_its_required_feature_is_found() -> None:
    conference = instance(talks=[talk("modal-counterpoint", requires=["piano", "projector"])])
    found = only(
        find_violations(conference, schedule(("modal-counterpoint", 1, "s1", "hall"))), "required room features"
    )
    assert "needs projector, which Nicholson Hall does not have" in found.message


# --- pins honoured --------------------------------------------------------------------------


def test_a_pin_to_a_slot_and_room_that_no_occurrence_meets_is_found() -> None:
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2, pins=[{"slot": "s2", "room": "hall"}])])
    plan = schedule(("modal-counterpoint", 1, "s2", "mod1"), ("modal-counterpoint", 2, "s3", "hall"))
    found = only(find_violations(conference, plan), "pins honoured")
    assert (
        "'Modal Counterpoint' is pinned to Session II in Nicholson Hall, but no occurrence of it is there"
        in found.message
    )


def test_two_pins_need_two_distinct_occurrences() -> None:
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2, pins=[{"room": "hall"}, {"slot": "s1"}])])
    plan = schedule(("modal-counterpoint", 1, "s1", "hall"), ("modal-counterpoint", 2, "s3", "mod1"))
    found = only(find_violations(conference, plan), "pins honoured")
    assert "already holds another of its pins" in found.message


def test_pins_are_matched_whichever_order_they_are_listed_in() -> None:
    """Greedy matching would give the slot pin to occurrence 1 and leave the room pin unmet."""
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2, pins=[{"slot": "s1"}, {"room": "hall"}])])
    plan = schedule(("modal-counterpoint", 1, "s1", "hall"), ("modal-counterpoint", 2, "s3", "mod1"))
    assert [v.rule for v in find_violations(conference, plan)] == ["pins honoured"]
    plan = schedule(("modal-counterpoint", 1, "s1", "mod1"), ("modal-counterpoint", 2, "s3", "hall"))
    assert find_violations(conference, plan) == []


# --- run fits the day -----------------------------------------------------------------------


def test_a_two_slot_talk_that_would_run_past_the_end_of_its_day_is_found() -> None:
    conference = instance(talks=[talk("chant-workshop", length=2), talk("hymn-writing", speakers=["bo"])])
    plan = schedule(("chant-workshop", 1, "s3", "hall"), ("hymn-writing", 1, "s4", "hall"))
    found = only(find_violations(conference, plan), "run fits the day")  # and it does not spill into Friday
    assert (
        "'Chant Workshop' needs 2 consecutive slots from Session III, but its day has only 1 from there"
        in found.message
    )


def test_violations_come_rule_by_rule() -> None:
    conference = instance(talks=[talk("chant-workshop", length=2, requires=["organ"])])
    rules = [v.rule for v in find_violations(conference, schedule(("chant-workshop", 1, "s3", "sanct")))]
    assert rules == ["breakout rooms only", "required room features", "run fits the day"]


# --- soft rules -----------------------------------------------------------------------------


def test_a_repeated_talk_pays_for_each_extra_room() -> None:
    conference = instance(talks=[talk("modal-counterpoint", occurrences=3)])
    plan = schedule(
        ("modal-counterpoint", 1, "s1", "mod1"),
        ("modal-counterpoint", 2, "s2", "hall"),
        ("modal-counterpoint", 3, "s3", "mod1"),
    )
    rule = cost_of(score_schedule(conference, plan), "repeat_room_change")
    assert (rule.weight, rule.cost, rule.label) == (40, 40, "a repeated talk keeps its room")
    assert rule.items == (CostItem("Modal Counterpoint", 40, "Modular I (2 occurrences) and Nicholson Hall"),)


def test_a_repeated_talk_in_one_room_costs_nothing() -> None:
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2)])
    plan = schedule(("modal-counterpoint", 1, "s1", "hall"), ("modal-counterpoint", 2, "s3", "hall"))
    assert cost_of(score_schedule(conference, plan), "repeat_room_change").cost == 0


def test_a_speaker_pays_for_idle_slots_counted_across_days() -> None:
    conference = instance(
        talks=[talk("modal-counterpoint"), talk("hymn-writing"), talk("organ-basics", speakers=["bo"])]
    )
    plan = schedule(
        ("modal-counterpoint", 1, "s1", "hall"), ("hymn-writing", 1, "s4", "hall"), ("organ-basics", 1, "s2", "hall")
    )
    rule = cost_of(score_schedule(conference, plan), "speaker_idle_slot")
    assert rule.cost == 2 * 15  # Session II and Session III lie between Ann's Session I and Session IV
    assert rule.items == (CostItem("Ann Lee", 30, "2 idle slots between Session I and Session IV"),)


def test_a_two_slot_talk_covers_both_its_slots_for_its_speaker() -> None:
    conference = instance(talks=[talk("chant-workshop", length=2), talk("hymn-writing")])
    plan = schedule(("chant-workshop", 1, "s1", "hall"), ("hymn-writing", 1, "s3", "hall"))
    assert cost_of(score_schedule(conference, plan), "speaker_idle_slot").cost == 0


def test_a_speaker_with_one_talk_has_no_idle_slots() -> None:
    conference = instance(talks=[talk("chant-workshop", length=2)])
    assert (
        cost_of(score_schedule(conference, schedule(("chant-workshop", 1, "s1", "hall"))), "speaker_idle_slot").cost
        == 0
    )


def test_short_seats_cost_ten_each_and_empty_seats_one_each() -> None:
    conference = instance(
        talks=[
            talk("modal-counterpoint", expected_attendance=80),
            talk("hymn-writing", speakers=["bo"], expected_attendance=20),
        ]
    )
    plan = schedule(("modal-counterpoint", 1, "s1", "hall"), ("hymn-writing", 1, "s1", "mod1"))
    score = score_schedule(conference, plan)
    short, empty = cost_of(score, "seat_short"), cost_of(score, "seat_empty")
    assert short.cost == 10 * (80 - 60)
    assert short.items[0].detail.startswith("80 expected, 60 seats in Nicholson Hall")
    assert empty.cost == 1 * (30 - 20)
    assert empty.items == (
        CostItem("Hymn Writing", 10, "20 expected, 30 seats in Modular I, Session I, Thu 12 Jun 10:00-11:00"),
    )


def test_choice_imbalance_is_busiest_minus_emptiest_open_slot() -> None:
    conference = instance(
        talks=[
            talk("modal-counterpoint"),
            talk("hymn-writing", speakers=["bo"]),
            talk("chant-workshop", speakers=["cy"], length=2),
            talk("youth-choir", speakers=["cy"], restricted_to="youth"),
        ]
    )
    plan = schedule(
        ("modal-counterpoint", 1, "s1", "hall"),
        ("hymn-writing", 1, "s1", "mod1"),
        ("chant-workshop", 1, "s2", "hall"),
        ("youth-choir", 1, "s4", "hall"),
    )
    # Open talks per slot: Session I 2, Session II 1, Session III 1 (the workshop's second slot), Session IV 0.
    rule = cost_of(score_schedule(conference, plan), "choice_imbalance")
    assert rule.items == (CostItem("Session I", 20 * (2 - 0), "2 open talks, against 0 in Session IV"),)


def test_the_score_lists_all_five_rules_in_order_and_sums_them() -> None:
    conference = instance(
        talks=[talk("modal-counterpoint", occurrences=2, expected_attendance=45)],
        weights={"seat_empty": 2, "choice_imbalance": 5},
    )
    plan = schedule(("modal-counterpoint", 1, "s1", "hall"), ("modal-counterpoint", 2, "s3", "mod1"))
    score = score_schedule(conference, plan)
    assert [r.rule for r in score.rules] == [
        "repeat_room_change",
        "speaker_idle_slot",
        "seat_short",
        "seat_empty",
        "choice_imbalance",
    ]
    # room change 40; Ann idle in Session II 15; 15 short in Modular I 150; 15 empty in the hall 2*15; slots 1,0,1,0 -> 5.
    assert [r.cost for r in score.rules] == [40, 15, 150, 30, 5]
    assert score.total == 240


def test_cost_items_are_largest_first_then_by_subject() -> None:
    conference = instance(
        talks=[
            talk("b-talk", expected_attendance=10),
            talk("a-talk", speakers=["bo"], expected_attendance=0),
            talk("c-talk", speakers=["cy"], expected_attendance=50),
        ]
    )
    plan = schedule(("b-talk", 1, "s1", "mod1"), ("a-talk", 1, "s2", "mod1"), ("c-talk", 1, "s3", "hall"))
    items = cost_of(score_schedule(conference, plan), "seat_empty").items
    assert [(i.subject, i.cost) for i in items] == [("A Talk", 30), ("B Talk", 20), ("C Talk", 10)]


@pytest.mark.parametrize("weight", [0, 3])
def test_weights_come_from_the_instance(weight: int) -> None:
    conference = instance(talks=[talk("modal-counterpoint", expected_attendance=20)], weights={"seat_empty": weight})
    rule = cost_of(score_schedule(conference, schedule(("modal-counterpoint", 1, "s1", "hall"))), "seat_empty")
    assert (rule.weight, rule.cost, len(rule.items)) == (weight, weight * 40, 1 if weight else 0)
