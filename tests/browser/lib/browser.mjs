// Starts Debian's Chromium through playwright-core, quietly: no background requests of
// its own, so everything recorded on a page was asked for by that page.

import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export function findChromium() {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found) {
    throw new Error(
      'Chromium was not found: install it with `apt-get install chromium` or set CHROMIUM=/path/to/chromium',
    );
  }
  return found;
}

export async function launch() {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

/** True when `url` stays on this machine: the site's own server, a file, or inline data. */
export function isLocal(url, allowedOrigins) {
  if (/^(data|about|blob):/.test(url)) return true;
  if (url.startsWith('file://')) return true;
  try {
    const u = new URL(url);
    return allowedOrigins.includes(u.origin);
  } catch {
    return false;
  }
}

/**
 * Records every request the pages of `context` make, and every request that failed or
 * was answered with an error status.
 */
export function recordRequests(context) {
  const log = { requests: [], failures: [] };
  context.on('request', (req) => log.requests.push({ url: req.url(), page: safeFrameUrl(req) }));
  context.on('requestfailed', (req) =>
    log.failures.push({ url: req.url(), page: safeFrameUrl(req), why: req.failure()?.errorText ?? 'failed' }),
  );
  context.on('response', (res) => {
    if (res.status() >= 400) {
      log.failures.push({ url: res.url(), page: safeFrameUrl(res.request()), why: `HTTP ${res.status()}` });
    }
  });
  return log;
}

function safeFrameUrl(req) {
  try {
    return req.frame().url();
  } catch {
    return '';
  }
}
