// Every link, stylesheet, image, feed and calendar link resolves when the site is
// published under a sub-path (/training/) and when it is opened straight from disk.
//
// Each page is loaded in Chromium and every address it refers to (links, stylesheets,
// images, scripts, feeds, calendars, and #fragments) is looked up: over HTTP for the
// served site, as a file for file://. A folder is not a page from file://, so a link to
// one is broken. Pages are crawled from the catalog; pages nothing links to are checked
// too. linkinator crawls the served site as a second opinion.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinkChecker } from 'linkinator';
import { fileUrl, httpUrl } from '../lib/site.mjs';

const REFS = `
  const out = [];
  const add = (kind, raw, el) => { if (raw != null && raw.trim() !== '') out.push({ kind, raw: raw.trim(), text: (el.textContent || el.getAttribute('alt') || '').trim().slice(0, 50) }); };
  for (const el of document.querySelectorAll('a[href], area[href]')) add('link', el.getAttribute('href'), el);
  for (const el of document.querySelectorAll('link[href]')) add('link rel=' + el.rel, el.getAttribute('href'), el);
  for (const el of document.querySelectorAll('img[src], script[src], source[src], iframe[src], video[src], audio[src], track[src], input[src]')) add(el.tagName.toLowerCase(), el.getAttribute('src'), el);
  for (const el of document.querySelectorAll('img[srcset], source[srcset]')) for (const part of el.getAttribute('srcset').split(',')) add('srcset', part.trim().split(/\\s+/)[0], el);
  for (const el of document.querySelectorAll('object[data]')) add('object', el.getAttribute('data'), el);
  for (const el of document.querySelectorAll('form[action]')) add('form', el.getAttribute('action'), el);
  out;
`;

function idsIn(html) {
  const ids = new Set();
  for (const m of html.matchAll(/\s(?:id|name)="([^"]+)"/g)) ids.add(m[1]);
  return ids;
}

async function crawl(ctx, check, mode) {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  const base = mode === 'http' ? ctx.server.url : ctx.fileRoot;
  const toUrl = (rel) => (mode === 'http' ? httpUrl(ctx, rel) : fileUrl(ctx, rel));
  const notFound = ctx.pages.find((p) => p.type === '404')?.rel;
  const seeds = ['index.html'];
  const queue = [...seeds];
  const seen = new Set(seeds);
  const statusCache = new Map();
  const idCache = new Map();
  let refs = 0;
  let broken = 0;
  const externals = new Set();

  // The site path an address points at, or null when it points outside the site.
  const siteRel = (u) => {
    if (mode === 'http') {
      if (u.origin !== ctx.server.origin || !u.pathname.startsWith('/training/')) return null;
      return decodeURIComponent(u.pathname.slice('/training/'.length));
    }
    if (u.protocol !== 'file:') return null;
    const p = fileURLToPath(u);
    const rel = path.relative(ctx.site, p);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return rel.split(path.sep).join('/') + (u.pathname.endsWith('/') ? '/' : '');
  };

  const resolves = async (u) => {
    const key = u.href;
    if (statusCache.has(key)) return statusCache.get(key);
    let ok;
    if (mode === 'http') {
      const res = await fetch(u, { redirect: 'manual' });
      ok = res.status === 200 ? true : `HTTP ${res.status}`;
    } else {
      let p;
      try {
        p = fileURLToPath(u);
      } catch {
        p = null;
      }
      const stat = p && fs.existsSync(p) ? fs.statSync(p) : null;
      ok = !stat ? 'no such file' : stat.isDirectory() ? 'a folder, not a page: it does not open from file://' : true;
    }
    statusCache.set(key, ok);
    return ok;
  };

  const ids = (rel) => {
    if (!idCache.has(rel)) {
      const file = path.join(ctx.site, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
      idCache.set(rel, fs.existsSync(file) ? idsIn(fs.readFileSync(file, 'utf8')) : new Set());
    }
    return idCache.get(rel);
  };

  const visit = async (rel, address) => {
    const response = await page.goto(address);
    if (mode === 'http' && rel === notFound && response.status() !== 404) {
      check.fail(`http: a missing page answers ${response.status()}, not 404 with the site's 404 page`);
    }
    const found = await page.evaluate(REFS);
    for (const ref of found) {
      refs++;
      let u;
      try {
        u = new URL(ref.raw, page.url());
      } catch {
        broken++;
        check.fail(`${mode}: ${rel}: ${ref.kind} "${ref.raw}" is not a valid address`);
        continue;
      }
      if (!['http:', 'https:', 'file:'].includes(u.protocol)) {
        externals.add(u.href);
        continue;
      }
      const target = siteRel(u);
      if (target === null) {
        if (u.protocol === 'file:' || (u.origin === ctx.server.origin)) {
          broken++;
          check.fail(`${mode}: ${rel}: ${ref.kind} "${ref.raw}" (${ref.text}) points outside the site: ${u.href}`);
        } else externals.add(u.href);
        continue;
      }
      const bare = new URL(u.href);
      bare.hash = '';
      bare.search = '';
      const here = new URL(page.url());
      here.hash = '';
      if (bare.href === here.href && u.hash) {
        // A link within the page: the target must be in this document.
        const fragment = decodeURIComponent(u.hash.slice(1));
        if (!(await page.evaluate((id) => !!document.getElementById(id) || document.getElementsByName(id).length > 0, fragment))) {
          broken++;
          check.fail(`${mode}: ${rel}: ${ref.kind} "${ref.raw}" (${ref.text}): no #${fragment} on the page`);
        }
        continue;
      }
      const ok = await resolves(bare);
      if (ok !== true) {
        broken++;
        check.fail(`${mode}: ${rel}: ${ref.kind} "${ref.raw}" (${ref.text}) is broken: ${ok}`);
        continue;
      }
      const fragment = decodeURIComponent(u.hash.slice(1));
      if (fragment && !ids(target).has(fragment)) {
        broken++;
        check.fail(`${mode}: ${rel}: ${ref.kind} "${ref.raw}" (${ref.text}): ${target} has no #${fragment}`);
      }
      const page_ = target.endsWith('/') ? `${target}index.html` : target;
      if (page_.endsWith('.html') && ref.kind === 'link' && !seen.has(page_)) {
        seen.add(page_);
        queue.push(page_);
      }
    }
  };

  while (queue.length) {
    const rel = queue.shift();
    await visit(rel, toUrl(rel));
  }
  const reached = seen.size;
  const orphans = ctx.html.filter((f) => !seen.has(f) && f !== notFound);
  for (const rel of orphans) {
    seen.add(rel);
    await visit(rel, toUrl(rel));
  }
  if (mode === 'http' && notFound) await visit(notFound, httpUrl(ctx, notFound));
  await context.close();
  check.note(
    `${mode === 'http' ? 'under /training/' : 'from file://'}: ${seen.size + (mode === 'http' ? 1 : 0)} pages, ${refs} references, ${broken} broken, ` +
      `${reached} pages reached from the catalog${orphans.length ? `, not linked from anywhere: ${orphans.join(', ')}` : ''}; ` +
      `${externals.size} external addresses (not requested)${mode === 'file' && notFound ? `; ${notFound} is the web server's page for missing addresses, checked under /training/` : ''}`,
  );
  return base;
}

async function linkinator(ctx, check) {
  const checker = new LinkChecker();
  const result = await checker.check({
    path: ctx.server.url,
    recurse: true,
    checkCss: true,
    checkFragments: true,
    concurrency: 8,
    timeout: 10000,
    redirects: 'error',
    linksToSkip: async (link) => !link.startsWith(ctx.server.origin + '/'),
  });
  const brokenLinks = new Map();
  for (const l of result.links.filter((x) => x.state === 'BROKEN')) {
    const entry = brokenLinks.get(l.url) ?? { status: l.status, parents: new Set() };
    if (l.parent && l.parent !== l.url) entry.parents.add(l.parent.replace(ctx.server.url, ''));
    brokenLinks.set(l.url, entry);
  }
  for (const [url, e] of brokenLinks) {
    check.fail(`linkinator: ${url.replace(ctx.server.url, '/training/')} (${e.status || 'no answer'}) linked from ${[...e.parents].join(', ') || '?'}`);
  }
  const ok = result.links.filter((l) => l.state === 'OK').length;
  const skipped = result.links.filter((l) => l.state === 'SKIPPED').length;
  check.note(`linkinator under /training/: ${ok} links ok, ${brokenLinks.size} broken, ${skipped} external skipped`);
}

export default {
  id: 'links',
  name: 'links under /training/ and from file://',
  async run(ctx, check) {
    await crawl(ctx, check, 'http');
    await crawl(ctx, check, 'file');
    await linkinator(ctx, check);
  },
};
