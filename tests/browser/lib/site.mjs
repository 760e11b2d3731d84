// What is in a built site: its HTML files and the type of page each one is.

import fs from 'node:fs';
import path from 'node:path';

/** Every file below `root`, as paths relative to it with `/`, sorted. */
export function listFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

export function htmlFiles(root) {
  return listFiles(root).filter((f) => f.endsWith('.html'));
}

const KINDS = {
  catalog: 'catalog',
  course: 'course',
  brief: "manager's brief",
  leader: 'leader',
  leaders: 'leaders index',
  meeting: 'meeting',
  meetings: 'meetings index',
  department: 'department',
  departments: 'departments index',
  polls: 'polls',
  'not-found': '404',
  report: 'report',
};
const kindCache = new Map();

/** The type of page a built file is, named as learners would, from the theme's
 * `<body class="page-…">` (so it does not depend on how addresses are laid out). */
export function pageType(root, rel) {
  const key = path.join(root, rel);
  if (!kindCache.has(key)) {
    const html = fs.readFileSync(key, 'utf8');
    const kind = html.match(/<body[^>]*\bclass="[^"]*\bpage-([a-z-]+)/)?.[1];
    kindCache.set(key, KINDS[kind] ?? 'other');
  }
  return kindCache.get(key);
}

/** The page types the issue names, in the order reports list them. */
export const PAGE_TYPES = [
  'catalog',
  'course',
  "manager's brief",
  'leader',
  'leaders index',
  'meeting',
  'meetings index',
  'department',
  'departments index',
  'polls',
  '404',
];

/** The language of a built page, from its `<html lang>`. */
function pageLang(root, rel) {
  const html = fs.readFileSync(path.join(root, rel), 'utf8');
  return html.match(/<html[^>]*\blang="([^"]+)"/)?.[1] ?? '';
}

/** One representative page of each type in each language: the richest one (most bytes),
 * so the course page is the one with the most backing, images and sessions. Pages of the
 * site's first language are named by their type; the others add their language:
 * `course [fr]`. */
export function representatives(root) {
  const best = new Map();
  const languages = [];
  for (const rel of htmlFiles(root)) {
    const type = pageType(root, rel);
    const lang = pageLang(root, rel);
    if (!languages.includes(lang)) languages.push(lang);
    const key = `${type}\u0000${lang}`;
    const size = fs.statSync(path.join(root, rel)).size;
    if (!best.has(key) || best.get(key).size < size) best.set(key, { rel, size, lang });
  }
  // The default language is the catalog's at the site's root.
  const first = fs.existsSync(path.join(root, 'index.html')) ? pageLang(root, 'index.html') : languages[0];
  const ordered = [first, ...languages.filter((l) => l !== first).sort()];
  const out = [];
  for (const lang of ordered) {
    for (const t of PAGE_TYPES) {
      const found = best.get(`${t}\u0000${lang}`);
      if (found) out.push({ type: lang === first ? t : `${t} [${lang}]`, rel: found.rel });
    }
  }
  return out;
}

/** Counts per page type, as "catalog 0 · course 0 · …". */
export function byType(counts) {
  return PAGE_TYPES.filter((t) => counts.has(t))
    .map((t) => `${t} ${counts.get(t)}`)
    .join(' · ');
}

/** Where a page is published under the test server's sub-path; 404 is asked for at a
 * missing address, as the web server would show it. */
export function httpUrl(ctx, rel) {
  if (pageType(ctx.site, rel) === '404') return `${ctx.server.url}courses/no-such-course/index.html`;
  return ctx.server.url + rel;
}

/** The page opened straight from disk. */
export function fileUrl(ctx, rel) {
  return ctx.fileRoot + rel;
}

/** The site path of the representative page of `type`. */
export function pageOf(ctx, type) {
  const found = ctx.pages.find((p) => p.type === type);
  if (!found) throw new Error(`the site has no ${type} page`);
  return found.rel;
}
