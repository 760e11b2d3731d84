// With --artifacts DIR: desktop (1280×800) and phone (375×812) screenshots of the catalog
// and a course page, light and dark, to look at.

import fs from 'node:fs';
import path from 'node:path';
import { httpUrl, pageOf } from '../lib/site.mjs';

export default {
  id: 'screenshots',
  name: 'screenshots',
  optional: true,
  async run(ctx, check) {
    const dir = ctx.artifacts ?? fs.mkdtempSync('/tmp/buyin-shots-');
    fs.mkdirSync(dir, { recursive: true });
    const shots = [];
    for (const [device, viewport, mobile] of [['desktop', { width: 1280, height: 800 }, false], ['phone', { width: 375, height: 812 }, true]]) {
      for (const scheme of ['light', 'dark']) {
        const context = await ctx.browser.newContext({ viewport, colorScheme: scheme, isMobile: mobile, deviceScaleFactor: mobile ? 2 : 1 });
        const page = await context.newPage();
        for (const [name, rel] of [['catalog', 'index.html'], ['course', pageOf(ctx, 'course')]]) {
          await page.goto(httpUrl(ctx, rel));
          const file = path.join(dir, `${name}-${device}-${scheme}.png`);
          await page.screenshot({ path: file });
          shots.push(path.basename(file));
          if (name === 'catalog') {
            // The finder in use: a search typed and a format chosen.
            await page.locator('#all-courses').scrollIntoViewIfNeeded();
            await page.evaluate(() => document.getElementById('all-courses').scrollIntoView());
            await page.fill('#finder-q', 'manager');
            await page.selectOption('#finder-format', { index: 1 });
            await page.waitForTimeout(700);
            const finder = path.join(dir, `catalog-finder-${device}-${scheme}.png`);
            await page.screenshot({ path: finder });
            shots.push(path.basename(finder));
          }
        }
        await context.close();
      }
    }
    check.note(`${shots.length} screenshots in ${dir}`);
  },
};
