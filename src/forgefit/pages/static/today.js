/* The Today page: the next session from GET /api/v1/me/today, set logging that works without
   signal, a rest timer that survives reloads, swaps in place. This file draws the page and
   handles what the person taps; what they log is kept on the device and sent to the server by
   today-queue.js. */

import {
  STORE,
  deleteSet,
  drawWith,
  editSet,
  finishWorkout,
  logSet,
  queue,
  read,
  refresh,
  request,
  rereadSession,
  setUnits,
  signedOut,
  startSyncing,
  startWorkout,
  today,
  units,
  workout,
  write,
} from "./today-queue.js";

(() => {
  const root = document.getElementById("today");
  if (!root) return;

  const LB_PER_KG = 2.20462;
  const RIR_WORDS = [
    "0: none left",
    "1 more",
    "2 more",
    "3 more",
    "4 more",
    "5 or more",
  ];
  const statusLine = document.getElementById("today-status");
  const sessionBox = document.getElementById("today-session");
  const extraBox = document.getElementById("today-extra");
  const restBox = document.getElementById("rest-timer");
  const restLeft = document.getElementById("rest-left");
  setUnits(root.dataset.units === "lb" ? "lb" : "kg");

  // ----- numbers and words --------------------------------------------------------------------

  function shownLoad(kg) {
    if (kg === null || kg === undefined) return null;
    if (units === "lb") return Math.round(kg * LB_PER_KG * 2) / 2;
    return Math.round(kg * 100) / 100;
  }
  function toKg(value) {
    if (value === "" || value === null) return null;
    const number = Number(value);
    if (!Number.isFinite(number)) return NaN;
    return units === "lb" ? Math.round((number / LB_PER_KG) * 100) / 100 : number;
  }
  function clock(seconds) {
    const s = Math.max(0, Math.round(seconds));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  }
  function targetText(exercise) {
    const parts = [];
    if (exercise.seconds) parts.push(`${exercise.sets} × ${exercise.seconds} s`);
    else if (exercise.rep_range && exercise.rep_range[0] !== exercise.rep_range[1] && !exercise.reps)
      parts.push(`${exercise.sets} × ${exercise.rep_range[0]}–${exercise.rep_range[1]} reps`);
    else parts.push(`${exercise.sets} × ${exercise.reps} reps`);
    if (exercise.load_kg !== null) parts.push(`${shownLoad(exercise.load_kg)} ${units}`);
    parts.push(`rest ${clock(exercise.rest_seconds)}`);
    return parts.join(" · ");
  }
  function setText(logged) {
    const parts = [];
    if (logged.load_kg !== null && logged.load_kg !== undefined)
      parts.push(`${shownLoad(logged.load_kg)} ${units}`);
    if (logged.reps !== null && logged.reps !== undefined) parts.push(`${logged.reps} reps`);
    if (logged.seconds) parts.push(`${logged.seconds} s`);
    if (logged.rir !== null && logged.rir !== undefined) parts.push(`${logged.rir} left`);
    return parts.join(" · ") + (logged.note ? ` — ${logged.note}` : "");
  }
  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  // ----- rest timer ---------------------------------------------------------------------------

  function startRest(seconds) {
    write(STORE.rest, { until: Date.now() + seconds * 1000 });
    tick();
  }
  function tick() {
    const rest = read(STORE.rest);
    const left = rest ? (rest.until - Date.now()) / 1000 : 0;
    restBox.hidden = left <= 0;
    restLeft.textContent = clock(left);
    if (rest && left <= 0) write(STORE.rest, null);
  }

  // ----- drawing ------------------------------------------------------------------------------

  function showStatus() {
    const waiting = queue().filter((op) => op.set_key).length;
    if (signedOut) {
      statusLine.replaceChildren(
        "You are signed out: nothing is lost, sets wait on this phone. ",
        element("a", { href: "/account/signin", text: "Sign in" }),
      );
    } else if (waiting && !navigator.onLine) {
      statusLine.textContent = `Offline: ${waiting} ${waiting === 1 ? "set waits" : "sets wait"} on this phone and will be sent when you are back online.`;
    } else if (waiting) {
      statusLine.textContent = `Sending ${waiting} ${waiting === 1 ? "set" : "sets"}…`;
    } else if (!navigator.onLine) {
      statusLine.textContent = "Offline: log as usual, sets are kept on this phone.";
    } else {
      statusLine.textContent = workout() ? "Every set is saved." : "";
    }
  }

  function exercisesToShow(current) {
    const planned = today && today.exercises && !(current && current.free) ? today.exercises : [];
    const shown = planned.map((e) => ({ ...e, planned: true }));
    const extra = current ? current.extra || [] : [];
    for (const added of extra) {
      if (!shown.some((e) => e.slug === added.slug)) shown.push({ ...added, planned: false });
    }
    const loggedOnly = current ? current.sets.map((s) => s.exercise) : [];
    for (const slug of loggedOnly) {
      if (!shown.some((e) => e.slug === slug)) shown.push({ slug, name: slug, planned: false });
    }
    return shown;
  }

  function render() {
    showStatus();
    for (const button of document.querySelectorAll("[data-units-choice]")) {
      button.setAttribute("aria-pressed", String(button.dataset.unitsChoice === units));
    }
    const current = workout();
    sessionBox.replaceChildren();
    extraBox.hidden = false;
    if (!today && !current) {
      sessionBox.append(element("p", { text: "Open this page once with a connection to keep your session here." }));
      return;
    }
    if (today && today.missing && !(current && current.free)) {
      sessionBox.append(
        element("p", { text: today.missing }),
        element("p", {}, element("a", { href: "/plan", text: "Build a program" })),
      );
    } else if (current && current.free) {
      sessionBox.append(element("h1", { text: "Free workout" }));
    } else if (today && today.exercises) {
      sessionBox.append(
        element("h1", { text: `Week ${today.week}, day ${today.day}: ${today.name}` }),
        element("p", { class: "program-name", text: today.program.name }),
      );
      if (today.notes.length) {
        sessionBox.append(element("ul", { class: "session-notes" }, ...today.notes.map((n) => element("li", { text: n }))));
      }
      sessionBox.append(
        element(
          "details",
          { class: "effort-help" },
          element("summary", { text: "What “stop about 2 reps before you couldn't do another” means" }),
          element("p", { text: today.effort_help }),
        ),
      );
    }
    for (const exercise of exercisesToShow(current)) sessionBox.append(exerciseCard(exercise, current));
  }

  function exerciseCard(exercise, current) {
    const logged = current ? current.sets.filter((s) => s.exercise === exercise.slug) : [];
    const card = element("section", { class: "exercise", "data-slug": exercise.slug });
    card.append(
      element("h2", {}, element("a", { href: exercise.url || `/exercise/${exercise.slug}`, text: exercise.name })),
    );
    if (exercise.planned) {
      card.append(element("p", { class: "target", text: targetText(exercise) }));
      if (exercise.effort) card.append(element("p", { class: "effort", text: exercise.effort }));
      if (exercise.load_instruction)
        card.append(element("p", { class: "load-instruction", text: exercise.load_instruction }));
      if (exercise.changes.length) {
        card.append(
          element("ul", { class: "changes" }, ...exercise.changes.map((c) => element("li", { text: c.reason }))),
        );
      }
      const why = element("details", { class: "why" }, element("summary", { text: "Why this" }));
      if (exercise.why) why.append(element("p", { text: exercise.why }));
      if (exercise.progression) why.append(element("p", { text: `How it progresses: ${exercise.progression}` }));
      card.append(why);
    }
    const list = element("ol", { class: "sets" });
    for (const one of logged) {
      const state =
        one.state === "refused"
          ? `Not saved: ${one.problem}`
          : one.state === "queued"
            ? "waiting to send"
            : "saved";
      list.append(
        element(
          "li",
          { class: `set ${one.state || "sent"}`, "data-key": one.key },
          element("span", { class: "set-text", text: setText(one) }),
          element("span", { class: "set-state", text: state }),
          element("button", { type: "button", class: "quiet", "data-action": "edit", text: "Edit" }),
          element("button", { type: "button", class: "quiet", "data-action": "delete", text: "Delete" }),
        ),
      );
    }
    card.append(list);
    card.append(logForm(exercise, logged.length));
    if (exercise.planned && exercise.alternatives && exercise.alternatives.length && today.program) {
      const swap = element("details", { class: "swap" }, element("summary", { text: "Swap this exercise" }));
      const form = element("form", { class: "swap-form", "data-from": exercise.slug });
      const scope = element(
        "fieldset",
        {},
        element("legend", { text: "For" }),
        element("label", {}, element("input", { type: "radio", name: "scope", value: "session", checked: true }), " this session"),
        element("label", {}, element("input", { type: "radio", name: "scope", value: "program" }), " from now on"),
      );
      form.append(scope);
      for (const option of exercise.alternatives) {
        form.append(element("button", { type: "submit", name: "to", value: option.slug, class: "big alt", text: option.name }));
      }
      swap.append(form);
      card.append(swap);
    }
    return card;
  }

  function logForm(exercise, done) {
    const timed = Boolean(exercise.seconds);
    const form = element("form", { class: "log-set", "data-slug": exercise.slug, novalidate: true });
    const id = (name) => `${name}-${exercise.slug}`;
    const suggested = exercise.load_kg === null || exercise.load_kg === undefined ? "" : shownLoad(exercise.load_kg);
    form.append(
      element(
        "label",
        { for: id("load") },
        `Load (${units})`,
        element("input", { id: id("load"), name: "load", inputmode: "decimal", value: suggested, placeholder: "none" }),
      ),
      element(
        "label",
        { for: id("amount") },
        timed ? "Seconds" : "Reps",
        element("input", {
          id: id("amount"),
          name: timed ? "seconds" : "reps",
          inputmode: "numeric",
          value: timed ? exercise.seconds : exercise.reps || "",
          required: true,
        }),
      ),
    );
    const rir = element("select", { id: id("rir"), name: "rir" }, element("option", { value: "", text: "—" }));
    RIR_WORDS.forEach((words, value) => {
      rir.append(element("option", { value: String(value), text: words, selected: exercise.rir === value }));
    });
    form.append(
      element("label", { for: id("rir") }, "Reps left", rir),
      element("label", { for: id("note"), class: "wide" }, "Note", element("input", { id: id("note"), name: "note", maxlength: "500" })),
      element("p", { class: "form-problem", role: "alert" }),
    );
    const label = exercise.planned && exercise.sets ? `Log set ${Math.min(done + 1, exercise.sets)} of ${exercise.sets}` : "Log set";
    form.append(element("button", { type: "submit", class: "big", text: done >= (exercise.sets || Infinity) ? "Log another set" : label }));
    return form;
  }

  function valuesOf(form) {
    const data = new FormData(form);
    const problems = [];
    const load = toKg(String(data.get("load") || "").trim());
    if (Number.isNaN(load) || (load !== null && (load < 0 || load > 1000)))
      problems.push(`Load: give a number from 0 to ${units === "lb" ? 2204 : 1000} ${units}, or leave it empty.`);
    const values = { load_kg: load, reps: null, seconds: null, rir: null, note: null };
    for (const name of ["reps", "seconds"]) {
      if (!data.has(name)) continue;
      const typed = String(data.get(name)).trim();
      const number = typed === "" ? NaN : Number(typed);
      const limit = name === "reps" ? 100 : 3600;
      if (!Number.isInteger(number) || number < (name === "reps" ? 0 : 1) || number > limit)
        problems.push(`${name === "reps" ? "Reps" : "Seconds"}: give a whole number up to ${limit}.`);
      values[name] = number;
    }
    const rir = data.get("rir");
    values.rir = rir === "" || rir === null ? null : Number(rir);
    const note = String(data.get("note") || "").trim();
    values.note = note || null;
    return { values, problems };
  }

  // ----- events (no inline handlers: a Content-Security-Policy forbids them) ------------------

  sessionBox.addEventListener("submit", async (event) => {
    const form = event.target;
    event.preventDefault();
    if (form.classList.contains("log-set")) {
      const { values, problems } = valuesOf(form);
      const problemLine = form.querySelector(".form-problem");
      problemLine.textContent = problems.join(" ");
      if (problems.length) return;
      const editing = form.dataset.editing;
      if (editing) editSet(editing, values);
      else {
        logSet(form.dataset.slug, values);
        const exercise = (today && today.exercises ? today.exercises : []).find((e) => e.slug === form.dataset.slug);
        startRest(exercise ? exercise.rest_seconds : 90);
      }
      render();
    } else if (form.classList.contains("swap-form")) {
      const to = event.submitter ? event.submitter.value : null;
      const scope = new FormData(form).get("scope");
      if (!to) return;
      if (!navigator.onLine) {
        statusLine.textContent = "Swapping needs a connection: try again when you are online.";
        return;
      }
      const response = await request("POST", `/api/v1/me/programs/${today.program.id}/swaps`, {
        from: form.dataset.from,
        to,
        scope,
      });
      if (response.ok) {
        statusLine.textContent = (await response.json()).reason;
        await refresh();
        statusLine.textContent = "Swapped.";
      } else {
        const body = await response.json();
        statusLine.textContent = Array.isArray(body.detail) ? body.detail.map((p) => p.message).join(" ") : body.detail;
      }
    }
  });

  sessionBox.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const key = button.closest("li[data-key]").dataset.key;
    if (button.dataset.action === "delete") {
      deleteSet(key);
      return;
    }
    const current = workout();
    const logged = current && current.sets.find((s) => s.key === key);
    const form = button.closest("section").querySelector("form.log-set");
    if (!logged || !form) return;
    form.dataset.editing = key;
    const amount = form.querySelector('[name="reps"], [name="seconds"]');
    form.querySelector('[name="load"]').value = logged.load_kg === null ? "" : shownLoad(logged.load_kg);
    amount.value = logged.reps ?? logged.seconds ?? "";
    form.querySelector('[name="rir"]').value = logged.rir === null ? "" : String(logged.rir);
    form.querySelector('[name="note"]').value = logged.note || "";
    form.querySelector('button[type="submit"]').textContent = "Save this set";
    amount.focus();
  });

  document.getElementById("rest-stop").addEventListener("click", () => {
    write(STORE.rest, null);
    tick();
  });
  document.getElementById("finish-workout").addEventListener("click", () => {
    if (!finishWorkout()) return;
    write(STORE.rest, null);
    statusLine.textContent = "Workout finished. Well done.";
    render();
  });
  document.getElementById("free-workout").addEventListener("click", () => {
    startWorkout(true);
    render();
  });
  for (const button of document.querySelectorAll("[data-units-choice]")) {
    button.addEventListener("click", async () => {
      const chosen = button.dataset.unitsChoice;
      try {
        const response = await request("PUT", "/api/v1/me/units", { units: chosen });
        if (response.ok) setUnits(chosen);
      } catch (_error) {
        statusLine.textContent = "Changing units needs a connection.";
      }
      render();
    });
  }

  const addForm = document.getElementById("add-exercise");
  const addInput = document.getElementById("add-exercise-q");
  const addOptions = document.getElementById("add-exercise-options");
  let suggestions = [];
  addInput.addEventListener("input", async () => {
    const typed = addInput.value.trim();
    if (typed.length < 2 || !navigator.onLine) return;
    try {
      const response = await fetch(`/api/v1/suggest?q=${encodeURIComponent(typed)}&limit=8`);
      if (!response.ok) return;
      suggestions = (await response.json()).suggestions.filter((s) => s.kind === "exercise");
      addOptions.replaceChildren(...suggestions.map((s) => element("option", { value: s.text })));
    } catch (_error) {
      /* offline: a slug typed in full still works */
    }
  });
  addForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = addInput.value.trim();
    if (!typed) return;
    const match = suggestions.find((s) => s.text.toLowerCase() === typed.toLowerCase());
    const slug = match ? match.slug : typed.toLowerCase().replace(/\s+/g, "-");
    const current = workout() || startWorkout(false);
    current.extra = [...(current.extra || []), { slug, name: match ? match.text : typed }];
    write(STORE.workout, current);
    addInput.value = "";
    render();
  });

  window.addEventListener("offline", showStatus);
  window.addEventListener("storage", (event) => {
    if (event.key === STORE.session) rereadSession();
    if (Object.values(STORE).includes(event.key)) {
      tick();
      render();
    }
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  }
  drawWith({ render, showStatus });
  render();
  tick();
  setInterval(tick, 500);
  startSyncing();
})();
