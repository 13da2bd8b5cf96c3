// Preloaded into every compat test process (`node --import`): a `fetch` to anything but
// loopback fails at once and fails the test file, so no framework's telemetry or
// registry refresh reaches the internet from a test unnoticed.
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const originalFetch = globalThis.fetch;
const blocked: string[] = [];

globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!LOOPBACK.has(url.hostname)) {
    blocked.push(url.origin);
    return Promise.reject(
      new TypeError(`compat: blocked fetch to ${url.origin}: tests reach loopback only`),
    );
  }
  return originalFetch(input, init);
};

process.on('exit', () => {
  if (blocked.length > 0) {
    console.error(`compat: blocked fetches to ${[...new Set(blocked)].join(', ')}`);
    process.exitCode = 1;
  }
});
