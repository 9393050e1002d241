/* The Today page's record on the device and how it reaches the server; drawing it is today.js.

   Everything the person does is kept on the device first (localStorage): the workout in
   progress, and a queue of requests to send. Each set carries a key made here (a UUID) sent as
   its Idempotency-Key, so a set sent twice (a retry, a second tab) is stored once. The queue is
   sent in order whenever the page is online; one tab at a time sends (Web Locks). */

export const STORE = {
  session: "forgefit.today.session",
  workout: "forgefit.today.workout",
  queue: "forgefit.today.queue",
  rest: "forgefit.today.rest",
};
const csrfMeta = document.querySelector('meta[name="csrf-token"]');
const csrf = csrfMeta ? csrfMeta.content : "";
// Exported live, so today.js always reads the latest; it changes them only through the setters
// below, since an importer cannot assign to them.
export let today = read(STORE.session);
export let units = "kg";
export let signedOut = false;
let sending = false;
// The page's drawing, given by today.js: this file never touches the session's markup itself.
let draw = { render() {}, showStatus() {} };

export function drawWith(page) {
  draw = page;
}
export function setUnits(chosen) {
  units = chosen;
}
export function rereadSession() {
  today = read(STORE.session);
}

// ----- storage --------------------------------------------------------------------------------

export function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch (_error) {
    return null;
  }
}
export function write(key, value) {
  if (value === null) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(value));
}
function newKey() {
  if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
export function workout() {
  return read(STORE.workout);
}
export function queue() {
  return read(STORE.queue) || [];
}
function enqueue(operation) {
  write(STORE.queue, [...queue(), { id: newKey(), ...operation }]);
  send();
}

// ----- talking to the server ------------------------------------------------------------------

export function request(method, url, body, extraHeaders) {
  const headers = { accept: "application/json", ...(extraHeaders || {}) };
  if (method !== "GET") headers["x-csrf-token"] = csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function refresh() {
  let response;
  try {
    response = await request("GET", "/api/v1/me/today");
  } catch (_error) {
    draw.render();
    return;
  }
  if (response.status === 401) {
    signedOut = true;
    draw.render();
    return;
  }
  if (response.status === 404) {
    today = { missing: (await response.json()).detail };
  } else if (response.ok) {
    today = await response.json();
    units = today.units === "lb" ? "lb" : "kg";
    adoptServerWorkout(today.open_workout);
  }
  write(STORE.session, today);
  draw.render();
}

function adoptServerWorkout(open) {
  const local = workout();
  const waiting = queue().length > 0;
  if (waiting) return; // this phone has changes the server has not seen yet: keep ours
  if (local && local.free) return; // a free workout stays until it is finished here
  if (open) {
    write(STORE.workout, {
      key: open.key,
      program_id: today.program.id,
      session: { week: today.week, day: today.day },
      started_at: open.started_at,
      sets: open.sets.map((s) => ({ ...s, state: "sent" })),
      extra: local && local.key === open.key ? local.extra || [] : [],
    });
  } else if (local && local.sets.length > 0 && !local.free) {
    write(STORE.workout, null); // finished here or in another tab
  }
}

export async function send() {
  if (sending || !navigator.onLine) {
    draw.showStatus();
    return;
  }
  sending = true;
  try {
    if (navigator.locks) await navigator.locks.request("forgefit-today-queue", sendAll);
    else await sendAll();
  } finally {
    sending = false;
    draw.showStatus();
  }
}

async function sendAll() {
  let sentSomething = false;
  for (;;) {
    const operation = queue()[0];
    if (!operation) break;
    let response;
    try {
      response = await request(operation.method, operation.url, operation.body, operation.headers);
    } catch (_error) {
      break; // offline again: try later
    }
    if (response.status === 401 || response.status === 403) {
      signedOut = true;
      break;
    }
    if (response.status >= 500 || response.status === 429) break;
    let problem = null;
    if (response.status === 422) {
      const body = await response.json();
      problem = (body.detail || []).map((p) => `${p.parameter}: ${p.message}`).join("; ");
    }
    write(STORE.queue, queue().filter((item) => item.id !== operation.id));
    if (operation.set_key) markSet(operation.set_key, problem ? "refused" : "sent", problem);
    sentSomething = true;
  }
  if (sentSomething && queue().length === 0) await refresh();
}

function markSet(key, state, problem) {
  const current = workout();
  if (!current) return;
  for (const logged of current.sets) {
    if (logged.key === key) {
      logged.state = state;
      logged.problem = problem;
    }
  }
  write(STORE.workout, current);
  draw.render();
}

export function startSyncing() {
  window.addEventListener("online", send);
  setInterval(send, 5000);
  refresh().then(send);
}

// ----- the workout ----------------------------------------------------------------------------

export function startWorkout(free) {
  const started = {
    key: newKey(),
    program_id: free || !today || !today.program ? null : today.program.id,
    session: free || !today || !today.program ? null : { week: today.week, day: today.day },
    started_at: new Date().toISOString(),
    sets: [],
    extra: [],
    free: Boolean(free),
  };
  write(STORE.workout, started);
  return started;
}

export function logSet(slug, values) {
  const current = workout() || startWorkout(false);
  const logged = { key: newKey(), exercise: slug, ...values, state: "queued" };
  current.sets.push(logged);
  write(STORE.workout, current);
  enqueue({
    method: "POST",
    url: "/api/v1/me/sets",
    headers: { "idempotency-key": logged.key },
    set_key: logged.key,
    body: {
      workout_key: current.key,
      program_id: current.program_id,
      session: current.session,
      started_at: current.started_at,
      set: { exercise: slug, ...values },
    },
  });
}

export function editSet(key, values) {
  const current = workout();
  const logged = current && current.sets.find((s) => s.key === key);
  if (!logged) return;
  Object.assign(logged, values, { state: "queued", problem: null });
  write(STORE.workout, current);
  const waiting = queue();
  const unsent = waiting.find((op) => op.method === "POST" && op.set_key === key);
  if (unsent) {
    unsent.body.set = { exercise: logged.exercise, ...values };
    write(STORE.queue, waiting);
    send();
  } else {
    enqueue({
      method: "PATCH",
      url: `/api/v1/me/sets/${encodeURIComponent(key)}`,
      set_key: key,
      body: { exercise: logged.exercise, ...values },
    });
  }
}

export function deleteSet(key) {
  const current = workout();
  if (!current) return;
  current.sets = current.sets.filter((s) => s.key !== key);
  write(STORE.workout, current);
  const waiting = queue();
  if (waiting.some((op) => op.method === "POST" && op.set_key === key)) {
    write(STORE.queue, waiting.filter((op) => op.set_key !== key));
    draw.render();
  } else {
    enqueue({ method: "DELETE", url: `/api/v1/me/sets/${encodeURIComponent(key)}` });
    draw.render();
  }
}

// The page clears the rest timer and says well done only if there was a workout: hence the answer.
export function finishWorkout() {
  const current = workout();
  if (!current) return false;
  if (current.sets.length > 0) {
    enqueue({
      method: "POST",
      url: "/api/v1/me/workouts/finish",
      body: { workout_key: current.key, finished_at: new Date().toISOString() },
    });
  }
  write(STORE.workout, null);
  return true;
}
