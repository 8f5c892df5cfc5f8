// Tiến độ's service worker: the app opens with no network after one visit.
//
// The page shell ("/") is fetched network-first, but never waited for more than NETWORK_WAIT_MS
// when a cached shell exists: a weak line, or a server that accepts and never answers, must not
// leave the user before a blank page. It is kept with every file it references
// (trunk's hashed JS, WASM and CSS), so the cached shell and its files always match. When a
// newer shell appears, its files are cached first, then open pages are told; they reload when
// the user chooses, never in the middle of an edit.
'use strict';
const CACHE = 'tiendo-shell-v1';
const SHELL = '/';
// How long a navigation waits for the network before the cached shell answers.
const NETWORK_WAIT_MS = 2500;

function assetsOf(html) {
  const found = new Set();
  const re = /["'](\/[^"'\s?#]+\.(?:js|wasm|css|svg|png|ico|woff2?))["']/g;
  let m;
  while ((m = re.exec(html)) !== null) found.add(m[1]);
  return [...found];
}

// Fetches the shell; if it differs from the cached one, caches its files, then the shell.
// Returns true when a new shell was stored.
async function refreshShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch(SHELL, { cache: 'no-cache' });
  if (!res.ok) return false;
  const html = await res.clone().text();
  const old = await cache.match(SHELL);
  if (old && (await old.text()) === html) return false;
  const assets = assetsOf(html);
  await cache.addAll(assets.map((a) => new Request(a, { cache: 'no-cache' })));
  await cache.put(SHELL, res);
  const keep = new Set(assets.map((a) => new URL(a, self.location.origin).href));
  keep.add(new URL(SHELL, self.location.origin).href);
  for (const req of await cache.keys()) {
    if (!keep.has(req.url)) await cache.delete(req);
  }
  return old !== undefined;
}

async function tellPages() {
  for (const c of await self.clients.matchAll({ type: 'window' })) c.postMessage('tiendo:update');
}

self.addEventListener('install', (event) => {
  event.waitUntil(refreshShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'tiendo:check') {
    event.waitUntil(refreshShell().then((updated) => (updated ? tellPages() : undefined)).catch(() => undefined));
  }
});

// The network's shell, whole: a line that sends the headers and then stalls must not win the race
// with a page that never finishes loading.
async function wholeResponse(request) {
  const res = await fetch(request);
  const body = await res.arrayBuffer();
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function shell(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(SHELL);
  const network = wholeResponse(request).then((res) => (res.ok || !cached ? res : cached));
  if (!cached) return network;
  // A late answer is dropped: the page runs the cached shell, and the next check for a new
  // version ('tiendo:check') finds a newer one and offers the reload.
  const late = new Promise((resolve) => setTimeout(() => resolve(cached), NETWORK_WAIT_MS));
  return Promise.race([network.catch(() => cached), late]);
}

async function asset(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/sync' || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate') {
    event.respondWith(shell(request));
  } else {
    event.respondWith(asset(request));
  }
});
