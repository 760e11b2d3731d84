// No request leaves the site: every request a page makes, under the sub-path and from
// file://, goes to the site's own server or its own files, and every one of them works.

import { isLocal, recordRequests } from '../lib/browser.mjs';
import { fileUrl, httpUrl } from '../lib/site.mjs';

export default {
  id: 'offline',
  name: 'offline (no external requests)',
  async run(ctx, check) {
    const notFound = ctx.pages.find((p) => p.type === '404')?.rel;
    let total = 0;
    let external = 0;
    for (const mode of ['http', 'file']) {
      for (const scheme of ['light', 'dark']) {
        const context = await ctx.browser.newContext({ colorScheme: scheme });
        const log = recordRequests(context);
        const page = await context.newPage();
        for (const { type, rel } of ctx.pages) {
          if (mode === 'file' && type === '404') continue; // a web server's page
          await page.goto(mode === 'http' ? httpUrl(ctx, rel) : fileUrl(ctx, rel), { waitUntil: 'load' });
          // Bring lazy images into view, then let anything late arrive.
          await page.evaluate(async () => {
            for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
              scrollTo(0, y);
              await new Promise((r) => requestAnimationFrame(r));
            }
          });
          await page.waitForLoadState('networkidle');
          for (const sel of ['img']) {
            const broken = await page.$$eval(sel, (imgs) =>
              imgs.filter((i) => i.complete && i.naturalWidth === 0).map((i) => i.getAttribute('src')),
            );
            for (const src of broken) check.fail(`${mode} ${type} (${rel}): image ${src} did not load`);
          }
          // A stylesheet that loaded has a sheet (its rules are not readable from file://).
          // A page shown at any address (the 404 page) carries its styles inline.
          const styled = await page.evaluate(() => {
            const links = [...document.querySelectorAll('link[rel~="stylesheet"]')];
            if (links.length === 0) return [...document.querySelectorAll('style')].some((s) => s.sheet && s.sheet.cssRules.length > 10);
            return links.every((l) => l.sheet !== null);
          });
          if (!styled) check.fail(`${mode} ${type} (${rel}): the stylesheet did not load`);
        }
        const allowed = [ctx.server.origin];
        for (const r of log.requests) {
          total++;
          if (!isLocal(r.url, allowed)) {
            external++;
            check.fail(`${mode} ${scheme}: ${r.page} asked for ${r.url}`);
          }
        }
        for (const f of log.failures) {
          // The 404 page itself is meant to answer 404.
          if (notFound && f.url === httpUrl(ctx, notFound) && f.why === 'HTTP 404') continue;
          check.fail(`${mode} ${scheme}: ${f.page}: ${f.url} failed (${f.why})`);
        }
        await context.close();
      }
    }
    check.note(`${total} requests recorded on ${ctx.pages.length} page types (served under /training/ and from file://, light and dark): ${external} external`);
  },
};
