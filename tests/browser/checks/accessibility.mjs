// WCAG 2.1 AA: axe-core finds no violations on any page, in light and in dark mode; and
// the basics a person relies on are there: one h1, a language, landmarks, a skip link
// that works, a visible focus ring, and names for leader photos.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { byType, httpUrl, pageType } from '../lib/site.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export async function runAxe(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
}

function describe(v) {
  const nodes = v.nodes
    .slice(0, 4)
    .map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`)
    .join('\n');
  const more = v.nodes.length > 4 ? `\n    … and ${v.nodes.length - 4} more` : '';
  return `${v.id} (${v.impact}): ${v.help}\n${nodes}${more}`;
}

export default {
  id: 'a11y',
  name: 'accessibility (axe-core, WCAG 2.1 AA)',
  async run(ctx, check) {
    for (const scheme of ['light', 'dark']) {
      const context = await ctx.browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const perType = new Map();
      for (const rel of ctx.html) {
        const type = pageType(ctx.site, rel);
        await page.goto(httpUrl(ctx, rel));
        if (scheme === 'dark') {
          const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          const [r, g, b] = bg.match(/\d+/g).map(Number);
          if (r + g + b > 200) check.fail(`${rel} (dark): the page stays light (body background ${bg})`);
        }
        const result = await runAxe(page);
        const count = result.violations.reduce((n, v) => n + v.nodes.length, 0);
        perType.set(type, (perType.get(type) ?? 0) + count);
        for (const v of result.violations) check.fail(`${rel} (${scheme}): ${describe(v)}`);
      }
      check.note(`${scheme}: violations per page type: ${byType(perType)} (${ctx.html.length} pages)`);
      await context.close();
    }

    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    for (const { type, rel } of ctx.pages) {
      await page.goto(httpUrl(ctx, rel));
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        h1: document.querySelectorAll('h1').length,
        banner: !!document.querySelector('body > header'),
        nav: !!document.querySelector('nav'),
        main: document.querySelectorAll('main').length,
        footer: !!document.querySelector('body > footer'),
        photos: [...document.querySelectorAll('img.avatar')].map((i) => ({ src: i.getAttribute('src'), alt: i.alt })),
        initials: [...document.querySelectorAll('.avatar-initials')].map((s) => s.textContent.trim()),
      }));
      const where = `${type} (${rel})`;
      if (!facts.lang) check.fail(`${where}: <html> has no lang`);
      if (facts.h1 !== 1) check.fail(`${where}: ${facts.h1} h1 elements, expected exactly one`);
      if (!facts.banner || !facts.nav || facts.main !== 1 || !facts.footer) {
        check.fail(`${where}: missing landmarks (header ${facts.banner}, nav ${facts.nav}, main ×${facts.main}, footer ${facts.footer})`);
      }
      for (const p of facts.photos) if (!p.alt.trim()) check.fail(`${where}: leader photo ${p.src} has no alt text`);
      for (const i of facts.initials) if (!/^\p{L}{1,3}$/u.test(i)) check.fail(`${where}: leader without photo shows "${i}" instead of initials`);

      // The first Tab reaches the skip link, which is then visible and moves focus to main.
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        const s = getComputedStyle(a);
        return {
          isSkip: a.classList.contains('skip-link'),
          href: a.getAttribute('href'),
          text: a.textContent.trim(),
          visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
        };
      });
      if (!skip.isSkip) check.fail(`${where}: the first Tab does not reach a skip link`);
      else {
        if (!skip.visible) check.fail(`${where}: the focused skip link is not visible`);
        if (!skip.outline) check.fail(`${where}: the focused skip link has no visible focus ring`);
        await page.keyboard.press('Enter');
        const target = await page.evaluate(() => document.activeElement?.id);
        if (target !== 'main') check.fail(`${where}: the skip link moves focus to #${target}, not to main`);
      }

      // Every one of the next controls shows where focus is.
      await page.goto(httpUrl(ctx, rel));
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const a = document.activeElement;
          if (!a || a === document.body) return null;
          const s = getComputedStyle(a);
          const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
          return { ring, what: `${a.tagName.toLowerCase()} "${a.textContent.trim().slice(0, 40)}"` };
        });
        if (!f) break;
        if (!f.ring) check.fail(`${where}: ${f.what} shows no focus ring when focused`);
      }
    }
    await context.close();
    check.note(`page basics checked on ${ctx.pages.map((p) => p.type).join(', ')}`);
  },
};
