// A large catalog stays light: its first load (page, stylesheet, script) is small whatever
// the number of courses, and its finder still finds any course, under the sub-path and
// from file://, by loading the index of every course when first used. Without JavaScript,
// the department pages, page after page, lead to every course.

import fs from 'node:fs';
import path from 'node:path';
import { fileUrl, httpUrl } from '../lib/site.mjs';

const FIRST_LOAD_LIMIT = 300 * 1024;

function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The courses of the index, read as the finder reads them. */
function readIndex(site) {
  const text = fs.readFileSync(path.join(site, 'catalog-index.js'), 'utf8');
  const window = {};
  new Function('window', text)(window);
  return window.buyinCatalog.map((r) => ({ url: r[0], title: r[1], departments: r[4].split(/\s+/), text: fold(`${r[1]} ${r[2]} ${r[5].replace(/-/g, ' ')} ${r[5]}`) }));
}

async function firstAnswer(ctx, check, mode, courses) {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let bytes = 0;
  const asked = [];
  page.on('requestfinished', async (request) => {
    asked.push(request.url());
    const sizes = await request.sizes().catch(() => null);
    bytes += sizes ? sizes.responseBodySize : 0;
  });
  const where = mode === 'http' ? 'under /training/' : 'from file://';
  const start = Date.now();
  await page.goto(mode === 'http' ? httpUrl(ctx, 'index.html') : fileUrl(ctx, 'index.html'), { waitUntil: 'load' });
  const loaded = Date.now() - start;
  await page.waitForTimeout(100);
  const firstLoad = bytes;
  if (mode === 'http') {
    if (bytes > FIRST_LOAD_LIMIT) check.fail(`${where}: the catalog's first load is ${Math.round(bytes / 1024)} KB, over ${FIRST_LOAD_LIMIT / 1024} KB`);
    if (asked.some((u) => u.includes('catalog-index.js'))) check.fail(`${where}: the index of every course is loaded before the finder is used`);
  }
  // A word from the title of a course that is not among the first cards.
  const shownTitles = await page.$$eval('.course-grid:not(.finder-results) .course-card h3', (hs) => hs.map((h) => h.textContent.trim()));
  const target = courses.find((c) => !shownTitles.includes(c.title) && c.title.split(/\s+/).some((w) => w.length > 6)) ?? courses[courses.length - 1];
  const word = fold(target.title.split(/\s+/).find((w) => w.length > 6) ?? target.title.split(/\s+/)[0]).replace(/[^a-z0-9]/g, '');
  const expected = courses.filter((c) => c.text.includes(word));
  const typed = Date.now();
  await page.locator('#finder-q').fill(word);
  const results = page.locator('.finder-results .course-card');
  let shown = 0;
  let titles = [];
  for (let i = 0; i < 200; i++) {
    shown = await results.count();
    if (shown > 0) {
      titles = await results.locator('h3').allTextContents();
      if (titles.map((t) => t.trim()).includes(target.title) || shown >= Math.min(60, expected.length)) break;
    }
    await page.waitForTimeout(25);
  }
  const answered = Date.now() - typed;
  if (shown !== Math.min(60, expected.length)) check.fail(`${where}: "${word}" shows ${shown} courses, expected ${Math.min(60, expected.length)} of ${expected.length}`);
  if (expected.length <= 60 && !titles.map((t) => t.trim()).includes(target.title)) check.fail(`${where}: "${word}" does not find "${target.title}"`);
  // The result's link leads to the course.
  const href = await results.first().locator('a').getAttribute('href').catch(() => null);
  if (href && !courses.some((c) => c.url === href)) check.fail(`${where}: a result links to ${href}, which is no course`);
  // A department alone.
  await page.locator('#finder-q').fill('');
  const department = courses[0].departments[0];
  await page.selectOption('#finder-department', department);
  const inDepartment = courses.filter((c) => c.departments.includes(department)).length;
  await page.waitForTimeout(150);
  const byDepartment = await results.count();
  if (byDepartment !== Math.min(60, inDepartment)) check.fail(`${where}: department ${department} shows ${byDepartment} courses, expected ${Math.min(60, inDepartment)}`);
  const status = (await page.locator('#finder-status').textContent())?.trim();
  check.note(
    `${where}, ${courses.length} courses: first load ${Math.round(firstLoad / 1024)} KB in ${loaded} ms, index ${Math.round((bytes - firstLoad) / 1024)} KB; "${word}" answered in ${answered} ms (${shown} shown of ${expected.length}); department ${department}: ${byDepartment} shown of ${inDepartment} (“${status}”)`,
  );
  await context.close();
}

/** Every course reached through the department pages, following their page links. */
function byDepartmentPages(site) {
  const reached = new Set();
  const dir = path.join(site, 'departments');
  for (const file of fs.readdirSync(dir)) {
    const html = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of html.matchAll(/class="course-card-title"[^>]*><a href="\.\.\/(courses\/[^"]+\.html)"/g)) reached.add(m[1]);
  }
  return reached;
}

export default {
  id: 'large',
  name: 'large catalog (first load, finder over every course, department pages)',
  async run(ctx, check) {
    if (!fs.existsSync(path.join(ctx.site, 'catalog-index.js'))) {
      check.note('this catalog shows every course: nothing to check');
      return;
    }
    const courses = readIndex(ctx.site);
    for (const mode of ['http', 'file']) await firstAnswer(ctx, check, mode, courses);
    const reached = byDepartmentPages(ctx.site);
    const missing = courses.filter((c) => !reached.has(c.url));
    if (missing.length) check.fail(`without JavaScript: ${missing.length} courses are on no department page, e.g. ${missing[0].url}`);
    check.note(`without JavaScript: the department pages lead to ${reached.size} of ${courses.length} courses`);
  },
};
