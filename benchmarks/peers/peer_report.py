"""The comparison's table (markdown) and plot (PNG), from the records `run.py` gathers.

    python benchmarks/peers/peer_report.py benchmarks/results/peers.json   # redraw both

Medians over the runs; each peer's figure is followed by its ratio to ours (peer / ours: above 1
means slower, or costlier, than ours).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ENGINES = ("ours", "conference-scheduler", "timefold")
Record = dict[str, Any]


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _records(records: list[Record], bench: str, engine: str, limit: float) -> list[Record]:
    return [r for r in records if r["instance"] == bench and r["engine"] == engine and r["limit"] == limit]


def figures(records: list[Record], bench: str, engine: str, limits: list[float]) -> dict[str, Any]:
    """Medians for one engine on one instance: first valid, proven optimum, cost at each limit."""
    longest = _records(records, bench, engine, limits[-1])
    out: dict[str, Any] = {"runs": len(longest)}
    firsts = [r["first_valid"] for r in longest if r["first_valid"] is not None]
    out["first_valid"] = _median(firsts)
    out["first_valid_runs"] = len(firsts)
    proofs = [r["proven"] for r in longest if r["proven"] is not None]
    out["proven"] = _median(proofs)
    out["proven_runs"] = len(proofs)
    for limit in limits:
        at = _records(records, bench, engine, limit)
        valid = [r["cost"] for r in at if r["valid"]]
        out[f"cost@{limit:g}"] = _median(valid)
        out[f"valid@{limit:g}"] = (len(valid), len(at))
        out[f"hard@{limit:g}"] = _median([r["hard"] for r in at if r["hard"] is not None])
        out[f"ended@{limit:g}"] = [r["ended"] for r in at if not r["valid"]]
    out["start"] = _median([r["start_seconds"] for r in longest if r.get("start_seconds") is not None])
    return out


def _ratio(value: float | None, ours: float | None) -> str:
    if value is None or ours is None:
        return ""
    if value == ours:
        return " (=)"
    if ours == 0:
        return " (ours 0)"
    ratio = value / ours
    return f" ({ratio:.3f}x)" if abs(ratio - 1) < 0.01 else f" ({ratio:.2g}x)"


def _why_none(endings: list[str]) -> str:
    """Why runs gave no schedule, in a few words: late, none in time, or stopped."""
    late = [ending.split("after ")[1] for ending in endings if ending.startswith("answered late")]
    others = [
        "no schedule in time" if ending == "returned" else ending
        for ending in endings
        if not ending.startswith("answered late")
    ]
    reasons = ([f"late, after {', '.join(late)}"] if late else []) + sorted(set(others))
    return "none: " + "; ".join(reasons)


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def _cell_time(figure: dict[str, Any], key: str, ours: dict[str, Any] | None, missing: str) -> str:
    value = figure[key]
    if value is None:
        return missing
    runs = figure[f"{key}_runs"]
    partial = f", {runs} of {figure['runs']} runs" if runs < figure["runs"] else ""
    return _seconds(value) + (_ratio(value, ours[key]) if ours else "") + partial


def _cell_cost(figure: dict[str, Any], limit: float, ours: dict[str, Any] | None, skipped: str) -> str:
    cost = figure[f"cost@{limit:g}"]
    valid, runs = figure[f"valid@{limit:g}"]
    if runs == 0:
        return skipped
    if cost is None:
        hard = figure[f"hard@{limit:g}"]
        if hard is not None:
            return f"invalid ({hard:,.0f} hard violations)"
        return _why_none(figure[f"ended@{limit:g}"])
    partial = f", {valid} of {runs} valid" if valid < runs else ""
    return f"{cost:,.0f}" + (_ratio(cost, ours[f"cost@{limit:g}"]) if ours else "") + partial


def markdown(context: dict[str, Any], records: list[Record]) -> str:
    limits = context["limits"]
    lines = [
        f"# Ours against conference-scheduler and Timefold ({context['runs']} runs, medians)",
        "",
        f"Machine: {context['machine']}. Load average (1/5/15 min) before: {context['load_before']}, "
        f"after: {context['load_after']}. The whole comparison took {context['minutes']:.0f} min.",
        "Peers: " + "; ".join(f"{peer}: {' '.join(pins)}" for peer, pins in context["peers"].items()) + ".",
        "",
        "Times from the start of model building (imports and Timefold's JVM start apart: last column). "
        "Costs by our checker's soft rules; a schedule with a hard violation is not valid. "
        "Ratios are peer / ours.",
        "",
        "| instance | engine | first valid schedule | proven optimum | "
        + " | ".join(f"cost at {limit:g} s" for limit in limits)
        + " | start-up |",
        "|---|---|---|---|" + "---|" * len(limits) + "---|",
    ]
    for bench in context["benches"]:
        name = bench["name"]
        ours = figures(records, name, "ours", limits)
        for engine in ENGINES:
            label = f"{name} ({bench['talks']:,} talks)" if engine == "ours" else ""
            if engine in bench["not_representable"]:
                lines.append(
                    f"| {label} | {engine} | cannot represent it: {bench['not_representable'][engine]} |"
                    + " |" * (len(limits) + 2)
                )
                continue
            figure = figures(records, name, engine, limits)
            if figure["runs"] == 0:
                lines.append(f"| {label} | {engine} | not run |" + " |" * (len(limits) + 2))
                continue
            reference = None if engine == "ours" else ours
            proven_missing = "never (cannot prove)" if engine == "timefold" else "not proven"
            skipped = "none: its model is not built by 60 s" if name in context["unbuilt"] else "-"
            cells = [
                _cell_time(figure, "first_valid", reference, "none"),
                _cell_time(figure, "proven", reference, proven_missing),
                *(_cell_cost(figure, limit, reference, skipped) for limit in limits),
                _seconds(figure["start"]),
            ]
            lines.append(f"| {label} | {engine} | " + " | ".join(cells) + " |")
    lines += ["", "Model sizes:", ""]
    for bench in context["benches"]:
        sizes = "; ".join(f"{engine}: {size}" for engine, size in bench["sizes"].items())
        lines.append(f"- {bench['name']}: {sizes}")
    if context["unbuilt"]:
        lines += [
            "",
            "conference-scheduler had not finished building its model within the longest limit on: "
            + ", ".join(context["unbuilt"])
            + ". Its model building does not depend on the limit, so its other runs there were left out.",
        ]
    if context.get("unplaced"):
        lines += [
            "",
            "Timefold's first run ended with talks still unplaced (its construction heuristic, placing each "
            "talk once, had not finished within the longest limit) on: "
            + ", ".join(context["unplaced"])
            + ". Its other runs there were left out.",
        ]
    return "\n".join(lines) + "\n"


def plot(context: dict[str, Any], records: list[Record], path: Path) -> None:
    """Two panels: time to the first valid schedule, and cost at the longest limit relative to ours."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    limits = context["limits"]
    names = [bench["name"] for bench in context["benches"]]
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 5))
    width = 0.27
    colours = {"ours": "#1b7837", "conference-scheduler": "#2166ac", "timefold": "#b2182b"}
    for index, engine in enumerate(ENGINES):
        firsts, costs, notes = [], [], []
        for name in names:
            figure_of = figures(records, name, engine, limits)
            ours = figures(records, name, "ours", limits)
            firsts.append(figure_of["first_valid"] or 0)
            cost, reference = figure_of[f"cost@{limits[-1]:g}"], ours[f"cost@{limits[-1]:g}"]
            if cost is None or reference is None:
                costs.append(0.0)
                notes.append("none")
            elif cost == reference:
                costs.append(1.0)
                notes.append("")
            elif reference == 0:
                costs.append(0.0)
                notes.append(f"{cost:,.0f} (ours 0)")
            else:
                costs.append(cost / reference)
                notes.append("")
        positions = [i + (index - 1) * width for i in range(len(names))]
        left.bar(positions, firsts, width, label=engine, color=colours[engine])
        right.bar(positions, costs, width, label=engine, color=colours[engine])
        for position, first, note in zip(positions, firsts, notes):
            if not first:
                left.text(position, 0.011, "none", rotation=90, ha="center", va="bottom", fontsize=7)
            if note:
                right.text(position, 0.02, note, rotation=90, ha="center", va="bottom", fontsize=7)
    left.set_yscale("log")
    left.set_ylim(bottom=0.01)
    left.set_ylabel("seconds to the first valid schedule (log; no bar: none)")
    right.set_ylabel(f"cost at {limits[-1]:g} s / ours (no bar: no valid schedule)")
    right.axhline(1.0, color="black", linewidth=0.8)
    for axis in (left, right):
        axis.set_xticks(range(len(names)))
        axis.set_xticklabels(names, rotation=30, ha="right")
        axis.legend()
    figure.suptitle(
        f"Medians of {context['runs']} runs; {context['machine'].split(' (')[0]}, load {context['load_before']}",
        fontsize=10,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(figure)


def main() -> None:
    """Redraw the table and the plot from a `peers.json` that `run.py` wrote."""
    import json
    import sys

    path = Path(sys.argv[1])
    saved = json.loads(path.read_text())
    (path.parent / "peers.md").write_text(markdown(saved["context"], saved["records"]))
    plot(saved["context"], saved["records"], path.parent / "peers.png")


if __name__ == "__main__":
    main()
