// Finding courses on the catalog: filters by department, format and topic and a text
// search, from a small script that reads the cards themselves (so it works from file://
// too), with real labelled controls and a status that announces the number of results.
// Without JavaScript the filters stay hidden and the department pages lead to courses.

import fs from 'node:fs';
import path from 'node:path';
import { fileUrl, httpUrl, pageType } from '../lib/site.mjs';

const CARD_FACTS = `[...document.querySelectorAll('.course-card')].map((c) => ({
  title: c.querySelector('h3').textContent.trim(),
  departments: (c.dataset.departments || '').split(/\\s+/).filter(Boolean),
  format: c.dataset.format,
  tags: (c.dataset.tags || '').split(/\\s+/).filter(Boolean),
  text: (c.textContent + ' ' + (c.dataset.tags || '')).toLowerCase().replace(/\\s+/g, ' '),
  visible: c.checkVisibility(),
}))`;

async function cards(page) {
  return page.evaluate(CARD_FACTS);
}

// The announcement gives the number shown; for none, a sentence with no number (in any
// language: "No course matches.", "Aucune formation ne correspond.").
const gives = (status, n) => (n === 0 ? status.length > 0 && !/[1-9]/.test(status) : status.includes(String(n)));

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

async function expectShown(page, check, label, want) {
  const wantTitles = want.map((c) => c.title).sort();
  let got = [];
  let status = '';
  // The list updates at once; the announcement may wait for typing to pause.
  for (let i = 0; i < 40; i++) {
    got = (await cards(page)).filter((c) => c.visible).map((c) => c.title).sort();
    status = (await page.locator('#finder-status').textContent())?.trim() ?? '';
    if (same(got, wantTitles) && gives(status, want.length)) break;
    await page.waitForTimeout(50);
  }
  if (!same(got, wantTitles)) {
    const extra = got.filter((t) => !wantTitles.includes(t));
    const missing = wantTitles.filter((t) => !got.includes(t));
    check.fail(
      `${label}: shows ${got.length} courses, expected ${want.length}` +
        (extra.length ? `; should not show ${extra.join(', ')}` : '') +
        (missing.length ? `; should show ${missing.join(', ')}` : ''),
    );
  }
  if (!gives(status, want.length)) check.fail(`${label}: the status says "${status}", which does not give ${want.length} results`);
  return { shown: got.length, status };
}

async function withScript(ctx, check, mode, catalog = 'index.html') {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(mode === 'http' ? httpUrl(ctx, catalog) : fileUrl(ctx, catalog));
  const where = `${mode === 'http' ? 'under /training/' : 'from file://'}${catalog === 'index.html' ? '' : ` (${catalog})`}`;

  if (!(await page.locator('#finder').isVisible())) {
    check.fail(`${where}: the course finder is not shown when JavaScript runs`);
    await context.close();
    return;
  }
  const live = await page.locator('#finder-status').evaluate((el) => el.getAttribute('aria-live') || (el.getAttribute('role') === 'status' ? 'polite' : null));
  if (!live) check.fail(`${where}: the result count is not in a live region`);
  for (const id of ['finder-q', 'finder-department', 'finder-format', 'finder-tag']) {
    const name = await page.locator(`#${id}`).evaluate((el) => [...el.labels].map((l) => l.textContent.trim()).join(' '));
    if (!name) check.fail(`${where}: #${id} has no label`);
  }

  const all = await cards(page);
  const results = [];
  // A finder that is broken fails every step; a few are enough to say so.
  const failedBefore = check.problems.length;
  const giveUp = () => check.problems.length - failedBefore >= 6;
  const select = async (id, value, label) => {
    await page.selectOption(`#${id}`, value);
    const want = all.filter((c) =>
      (id === 'finder-department' ? c.departments.includes(value) : true) &&
      (id === 'finder-format' ? c.format === value : true) &&
      (id === 'finder-tag' ? c.tags.includes(value) : true),
    );
    const r = await expectShown(page, check, `${where}: ${label}`, want);
    results.push(`${label} → ${r.shown}`);
    await page.selectOption(`#${id}`, '');
  };
  for (const id of ['finder-department', 'finder-format', 'finder-tag']) {
    const options = await page.locator(`#${id} option`).evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
    for (const o of options.filter((o) => o.value)) {
      if (giveUp()) break;
      await select(id, o.value, `${id.slice(7)} ${o.label}`);
    }
  }

  // Text search: words from a course title, then words from nowhere.
  const q = page.locator('#finder-q');
  for (const words of ['budget', 'handover', 'MANAGER', 'zzqx nothing matches']) {
    if (giveUp()) break;
    await q.fill('');
    await q.pressSequentially(words, { delay: 10 });
    const terms = words.toLowerCase().split(/\s+/);
    const want = all.filter((c) => terms.every((t) => c.text.includes(t)));
    const r = await expectShown(page, check, `${where}: search "${words}"`, want);
    results.push(`"${words}" → ${r.shown}`);
  }
  // Enter does not leave the page.
  const before = page.url();
  await q.press('Enter');
  await page.waitForTimeout(100);
  if (page.url() !== before) check.fail(`${where}: pressing Enter in the search box reloads the page (${page.url()})`);
  const empty = await page.locator('.finder-empty').isVisible();
  if (!empty) check.fail(`${where}: no message says that nothing matched`);

  // Search and a department together, then clear everything.
  await q.fill('manag');
  const dept = all.find((c) => c.text.includes('manag'))?.departments[0];
  if (dept) {
    await page.selectOption('#finder-department', dept);
    const want = all.filter((c) => c.text.includes('manag') && c.departments.includes(dept));
    const r = await expectShown(page, check, `${where}: "manag" in ${dept}`, want);
    results.push(`"manag" + ${dept} → ${r.shown}`);
  }
  await page.locator('#finder button[type="reset"]').click();
  const cleared = await expectShown(page, check, `${where}: after Clear`, all);
  results.push(`Clear → ${cleared.shown} (“${cleared.status}”)`);

  // A link can carry the filters: index.html?department=…&q=…
  const sample = all[0];
  const target = new URL(page.url());
  target.search = `?department=${encodeURIComponent(sample.departments[0])}`;
  await page.goto(target.href);
  await expectShown(page, check, `${where}: opened with ?department=${sample.departments[0]}`, all.filter((c) => c.departments.includes(sample.departments[0])));

  for (const e of errors) check.fail(`${where}: script error: ${e}`);
  check.note(`${where}, ${all.length} courses: ${results.join(' · ')}`);
  await context.close();
}

async function withoutScript(ctx, check, mode) {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const where = `without JavaScript ${mode === 'http' ? 'under /training/' : 'from file://'}`;
  await page.goto(mode === 'http' ? httpUrl(ctx, 'index.html') : fileUrl(ctx, 'index.html'));
  if (await page.locator('#finder').isVisible()) check.fail(`${where}: the filters show although they cannot work`);
  const all = await cards(page);
  if (all.some((c) => !c.visible)) check.fail(`${where}: some courses are hidden`);
  const chips = await page.locator('.browse a').evaluateAll((as) => as.map((a) => ({ name: a.textContent.trim(), href: a.href })));
  // Department ids by name, from the (hidden) department filter.
  const ids = new Map(await page.locator('#finder-department option').evaluateAll((os) => os.map((o) => [o.textContent.trim(), o.value])));
  if (chips.length === 0) check.fail(`${where}: the catalog has no links to department pages`);
  const found = [];
  for (const chip of chips) {
    await page.goto(chip.href);
    const id = ids.get(chip.name);
    if (!id) check.fail(`${where}: the department filter has no ${chip.name}`);
    const listed = (await cards(page)).map((c) => c.title).sort();
    const want = all.filter((c) => c.departments.includes(id)).map((c) => c.title).sort();
    if (!same(listed, want)) check.fail(`${where}: the ${chip.name} page lists [${listed.join(', ')}], expected [${want.join(', ')}]`);
    for (const title of listed) {
      const link = page.locator('.course-card h3 a', { hasText: title }).first();
      if (!(await link.count())) check.fail(`${where}: ${chip.name} lists ${title} without a link`);
    }
    found.push(`${chip.name} ${listed.length}`);
  }
  // And one click more reaches a course page.
  await page.goto(chips[0].href);
  await page.locator('.course-card h3 a').first().click();
  if (!(await page.locator('#backing').count())) check.fail(`${where}: following a course from a department page does not reach the course`);
  check.note(`${where}: filters hidden, department pages list ${found.join(', ')}`);
  await context.close();
}

export default {
  id: 'finder',
  name: 'finding courses (filters and search)',
  async run(ctx, check) {
    for (const mode of ['http', 'file']) await withScript(ctx, check, mode);
    // The catalog of every other language finds the same courses.
    for (const { rel } of ctx.pages.filter((p) => p.type.startsWith('catalog [')))
      await withScript(ctx, check, 'http', rel);
    for (const mode of ['http', 'file']) await withoutScript(ctx, check, mode);
    const withScripts = ctx.html.filter((rel) => /<script\b/i.test(fs.readFileSync(path.join(ctx.site, rel), 'utf8')));
    // The catalog in each language has the finder; the 404 page, shown at any address,
    // points its links at the site's folder.
    const allowed = (rel) => ['catalog', '404'].includes(pageType(ctx.site, rel));
    const extra = withScripts.filter((rel) => !allowed(rel));
    if (extra.length) check.fail(`pages other than the catalogs carry scripts: ${extra.join(', ')}`);
    check.note(`pages with a script: ${withScripts.join(', ') || 'none'}`);
  },
};
