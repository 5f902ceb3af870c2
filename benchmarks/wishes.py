"""Seeded wish lists for a conference: popular talks, topic clusters and a restricted audience.

    python benchmarks/wishes.py INSTANCE --attendees 300 --wishes 5 [--seed 1] [--weights] --out WISHES.csv

No real attendee data exists for these conferences, so the lists are drawn the way wishes fall:

- Popularity: a talk draws in proportion to its `expected_attendance` (1 where none is given) times
  a seeded log-normal factor, so headline talks collect many wishes and a long tail few.
- Topic clusters: talks are grouped by their first topic, else their track, else into seeded groups
  of about five. Each attendee follows one or two clusters (popular ones more often) and takes most
  wishes from them, the rest from the whole program.
- A restricted audience: for each audience with restricted talks, a share of the attendees belong to
  it; they wish for their audience's talks first. Nobody else wishes for a restricted talk.
- With `--weights`, about one wish in five weighs 2 and one in twenty 3 ("must see").

The same instance, counts and seed give the same file.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from amj_scheduler.models import Instance, Talk, load_instance

FROM_CLUSTERS = 0.7
"""Of an attendee's wishes, the share drawn from the clusters they follow."""
AUDIENCE_SHARE = 0.05
"""Of the attendees, the share who belong to each restricted audience."""
CLUSTER_SIZE = 5


@dataclass(frozen=True)
class Row:
    attendee: str
    talk: str
    weight: int


def generate(instance: Instance, attendees: int, wishes: int, seed: int = 1, weights: bool = False) -> list[Row]:
    """`wishes` wishes each for `attendees` attendees (fewer when the program has fewer talks)."""
    rng = random.Random(seed)
    open_talks = [talk for talk in instance.talks if talk.restricted_to is None]
    popularity = {talk.id: max(talk.expected_attendance, 1) * rng.lognormvariate(0, 0.8) for talk in instance.talks}
    clusters = _clusters(open_talks, rng)
    cluster_draw = [sum(popularity[t.id] for t in members) for members in clusters]
    restricted: dict[str, list[Talk]] = defaultdict(list)
    for talk in instance.talks:
        if talk.restricted_to is not None:
            restricted[talk.restricted_to].append(talk)
    members = {
        audience: set(rng.sample(range(attendees), round(attendees * AUDIENCE_SHARE))) for audience in restricted
    }
    rows = []
    width = len(str(attendees))
    for number in range(attendees):
        attendee = f"attendee-{number + 1:0{width}d}"
        chosen: list[str] = []
        for audience, talks in sorted(restricted.items()):
            if number in members[audience]:
                chosen += [talk.id for talk in talks][: wishes - len(chosen)]
        followed = set(rng.choices(range(len(clusters)), weights=cluster_draw, k=rng.choice((1, 2))))
        near = [talk.id for index in sorted(followed) for talk in clusters[index]]
        everything = [talk.id for talk in open_talks]
        while len(chosen) < wishes:
            close_by = [t for t in near if t not in chosen]
            pool = close_by if close_by and rng.random() < FROM_CLUSTERS else [t for t in everything if t not in chosen]
            if not pool:
                break
            chosen.append(rng.choices(pool, weights=[popularity[t] for t in pool])[0])
        for talk_id in chosen:
            weight = rng.choices((1, 2, 3), weights=(75, 20, 5))[0] if weights else 1
            rows.append(Row(attendee, talk_id, weight))
    return rows


def _clusters(talks: list[Talk], rng: random.Random) -> list[list[Talk]]:
    grouped: dict[str, list[Talk]] = defaultdict(list)
    loose = []
    for talk in talks:
        key = talk.topics[0] if talk.topics else talk.track
        if key is None:
            loose.append(talk)
        else:
            grouped[key].append(talk)
    rng.shuffle(loose)
    count = max(1, round(len(loose) / CLUSTER_SIZE))
    for index, talk in enumerate(loose):
        grouped[f"cluster-{index % count}"].append(talk)
    return [grouped[key] for key in sorted(grouped)]


def as_csv(rows: list[Row], weights: bool = False) -> str:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["attendee", "talk", "weight"] if weights else ["attendee", "talk"])
    for row in rows:
        writer.writerow([row.attendee, row.talk, row.weight] if weights else [row.attendee, row.talk])
    return text.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("--attendees", type=int, default=300)
    parser.add_argument("--wishes", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--weights", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    rows = generate(
        load_instance(arguments.instance), arguments.attendees, arguments.wishes, arguments.seed, arguments.weights
    )
    arguments.out.write_text(as_csv(rows, arguments.weights), encoding="utf-8")
    print(f"wrote {arguments.out}: {len(rows)} wishes of {arguments.attendees} attendees")


if __name__ == "__main__":
    main()
