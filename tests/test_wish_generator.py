"""The seeded wish-list generator behind the wish benchmarks (benchmarks/wishes.py): the lists a
benchmark plans for must look like real ones, and come out the same for the same seed."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from amj_scheduler.models import load_instance
from amj_scheduler.models.wish_file import read_wishes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import wishes

AMJ_2010 = Path(__file__).parents[1] / "instances" / "2010.yaml"


def test_same_seed_same_file_and_every_attendee_has_as_many_wishes_as_asked() -> None:
    amj = load_instance(AMJ_2010)
    first = wishes.as_csv(wishes.generate(amj, 300, 5, seed=1))
    assert first == wishes.as_csv(wishes.generate(amj, 300, 5, seed=1))
    assert first != wishes.as_csv(wishes.generate(amj, 300, 5, seed=2))
    rows = wishes.generate(amj, 300, 5, seed=1)
    assert set(Counter(row.attendee for row in rows).values()) == {5}
    assert all(len({r.talk for r in rows if r.attendee == a}) == 5 for a in {row.attendee for row in rows})


def test_only_the_restricted_audience_wishes_for_its_talks_and_it_wishes_for_them_all() -> None:
    amj = load_instance(AMJ_2010)
    rows = wishes.generate(amj, 300, 5, seed=1)
    restricted = {talk.id for talk in amj.talks if talk.restricted_to is not None}
    members = {row.attendee for row in rows if row.talk in restricted}
    assert len(members) == 15  # 5% of 300
    for member in members:
        assert restricted <= {row.talk for row in rows if row.attendee == member}


def test_headline_talks_draw_more_wishes_than_the_tail(tmp_path: Path) -> None:
    amj = load_instance(AMJ_2010)
    path = tmp_path / "wishes.csv"
    path.write_text(wishes.as_csv(wishes.generate(amj, 300, 5, seed=1), weights=True), encoding="utf-8")
    book = read_wishes(path, amj)
    ranked = [talk for talk, _ in book.wishers.most_common()]
    assert ranked.index("artist-as-creator") < ranked.index("healing-power-of-art")
