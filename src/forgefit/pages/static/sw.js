/* ForgeFit service worker: keeps the Today page, its scripts and styles, and the last session
   from the server, so the page opens in a gym with no signal. Pages and the session are fetched
   from the network first (fresh when online) and from this cache when offline. Logged sets are
   not handled here: the page queues them on the device and sends them when it can. */
"use strict";

const CACHE = "forgefit-today-v2";
const SHELL = [
  "/today",
  "/static/today.js",
  "/static/today-queue.js",
  "/static/today.css",
  "/static/forgefit.css",
  "/static/forgefit.js",
  "/static/favicon.svg",
  "/manifest.webmanifest",
  "/static/icons/icon-192.png",
];
const KEPT = new Set([...SHELL, "/api/v1/me/today"]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        SHELL.map((path) =>
          fetch(path, { credentials: "same-origin" })
            .then((response) => (usable(response) ? cache.put(path, response) : undefined))
            .catch(() => undefined),
        ),
      ),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function usable(response) {
  return response.ok && !response.redirected && response.type === "basic";
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !KEPT.has(url.pathname)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (usable(response)) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(url.pathname).then(
          (cached) => cached || new Response("Offline, and this page was never opened here.", {
            status: 503,
            headers: { "content-type": "text/plain" },
          }),
        ),
      ),
  );
});
