// The planner's desk in the browser: moves cards, asks the server (which asks the independent
// checker) about every change, and shows its verdict. Nothing is judged here.
"use strict";
(() => {
  const facts = JSON.parse(document.getElementById("desk-facts").textContent);
  let state = JSON.parse(document.getElementById("desk-state").textContent);
  const onWindows = facts.shape === "windows";
  const scale = () => parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--scale")) || 2.2;
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
  const slotIndex = new Map(facts.slots.map(([id], index) => [id, index]));
  const slotDay = new Map(facts.slots);
  const announce = text => { $("#announce").textContent = text; };
  const pad = number => String(number).padStart(2, "0");
  const clock = minute => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
  let lastCost = state.verdict.cost;
  let picked = null; // {card, target} while a card is moved with the keyboard
  let dragged = null; // {card, grab} while a card is dragged

  // --- where a slot id is -------------------------------------------------------------------
  function windowStep(slot) {
    const cut = slot.lastIndexOf("-");
    const window = facts.windows.find(w => w.id === slot.slice(0, cut));
    const hhmm = slot.slice(cut + 1);
    return window ? {window, minute: parseInt(hhmm.slice(0, 2), 10) * 60 + parseInt(hhmm.slice(2), 10)} : null;
  }
  function stepId(window, minute) {
    return `${window.id}-${pad(Math.floor(minute / 60))}${pad(minute % 60)}`;
  }
  function laneFor(day, room) {
    return $(`.lane[data-day="${day}"][data-room="${CSS.escape(room)}"]`);
  }
  function cellFor(slot, room) {
    return $(`td.cell[data-slot="${CSS.escape(slot)}"][data-room="${CSS.escape(room)}"]`);
  }
  function placeName(slot, room) {
    if (onWindows) {
      const step = windowStep(slot);
      return step ? `${step.window.day} ${clock(step.minute)} · ${facts.rooms[room]}` : slot;
    }
    const cell = cellFor(slot, room);
    return cell ? cell.dataset.where : `${slot} · ${facts.rooms[room] || room}`;
  }

  // --- drawing a version of the grid --------------------------------------------------------
  function place(card, slot, room) {
    if (onWindows) {
      const step = windowStep(slot);
      const lane = step && laneFor(step.window.day, room);
      if (!lane) return;
      const body = $(".lane-body", lane);
      const start = step.minute - parseInt(lane.closest(".timeline").dataset.first, 10);
      card.style.setProperty("--start", start);
      card.dataset.start = start;
      $(".when", card).textContent = `${clock(step.minute)}–${clock(step.minute + parseInt(card.dataset.minutes, 10))}`;
      const after = $$(".card", body).find(other => other !== card && parseInt(other.dataset.start || "0", 10) > start);
      if (card.parentElement !== body || card.nextElementSibling !== after) body.insertBefore(card, after || null);
    } else {
      const cell = cellFor(slot, room);
      if (cell && card.parentElement !== cell) cell.appendChild(card);
    }
    card.dataset.slot = slot;
    card.dataset.room = room;
  }

  // Every card of a talk, by talk id: cards are never made or removed, only moved.
  const cardsOf = new Map();
  for (const card of $$(".card")) {
    if (!cardsOf.has(card.dataset.talk)) cardsOf.set(card.dataset.talk, []);
    cardsOf.get(card.dataset.talk).push(card);
  }
  const talkOf = key => key.slice(0, key.lastIndexOf("/"));

  function byTalk(placements) {
    const grouped = new Map();
    for (const [key, slot, room] of placements) {
      const talk = talkOf(key);
      if (!grouped.has(talk)) grouped.set(talk, []);
      grouped.get(talk).push({key, slot, room});
    }
    return grouped;
  }

  function draw(next) {
    const before = new Map([...byTalk(state.placements)].map(([talk, placed]) => [talk, JSON.stringify(placed)]));
    for (const [talk, placements] of byTalk(next.placements)) {
      if (before.get(talk) === JSON.stringify(placements)) continue;
      // Occurrences are numbered in clock order, so a talk's cards may trade keys: each card keeps
      // its place when a placement is still there, and the rest take the places left.
      const free = [...(cardsOf.get(talk) || [])];
      const left = [];
      for (const placement of placements) {
        const index = free.findIndex(card => card.dataset.slot === placement.slot && card.dataset.room === placement.room);
        if (index >= 0) assign(free.splice(index, 1)[0], placement, placements.length);
        else left.push(placement);
      }
      for (const placement of left) {
        const preferred = free.findIndex(card => card.dataset.key === placement.key);
        const card = free.splice(preferred >= 0 ? preferred : 0, 1)[0];
        if (card) assign(card, placement, placements.length);
      }
    }
    state = next;
    showVerdict();
    showHistory();
    showJob();
  }

  function assign(card, placement, count) {
    card.dataset.key = placement.key;
    const repeat = $(".repeat", card);
    if (repeat) repeat.textContent = `${placement.key.slice(placement.key.lastIndexOf("/") + 1)} of ${count}`;
    place(card, placement.slot, placement.room);
  }

  function cardOf(key) {
    return $(`.card[data-key="${CSS.escape(key)}"]`);
  }

  function showVerdict() {
    const verdict = state.verdict;
    for (const card of $$(".card.broken")) {
      card.classList.remove("broken");
      $(".broken-rules", card).replaceChildren();
      card.removeAttribute("title");
    }
    const list = $("#broken");
    list.replaceChildren();
    for (const violation of verdict.broken) {
      const item = document.createElement("li");
      item.innerHTML = `<span class="rule"></span>: <span class="message"></span>`;
      $(".rule", item).textContent = violation.rule;
      $(".message", item).textContent = violation.message;
      item.tabIndex = 0;
      item.addEventListener("click", () => showCards(violation.cards));
      item.addEventListener("keydown", event => { if (event.key === "Enter") showCards(violation.cards); });
      list.appendChild(item);
      for (const key of violation.cards) {
        const card = cardOf(key);
        if (!card) continue;
        card.classList.add("broken");
        const line = document.createElement("li");
        line.innerHTML = `<b class="rule"></b> <span class="message"></span>`;
        $(".rule", line).textContent = violation.rule;
        $(".message", line).textContent = violation.message;
        $(".broken-rules", card).appendChild(line);
        card.title = [card.title, `${violation.rule}: ${violation.message}`].filter(Boolean).join("\n");
      }
    }
    const broken = verdict.broken.length;
    const delta = verdict.cost - lastCost;
    lastCost = verdict.cost;
    $("#verdict").innerHTML = (broken
      ? `<span class="bad">✗ ${broken} broken rule${broken === 1 ? "" : "s"}</span>`
      : `<span class="good">✓ Every hard rule holds</span>`)
      + ` · soft cost <span id="verdict-cost"></span>${delta ? ` <span class="delta">(${delta > 0 ? "+" : ""}${delta})</span>` : ""}`;
    $("#verdict-cost").textContent = verdict.cost.toLocaleString("en");
    $("#cost").textContent = verdict.cost.toLocaleString("en");
    const rules = $("#rules");
    rules.replaceChildren();
    for (const rule of verdict.rules) {
      const row = rules.insertRow();
      row.className = rule.cost ? "" : "zero";
      row.insertCell().textContent = rule.label;
      const cost = row.insertCell();
      cost.className = "number";
      cost.textContent = rule.cost.toLocaleString("en");
      row.title = rule.items.slice(0, 8).map(item => `${item.subject}: ${item.cost} (${item.detail})`).join("\n");
    }
    $("#version").textContent = `version ${state.version}: ${state.label}`;
  }

  function showCards(keys) {
    const cards = keys.map(cardOf).filter(Boolean);
    cards.forEach(card => card.classList.add("shown"));
    if (cards[0]) {
      cards[0].scrollIntoView({block: "center", inline: "center"});
      cards[0].focus({preventScroll: true});
    }
    setTimeout(() => cards.forEach(card => card.classList.remove("shown")), 2000);
  }

  function showHistory() {
    const undo = $("#undo");
    const redo = $("#redo");
    undo.disabled = !state.undo;
    redo.disabled = !state.redo;
    undo.title = state.undo ? `Undo: ${state.undo}` : "Nothing to undo";
    redo.title = state.redo ? `Redo: ${state.redo}` : "Nothing to redo";
    const saveTo = $("#save-to");
    if (document.activeElement !== saveTo) saveTo.value = state.save_to;
  }

  // --- talking to the desk ------------------------------------------------------------------
  function say(text, error = false) {
    const message = $("#message");
    message.textContent = text;
    message.classList.toggle("error", error);
  }

  async function send(path, body = {}) {
    const response = await fetch(path, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({version: state.version, ...body}),
    });
    const answer = await response.json();
    if (response.status === 409) {
      say(answer.error, true);
      await refresh();
      return null;
    }
    if (!response.ok) {
      say(answer.error || `The desk answered ${response.status}.`, true);
      return null;
    }
    draw(answer);
    if (answer.message) say(answer.message);
    return answer;
  }

  async function refresh() {
    const response = await fetch("/api/state");
    if (response.ok) draw(await response.json());
  }

  async function move(card, slot, room, byKeyboard) {
    if (card.dataset.slot === slot && card.dataset.room === room) return;
    const dropped = performance.now();
    const key = card.dataset.key;
    const cut = key.lastIndexOf("/");
    const answer = await send("/api/move", {talk: key.slice(0, cut), occurrence: parseInt(key.slice(cut + 1), 10), slot, room});
    if (!answer) return;
    const moved = cardOf(answer.moved);
    void document.body.offsetHeight; // the page laid out again: what the planner sees
    const shown = Math.round(performance.now() - dropped);
    document.body.dataset.lastDropMs = shown;
    document.body.dataset.drops = parseInt(document.body.dataset.drops || "0", 10) + 1;
    const broken = moved ? $$(".broken-rules .rule", moved).map(rule => rule.textContent) : [];
    say(`Moved to ${placeName(slot, room)}; checked in ${shown} ms.`);
    announce(`Moved to ${placeName(slot, room)}. ${broken.length ? `Breaks: ${broken.join(", ")}.` : "No rule broken."}`);
    if (moved) {
      moved.classList.remove("flash");
      void moved.offsetWidth;
      moved.classList.add("flash");
      if (byKeyboard) moved.focus();
    }
  }

  // --- dragging ----------------------------------------------------------------------------
  document.addEventListener("dragstart", event => {
    const card = event.target.closest && event.target.closest(".card");
    if (!card) return;
    dragged = {card, grab: event.clientY - card.getBoundingClientRect().top};
    event.dataTransfer.setData("text/plain", card.dataset.key);
    event.dataTransfer.effectAllowed = "move";
    card.classList.add("dragging");
  });
  document.addEventListener("dragend", () => {
    if (dragged) dragged.card.classList.remove("dragging");
    dragged = null;
    clearTargets();
  });

  function clearTargets() {
    $$(".target").forEach(element => element.classList.remove("target"));
    $$(".ghost").forEach(element => element.remove());
  }

  function laneTarget(lane, clientY, card, grab) {
    const body = $(".lane-body", lane);
    const first = parseInt(lane.closest(".timeline").dataset.first, 10);
    const wanted = first + (clientY - grab - body.getBoundingClientRect().top) / scale();
    return stepNear(lane.dataset.day, wanted, parseInt(card.dataset.minutes, 10));
  }

  function stepNear(day, wanted, minutes) {
    // The step of the day's windows nearest to `wanted` at which the talk starts.
    let best = null;
    for (const window of facts.windows.filter(w => w.day === day)) {
      const last = Math.max(window.start, window.end - Math.max(minutes, window.step));
      const snapped = window.start + Math.round((wanted - window.start) / window.step) * window.step;
      const minute = Math.min(Math.max(snapped, window.start), last - ((last - window.start) % window.step));
      if (!best || Math.abs(minute - wanted) < Math.abs(best.minute - wanted)) best = {window, minute};
    }
    return best;
  }

  function showGhost(lane, step, card) {
    $$(".ghost").forEach(element => element.remove());
    const ghost = document.createElement("div");
    ghost.className = "ghost";
    ghost.style.setProperty("--start", step.minute - parseInt(lane.closest(".timeline").dataset.first, 10));
    ghost.style.setProperty("--length", card.dataset.minutes);
    $(".lane-body", lane).appendChild(ghost);
  }

  document.addEventListener("dragover", event => {
    if (!dragged) return;
    const cell = event.target.closest && event.target.closest("td.cell");
    const lane = event.target.closest && event.target.closest(".lane");
    if (!cell && !lane) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clearTargets();
    if (cell) cell.classList.add("target");
    else {
      lane.classList.add("target");
      const step = laneTarget(lane, event.clientY, dragged.card, dragged.grab);
      if (step) showGhost(lane, step, dragged.card);
    }
  });

  document.addEventListener("drop", event => {
    if (!dragged) return;
    const cell = event.target.closest && event.target.closest("td.cell");
    const lane = event.target.closest && event.target.closest(".lane");
    event.preventDefault();
    const {card, grab} = dragged;
    clearTargets();
    if (cell) move(card, cell.dataset.slot, cell.dataset.room, false);
    else if (lane) {
      const step = laneTarget(lane, event.clientY, card, grab);
      if (step) move(card, stepId(step.window, step.minute), lane.dataset.room, false);
    }
  });

  // --- moving with the keyboard -------------------------------------------------------------
  function pick(card) {
    picked = {card, slot: card.dataset.slot, room: card.dataset.room};
    card.classList.add("picked");
    showPicked();
  }

  function drop(commit) {
    if (!picked) return;
    const {card, slot, room} = picked;
    picked = null;
    card.classList.remove("picked");
    clearTargets();
    if (commit) move(card, slot, room, true);
    else announce("Move cancelled.");
    card.focus();
  }

  function showPicked() {
    clearTargets();
    const {card, slot, room} = picked;
    if (onWindows) {
      const step = windowStep(slot);
      const lane = laneFor(step.window.day, room);
      lane.classList.add("target");
      showGhost(lane, step, card);
      $(".ghost", lane).scrollIntoView({block: "nearest", inline: "nearest"});
    } else {
      const cell = cellFor(slot, room);
      if (cell) {
        cell.classList.add("target");
        cell.scrollIntoView({block: "nearest", inline: "nearest"});
      }
    }
    announce(`Move to ${placeName(slot, room)}? Enter to drop, Escape to cancel.`);
  }

  function steer(key) {
    const {card} = picked;
    if (onWindows) {
      const step = windowStep(picked.slot);
      const minutes = parseInt(card.dataset.minutes, 10);
      if (key === "ArrowLeft" || key === "ArrowRight") {
        const lanes = $$(`.lane[data-day="${step.window.day}"]`);
        const at = lanes.findIndex(lane => lane.dataset.room === picked.room);
        const next = lanes[at + (key === "ArrowRight" ? 1 : -1)];
        if (next) picked.room = next.dataset.room;
      } else {
        const shift = {ArrowUp: -step.window.step, ArrowDown: step.window.step, PageUp: -60, PageDown: 60}[key];
        const near = stepNear(step.window.day, step.minute + shift, minutes);
        if (near) picked.slot = stepId(near.window, near.minute);
      }
    } else if (key === "ArrowLeft" || key === "ArrowRight") {
      const row = cellFor(picked.slot, picked.room).parentElement;
      const cells = $$("td.cell", row);
      const at = cells.findIndex(cell => cell.dataset.room === picked.room);
      const next = cells[at + (key === "ArrowRight" ? 1 : -1)];
      if (next) picked.room = next.dataset.room;
    } else if (key === "ArrowUp" || key === "ArrowDown") {
      const next = facts.slots[slotIndex.get(picked.slot) + (key === "ArrowDown" ? 1 : -1)];
      if (next && cellFor(next[0], picked.room)) picked.slot = next[0];
    }
    showPicked();
  }

  document.addEventListener("keydown", event => {
    const card = event.target.closest && event.target.closest(".card");
    if ((event.ctrlKey || event.metaKey) && !event.target.matches("input")) {
      if (event.key === "z" && !event.shiftKey) { event.preventDefault(); send("/api/undo"); return; }
      if (event.key === "y" || (event.key === "Z" && event.shiftKey)) { event.preventDefault(); send("/api/redo"); return; }
    }
    if (!card) return;
    if (picked && picked.card === card) {
      if (["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "PageUp", "PageDown"].includes(event.key)) {
        event.preventDefault();
        steer(event.key);
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        drop(true);
      } else if (event.key === "Escape") {
        event.preventDefault();
        drop(false);
      }
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      if (picked) drop(false);
      pick(card);
    }
  });
  document.addEventListener("focusout", event => {
    if (picked && event.target === picked.card && !document.hidden) setTimeout(() => {
      if (picked && document.activeElement !== picked.card) drop(false);
    }, 0);
  });

  // --- jobs: solve, re-plan, compare --------------------------------------------------------
  let polling = null;

  function showJob() {
    const job = state.job;
    const box = $("#job");
    const busy = Boolean(job && job.running);
    $("#solve").disabled = busy;
    $("#replan").disabled = busy;
    $("#compare-form button").disabled = busy;
    if (!job) { box.replaceChildren(); return; }
    if (busy && !polling) polling = setInterval(pollJob, 400);
    if (!busy && polling) { clearInterval(polling); polling = null; }
    const shown = box.dataset.shown;
    const now = `${job.number}:${job.running}`;
    if (shown === now && !job.running) return; // keep the planner's ticks on a re-plan
    box.dataset.shown = now;
    box.replaceChildren(jobView(job));
  }

  function dismissJob() {
    // The finished job stays the desk's last one; its box stays closed until another job starts.
    $("#job").replaceChildren();
  }

  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  function button(text, action, primary) {
    const made = element("button", text, primary ? "primary" : "");
    made.type = "button";
    made.addEventListener("click", action);
    return made;
  }

  function jobView(job) {
    const box = element("div", undefined, "box");
    const names = {solve: "Solve", replan: "Re-plan from version " + job.based_on, compare: "Comparison"};
    box.appendChild(element("h2", names[job.kind]));
    if (job.running) {
      const progress = job.progress;
      let figures = `running, ${job.seconds.toFixed(1)} s`;
      if (progress) {
        figures += progress.cost === null ? " · no schedule found yet" : ` · best cost ${progress.cost.toLocaleString("en")}`;
        if (progress.bound !== null) figures += ` · bound ${progress.bound.toLocaleString("en")}`;
        box.appendChild(element("p", figures, "figures"));
        box.appendChild(button("Stop, keep the best", () => send("/api/stop"), true));
      } else {
        box.appendChild(element("p", figures, "figures"));
      }
      return box;
    }
    if (job.failure) { box.appendChild(element("p", job.failure, "message error")); return box; }
    const result = job.result;
    const dismiss = button("Dismiss", dismissJob);
    if (job.kind === "solve") {
      if (result.has_schedule) {
        const proven = result.status === "optimal" ? "proven optimal" : `best found${result.stopped ? " (stopped)" : ""}, bound ${result.bound}`;
        box.appendChild(element("p", `A grid of cost ${result.cost.toLocaleString("en")}, ${proven}, in ${job.seconds.toFixed(1)} s.`));
        const buttons = element("div", undefined, "buttons");
        buttons.append(button("Use this grid", () => send("/api/take", {job: job.number}).then(answer => { if (answer) dismissJob(); }), true), dismiss);
        box.appendChild(buttons);
      } else {
        box.appendChild(element("p", result.status === "infeasible" ? "No schedule exists:" : "No grid:"));
        box.appendChild(element("pre", result.reasons.join("\n")));
        box.appendChild(dismiss);
      }
    } else if (job.kind === "replan") {
      if (result.reasons.length) {
        box.appendChild(element("p", "No valid grid can be reached:"));
        box.appendChild(element("pre", result.reasons.join("\n")));
        box.appendChild(dismiss);
        return box;
      }
      const count = result.moves.length;
      const fewest = result.fewest_proven ? "the fewest possible" : "the fewest found in the time limit";
      box.appendChild(element("p", count
        ? `${count} move${count === 1 ? "" : "s"} (${fewest}) make${count === 1 ? "s" : ""} the grid valid; ${result.kept} placements stay. Soft cost then ${result.cost.toLocaleString("en")}.`
        : "The grid is valid as it is: nothing needs to move."));
      const list = element("ol", undefined, "moves");
      result.moves.forEach((proposed, index) => {
        const item = element("li", undefined, "move");
        const label = element("label");
        const tick = element("input");
        tick.type = "checkbox";
        tick.checked = true;
        tick.dataset.move = index;
        label.append(tick, ` '${proposed.title}'`);
        item.append(label, element("div", proposed.text));
        for (const reason of proposed.reasons) item.appendChild(element("div", `why: ${reason}`, "why"));
        const show = button("Show", () => showCards([proposed.key]));
        item.appendChild(show);
        list.appendChild(item);
      });
      box.appendChild(list);
      const buttons = element("div", undefined, "buttons");
      if (count) {
        buttons.append(
          button("Make the ticked moves", () => {
            const accepted = $$("input[data-move]", box).filter(tick => tick.checked).map(tick => parseInt(tick.dataset.move, 10));
            send("/api/apply", {job: job.number, accepted}).then(answer => {
              if (!answer) return;
              dismissJob();
              say(`Made ${accepted.length} of ${count} moves.`);
            });
          }, true),
          button("Tick all", () => $$("input[data-move]", box).forEach(tick => { tick.checked = true; })),
          button("Untick all", () => $$("input[data-move]", box).forEach(tick => { tick.checked = false; })),
        );
      }
      buttons.appendChild(dismiss);
      box.appendChild(buttons);
    } else if (job.kind === "compare") {
      const table = element("table");
      table.id = "columns";
      result.columns.forEach((column, index) => {
        const row = table.insertRow();
        row.insertCell().textContent = column.name;
        row.insertCell().textContent = `cost ${column.cost.toLocaleString("en")}${column.hard ? `, ${column.hard} broken` : ""}`;
        row.title = column.origin;
        const cell = row.insertCell();
        if (index) cell.appendChild(button("Take", () => send("/api/take", {job: job.number, column: index})));
      });
      box.appendChild(table);
      for (const note of result.left_out) box.appendChild(element("pre", note));
      const link = element("a", "Open the comparison side by side");
      link.href = "/compare";
      link.target = "_blank";
      box.append(link, " ", dismiss);
    }
    return box;
  }

  async function pollJob() {
    const response = await fetch("/api/job");
    if (!response.ok) return;
    const answer = await response.json();
    if (answer.version !== state.version) { await refresh(); return; }
    state.job = answer.job;
    showJob();
  }

  // Another tab may change the grid: look now and then, and whenever this tab comes back.
  setInterval(() => { if (!document.hidden && !polling) pollJob(); }, 5000);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) pollJob(); });

  // --- the panel's buttons ------------------------------------------------------------------
  $("#undo").addEventListener("click", () => send("/api/undo"));
  $("#redo").addEventListener("click", () => send("/api/redo"));
  $("#replan").addEventListener("click", () => send("/api/replan"));
  $("#solve").addEventListener("click", () => send("/api/solve"));
  $("#compare-form").addEventListener("submit", event => {
    event.preventDefault();
    const scenarios = $$("input[name=scenario]:checked").map(box => box.value);
    send("/api/compare", {alternatives: parseInt($("#alternatives").value, 10) || 1, scenarios});
  });
  $("#save-form").addEventListener("submit", event => {
    event.preventDefault();
    send("/api/save", {path: $("#save-to").value});
  });
  for (const link of $$(".downloads a")) {
    link.addEventListener("click", async event => {
      event.preventDefault();
      const file = link.dataset.file;
      const response = await fetch(`/download/${file}?version=${state.version}`);
      if (!response.ok) { say((await response.json()).error, true); return; }
      const saved = element("a");
      saved.href = URL.createObjectURL(await response.blob());
      saved.download = file === "published.zip" ? (response.headers.get("Content-Disposition").match(/filename="([^"]+)"/) || [])[1] || file : file;
      saved.click();
      say(`Downloaded ${saved.download} (version ${state.version}).`);
    });
  }

  showVerdict();
  showHistory();
  showJob();
  document.body.dataset.ready = "yes";
})();
