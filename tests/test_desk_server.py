"""The planner's desk as its page talks to it: moves judged by the checker, versions that keep two
tabs from overwriting each other, undo and redo, re-plans, saving and publishing, and requests that
are wrong in any way answered with a 4xx and a sentence, never a traceback."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from amj_scheduler.desk.jobs import Jobs
from amj_scheduler.desk.server import create_app
from amj_scheduler.desk.session import Desk
from amj_scheduler.models import load_instance
from amj_scheduler.models.grid_csv import read_grid_csv
from amj_scheduler.solver import SolveOptions
from starlette.testclient import TestClient

from .conftest import INSTANCES
from .processes import amj_check

SERVED = "http://127.0.0.1:8017"
CLASH = {"talk": "the-real-you", "occurrence": 1, "slot": "session-iii", "room": "nicholson-hall"}
"""'The Real You' moved onto 'The Many Sides of a Songwriter': both Sara Groves's, one room."""


@pytest.fixture
def save_to(tmp_path: Path) -> Path:
    return tmp_path / "out" / "grid.csv"


@pytest.fixture
def client(save_to: Path) -> Iterator[TestClient]:
    """AMJ 2010 on a desk, opened with the grid the conference published."""
    instance = load_instance(INSTANCES / "2010.yaml")
    desk = Desk(instance, INSTANCES / "2010.yaml", save_to, (INSTANCES / "scenarios" / "2010-no-modular-ii.yaml",))
    desk.start(read_grid_csv(INSTANCES / "2010-published.csv", instance), "opened 2010-published.csv")
    with TestClient(create_app(desk, Jobs(desk, time_limit=20, replan_time_limit=20)), base_url=SERVED) as served:
        yield served


def post(client: TestClient, path: str, body: dict[str, object]) -> tuple[int, dict[str, Any]]:
    response = client.post(path, json=body)
    return response.status_code, response.json()


def card_place(state: dict[str, object], key: str) -> tuple[str, str]:
    placements = state["placements"]
    assert isinstance(placements, list)
    return next((slot, room) for placed, slot, room in placements if placed == key)


def broken_on(state: dict[str, object], key: str) -> list[str]:
    verdict = state["verdict"]
    assert isinstance(verdict, dict)
    return [violation["rule"] for violation in verdict["broken"] if key in violation["cards"]]


def wait_for_job(client: TestClient) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get("/api/job").json()["job"]
        if not job["running"]:
            return job
        time.sleep(0.1)
    raise AssertionError("the job did not end within 60 s")


# --- moves and the checker's verdict ---------------------------------------------------------------


def test_a_drop_into_a_clash_names_the_broken_rules_on_both_cards_in_the_checkers_words(client: TestClient) -> None:
    status, state = post(client, "/api/move", {"version": 1, **CLASH})
    assert status == 200
    assert state["version"] == 2 and state["moved"] == "the-real-you/1"
    assert card_place(state, "the-real-you/1") == ("session-iii", "nicholson-hall")
    assert set(broken_on(state, "the-real-you/1")) == {
        "room holds one thing at a time",
        "speaker in one place at a time",
    }
    assert "speaker in one place at a time" in broken_on(state, "many-sides-of-a-songwriter/1")
    verdict = state["verdict"]
    assert isinstance(verdict, dict)
    assert any("Sara Groves would be in two places at once" in v["message"] for v in verdict["broken"])


def test_moving_a_talks_second_showing_before_its_first_makes_it_the_first(client: TestClient) -> None:
    status, state = post(
        client,
        "/api/move",
        {"version": 1, "talk": "telling-stories", "occurrence": 2, "slot": "session-iii", "room": "rooms-116-117"},
    )
    assert status == 200
    status, state = post(
        client,
        "/api/move",
        {"version": 2, "talk": "telling-stories", "occurrence": 1, "slot": "session-iv", "room": "rooms-116-117"},
    )
    assert status == 200
    assert card_place(state, "telling-stories/1") == ("session-iii", "rooms-116-117")
    assert card_place(state, "telling-stories/2") == ("session-iv", "rooms-116-117")
    assert state["moved"] == "telling-stories/2"
    assert broken_on(state, "telling-stories/1") == broken_on(state, "telling-stories/2") == []


def test_undo_and_redo_step_through_the_changes_each_as_a_new_version(client: TestClient) -> None:
    _, moved = post(client, "/api/move", {"version": 1, **CLASH})
    status, undone = post(client, "/api/undo", {"version": 2})
    assert status == 200 and undone["version"] == 3
    assert card_place(undone, "the-real-you/1") == ("session-ii", "southgate-112")
    assert undone["verdict"]["broken"] == [] and undone["redo"] == moved["label"]
    status, redone = post(client, "/api/redo", {"version": 3})
    assert card_place(redone, "the-real-you/1") == ("session-iii", "nicholson-hall")
    status, answer = post(client, "/api/redo", {"version": 4})
    assert status == 422 and answer["error"] == "Nothing to redo."


def test_the_first_grid_cannot_be_undone(client: TestClient) -> None:
    status, answer = post(client, "/api/undo", {"version": 1})
    assert status == 422 and "Nothing to undo" in str(answer["error"])


# --- two tabs at once --------------------------------------------------------------------------------


def test_a_move_made_in_a_tab_that_missed_another_tabs_change_is_refused_and_loses_nothing(client: TestClient) -> None:
    first_tab, second_tab = 1, 1  # both tabs opened version 1
    status, _ = post(client, "/api/move", {"version": first_tab, **CLASH})
    assert status == 200
    status, refusal = post(
        client,
        "/api/move",
        {"version": second_tab, "talk": "telling-stories", "occurrence": 1, "slot": "session-i", "room": "modular-ii"},
    )
    assert status == 409
    assert refusal["version"] == 2
    assert "changed since you last saw it" in str(refusal["error"]) and "Nothing was changed" in str(refusal["error"])
    now = client.get("/api/state").json()
    assert now["version"] == 2
    assert card_place(now, "the-real-you/1") == ("session-iii", "nicholson-hall")
    assert card_place(now, "telling-stories/1") == ("session-i", "choir-room")


def test_the_later_of_two_tabs_saving_is_told_so_and_the_saved_grid_is_the_newer_one(
    client: TestClient, save_to: Path
) -> None:
    post(client, "/api/move", {"version": 1, **CLASH})
    status, saved = post(client, "/api/save", {"version": 2})
    assert (
        status == 200
        and "Saved version 2" in str(saved["message"])
        and "broken rules still to fix" in str(saved["message"])
    )
    written = save_to.read_bytes()
    status, refusal = post(client, "/api/save", {"version": 1})
    assert status == 409 and refusal["version"] == 2
    assert save_to.read_bytes() == written
    assert "the-real-you" in written.decode() and ",Session III,Nicholson Hall,talk,the-real-you," in written.decode()


def test_a_saved_grid_passes_amj_solve_check(client: TestClient, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "grid.csv"
    status, saved = post(client, "/api/save", {"version": 1, "path": str(target)})
    assert status == 200 and saved["save_to"] == str(target)
    checked = amj_check(INSTANCES / "2010.yaml", target)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert target.read_text(encoding="utf-8") == (INSTANCES / "2010-published.csv").read_text(encoding="utf-8")


def test_a_grid_is_saved_only_as_csv(client: TestClient, tmp_path: Path) -> None:
    status, refusal = post(client, "/api/save", {"version": 1, "path": str(tmp_path / "grid.txt")})
    assert status == 422 and "does not end in .csv" in str(refusal["error"])


# --- bad requests --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"talk": "the-real-me"}, "No talk has the id 'the-real-me'"),
        ({"occurrence": 3}, "'The Real You' has no occurrence 3 in the grid"),
        ({"slot": "session-ix"}, "No breakout slot or step has the id 'session-ix'"),
        ({"room": "the-moon"}, "No room has the id 'the-moon'"),
    ],
)
def test_a_move_naming_an_unknown_id_is_a_404_that_names_it(
    client: TestClient, change: dict[str, object], words: str
) -> None:
    status, refusal = post(client, "/api/move", {"version": 1, **CLASH, **change})
    assert status == 404 and words in str(refusal["error"])
    assert client.get("/api/state").json()["version"] == 1


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"version": 1, "talk": "the-real-you"}, "occurrence: Field required"),
        ({"version": "one", **CLASH}, "version: Input should be a valid integer"),
        ({"version": 1, **CLASH, "colour": "red"}, "colour: Extra inputs are not permitted"),
        ([1, 2], "Input should be a valid dictionary"),
    ],
)
def test_a_malformed_request_is_a_400_that_names_the_field(client: TestClient, body: object, words: str) -> None:
    response = client.post("/api/move", json=body)
    assert response.status_code == 400
    assert words in response.json()["error"]


def test_a_body_that_is_not_json_is_a_400(client: TestClient) -> None:
    response = client.post("/api/move", content=b"{version: 1", headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["error"] == "The request body is not JSON."


def test_a_change_posted_as_a_form_or_from_another_site_is_refused(client: TestClient) -> None:
    as_form = client.post("/api/save", data={"version": "1"})
    assert as_form.status_code == 400 and "as JSON" in as_form.json()["error"]
    elsewhere = client.post("/api/save", json={"version": 1}, headers={"Origin": "https://example.org"})
    assert elsewhere.status_code == 400 and "only the desk's own page" in elsewhere.json()["error"]


def test_a_request_under_another_host_name_is_refused(client: TestClient) -> None:
    assert client.get("/api/state", headers={"Host": "desk.example.org"}).status_code == 400


def test_unknown_paths_and_methods_answer_in_words(client: TestClient) -> None:
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and missing.json()["error"] == "Nothing is at /api/nothing on the desk."
    wrong = client.get("/api/move")
    assert wrong.status_code == 405 and "GET is not how /api/move is used" in wrong.json()["error"]


def test_taking_the_result_of_a_job_that_never_ran_is_a_404(client: TestClient) -> None:
    status, refusal = post(client, "/api/take", {"version": 1, "job": 7})
    assert status == 404 and "No job 7" in str(refusal["error"])


# --- re-plan, solve, compare -------------------------------------------------------------------------


def test_replan_from_an_edited_grid_makes_it_valid_with_the_moves_the_planner_accepts(client: TestClient) -> None:
    post(client, "/api/move", {"version": 1, **CLASH})
    status, started = post(client, "/api/replan", {"version": 2})
    assert status == 200 and started["job"]["kind"] == "replan"
    job = wait_for_job(client)
    assert job["failure"] == ""
    moves = job["result"]["moves"]
    assert moves and all(move["text"].startswith("from ") and "(" in move["text"] for move in moves)
    assert any(move["reasons"] for move in moves)
    status, refusal = post(client, "/api/apply", {"version": 1, "job": job["number"], "accepted": []})
    assert status == 400 and "made for version 2" in str(refusal["error"])
    status, state = post(
        client, "/api/apply", {"version": 2, "job": job["number"], "accepted": list(range(len(moves)))}
    )
    assert status == 200
    assert state["verdict"]["broken"] == []
    assert state["label"] == f"re-planned: {len(moves)} of {len(moves)} moves accepted"
    status, undone = post(client, "/api/undo", {"version": state["version"]})
    assert broken_on(undone, "the-real-you/1")


def test_a_rejected_move_of_a_replan_stays_where_it_was(client: TestClient) -> None:
    post(client, "/api/move", {"version": 1, **CLASH})
    post(client, "/api/replan", {"version": 2})
    job = wait_for_job(client)
    status, state = post(client, "/api/apply", {"version": 2, "job": job["number"], "accepted": []})
    assert status == 200
    assert card_place(state, "the-real-you/1") == ("session-iii", "nicholson-hall")


def test_a_solve_reports_its_best_cost_and_bound_and_its_grid_can_be_taken(client: TestClient) -> None:
    status, _ = post(client, "/api/solve", {"version": 1})
    assert status == 200
    job = wait_for_job(client)
    assert job["progress"]["cost"] == job["result"]["cost"] == 345
    assert job["progress"]["bound"] == 345 and job["result"]["status"] == "optimal"
    status, state = post(client, "/api/take", {"version": 1, "job": job["number"]})
    assert status == 200 and state["verdict"]["cost"] == 345 and state["verdict"]["broken"] == []


def test_a_comparison_puts_the_grid_beside_alternatives_and_a_scenario(client: TestClient) -> None:
    status, _ = post(client, "/api/compare", {"version": 1, "alternatives": 2, "scenarios": ["2010-no-modular-ii"]})
    assert status == 200
    job = wait_for_job(client)
    columns = job["result"]["columns"]
    assert [column["name"] for column in columns][:3] == ["your grid (version 1)", "best", "alternative 2"]
    assert columns[0]["cost"] == 485 and columns[1]["cost"] == 345
    assert "No Modular II" in columns[-1]["name"] or "modular" in columns[-1]["origin"].casefold()
    page = client.get("/compare")
    assert page.status_code == 200 and "your grid (version 1)" in page.text
    status, refusal = post(client, "/api/compare", {"version": 1, "scenarios": ["2010-on-the-moon"]})
    assert status == 400 and "No scenario is called '2010-on-the-moon'" in str(refusal["error"])


# --- downloads -----------------------------------------------------------------------------------------


def test_the_publication_downloads_as_one_archive_of_the_grid_on_the_desk(client: TestClient) -> None:
    response = client.get("/download/published.zip?version=1")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert {"grid.csv", "grid.html", "schedule.xml", "schedule.ics", "doors.html"} <= set(names)
    assert any(name.startswith("speakers/") for name in names)
    assert client.get("/download/schedule.xml?version=1").text.startswith("<?xml")


def test_a_grid_that_breaks_a_rule_or_a_stale_link_is_not_published(client: TestClient) -> None:
    post(client, "/api/move", {"version": 1, **CLASH})
    stale = client.get("/download/grid.html?version=1")
    assert stale.status_code == 400 and "now version 2" in stale.json()["error"]
    broken = client.get("/download/grid.html?version=2")
    assert broken.status_code == 422 and "breaks a hard rule" in broken.json()["error"]


def test_a_search_stopped_before_it_starts_ends_without_waiting_for_its_time_limit() -> None:
    from amj_scheduler.planning import plan
    from amj_scheduler.solver.search import SearchProgress

    progress = SearchProgress()
    progress.stop()
    planned = plan(load_instance(INSTANCES / "2010.yaml"), SolveOptions(time_limit=30, progress=progress))
    assert planned.outcome.status == "unknown" and planned.outcome.schedule is None
    assert progress.best_cost is None
