// Tiến độ's service worker: the app opens with no network after one visit.
//
// The page shell ("/") is fetched network-first and kept with every file it references
// (trunk's hashed JS, WASM and CSS), so the cached shell and its files always match. When a
// newer shell appears, its files are cached first, then open pages are told; they reload when
// the user chooses, never in the middle of an edit.
'use strict';
const CACHE = 'tiendo-shell-v1';
const SHELL = '/';

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

async function shell(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) return res;
    return (await cache.match(SHELL)) || res;
  } catch (e) {
    const hit = await cache.match(SHELL);
    if (hit) return hit;
    throw e;
  }
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
