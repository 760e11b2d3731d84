// A course page prints cleanly: black on white whatever the system colour setting, no
// navigation or skip link, the course before its backing, nothing cut off at the edge of
// the paper, and the printed page stays accessible. A manager's brief prints on A4 and
// Letter without the site's header, navigation or footer, and its sign-off form takes
// exactly one page of its own.

import fs from 'node:fs';
import path from 'node:path';
import { httpUrl, pageOf } from '../lib/site.mjs';
import { runAxe } from './accessibility.mjs';

export default {
  id: 'print',
  name: 'print',
  async run(ctx, check) {
    const rel = pageOf(ctx, 'course');
    for (const scheme of ['light', 'dark']) {
      // A4 at 96 dpi less 1 cm margins: about 718 px of printable width.
      const context = await ctx.browser.newContext({ colorScheme: scheme, viewport: { width: 718, height: 1047 } });
      const page = await context.newPage();
      await page.goto(httpUrl(ctx, rel));
      await page.emulateMedia({ media: 'print', colorScheme: scheme });
      const f = await page.evaluate(() => {
        const shown = (sel) => {
          const el = document.querySelector(sel);
          return !!el && el.checkVisibility();
        };
        const body = getComputedStyle(document.body);
        const main = document.querySelector('.course-main').getBoundingClientRect();
        const backing = document.querySelector('#backing').getBoundingClientRect();
        return {
          nav: shown('.site-nav'),
          skip: getComputedStyle(document.querySelector('.skip-link')).display !== 'none',
          backing: shown('#backing'),
          sessions: shown('#sessions-title'),
          mainFirst: main.top < backing.top,
          bg: body.backgroundColor,
          color: body.color,
          scrollWidth: document.documentElement.scrollWidth,
          width: document.documentElement.clientWidth,
        };
      });
      const where = `${rel} printed (${scheme} system setting)`;
      if (f.nav) check.fail(`${where}: the site navigation is printed`);
      if (f.skip) check.fail(`${where}: the skip link is printed`);
      if (!f.backing) check.fail(`${where}: the leadership backing is not printed`);
      if (!f.sessions) check.fail(`${where}: the sessions are not printed`);
      if (!f.mainFirst) check.fail(`${where}: the backing is printed before the course itself`);
      if (f.bg !== 'rgb(255, 255, 255)' || f.color !== 'rgb(0, 0, 0)') check.fail(`${where}: prints ${f.color} on ${f.bg}, not black on white`);
      if (f.scrollWidth > f.width) check.fail(`${where}: content is ${f.scrollWidth} px wide on a ${f.width} px page`);
      const axe = await runAxe(page);
      for (const v of axe.violations) check.fail(`${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
      const pdf = await page.pdf({ format: 'A4', margin: { top: '1cm', bottom: '1cm', left: '1cm', right: '1cm' }, printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      if (pages < 1) check.fail(`${where}: printing produced no pages`);
      if (ctx.artifacts && scheme === 'light') {
        fs.mkdirSync(ctx.artifacts, { recursive: true });
        fs.writeFileSync(path.join(ctx.artifacts, 'course-print.pdf'), pdf);
      }
      check.note(`${scheme}: ${pages} A4 pages, ${f.color} on ${f.bg}, ${axe.violations.length} axe violations`);
      await context.close();
    }
    if (ctx.pages.some((p) => p.type === "manager's brief")) await printBrief(ctx, check);
  },
};

/** Pages in a PDF, counted from its page objects. */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

// Paper sizes with the theme's 15 mm margins, in CSS pixels (96 per inch).
const PAPER = [
  { format: 'A4', width: 210, height: 297 },
  { format: 'Letter', width: 215.9, height: 279.4 },
];
const MARGIN_MM = 15;
const mmToPx = (mm) => Math.floor((mm / 25.4) * 96);

async function printBrief(ctx, check) {
  const rel = pageOf(ctx, "manager's brief");
  for (const paper of PAPER) {
    const width = mmToPx(paper.width - 2 * MARGIN_MM);
    const height = mmToPx(paper.height - 2 * MARGIN_MM);
    const context = await ctx.browser.newContext({ colorScheme: 'dark', viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(httpUrl(ctx, rel));
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const f = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => el.checkVisibility());
      const form = document.querySelector('.sign-off-form');
      const body = getComputedStyle(document.body);
      return {
        chrome: ['.site-header', '.site-nav', '.site-footer', '.breadcrumb', '.skip-link'].filter(shown),
        form: !!form && form.checkVisibility(),
        formBreak: form ? getComputedStyle(form).breakBefore : '',
        formHeight: form ? Math.ceil(form.getBoundingClientRect().height) : 0,
        rows: form ? form.querySelectorAll('tbody tr').length : 0,
        bg: body.backgroundColor,
        color: body.color,
        scrollWidth: document.documentElement.scrollWidth,
        width: document.documentElement.clientWidth,
      };
    });
    const where = `${rel} printed on ${paper.format}`;
    if (f.chrome.length) check.fail(`${where}: ${f.chrome.join(', ')} printed`);
    if (!f.form) check.fail(`${where}: the sign-off form is not printed`);
    if (f.formBreak !== 'page') check.fail(`${where}: the sign-off form does not start a new page (break-before: ${f.formBreak})`);
    if (f.formHeight > height) check.fail(`${where}: the sign-off form is ${f.formHeight} px tall, more than one page (${height} px)`);
    if (f.bg !== 'rgb(255, 255, 255)' || f.color !== 'rgb(0, 0, 0)') check.fail(`${where}: prints ${f.color} on ${f.bg}, not black on white`);
    if (f.scrollWidth > f.width) check.fail(`${where}: content is ${f.scrollWidth} px wide on a ${f.width} px page`);
    const axe = await runAxe(page);
    for (const v of axe.violations) check.fail(`${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
    const margin = { top: `${MARGIN_MM}mm`, bottom: `${MARGIN_MM}mm`, left: `${MARGIN_MM}mm`, right: `${MARGIN_MM}mm` };
    const pdf = await page.pdf({ format: paper.format, margin });
    // The form is one page of its own: without it, the brief is exactly one page shorter.
    await page.evaluate(() => document.querySelector('.sign-off-form')?.remove());
    const without = await page.pdf({ format: paper.format, margin });
    const [pages, briefPages] = [pdfPages(pdf), pdfPages(without)];
    if (pages !== briefPages + 1) check.fail(`${where}: ${pages} pages with the sign-off form, ${briefPages} without: the form should add exactly one page`);
    if (ctx.artifacts && paper.format === 'A4') {
      fs.mkdirSync(ctx.artifacts, { recursive: true });
      fs.writeFileSync(path.join(ctx.artifacts, 'brief-print.pdf'), pdf);
    }
    check.note(`brief on ${paper.format}: ${briefPages} pages + the sign-off form on 1 (${f.rows} rows, ${f.formHeight} of ${height} px), ${f.color} on ${f.bg}, ${axe.violations.length} axe violations`);
    await context.close();
  }
}
