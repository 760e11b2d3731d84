// Phone-ready and backing first: no page scrolls sideways at 375 px and text stays
// readable; on a 1280×800 desktop screen a course's leadership backing (the heading and
// the answer to "Are senior leaders attending this course?") shows without scrolling.

import { httpUrl, pageOf, pageType } from '../lib/site.mjs';

const OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > width + 0.5 || r.left < -0.5) {
      // Only the outermost culprit: skip elements inside a scrolling container.
      let p = el.parentElement, clipped = false;
      while (p && p !== document.body) {
        const s = getComputedStyle(p);
        if (/(auto|scroll|hidden|clip)/.test(s.overflowX)) { clipped = true; break; }
        p = p.parentElement;
      }
      if (!clipped) wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(r.left) + '…' + Math.round(r.right) + 'px');
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    fontSize: parseFloat(getComputedStyle(document.body).fontSize),
    wide: wide.slice(0, 5),
  };
})()`;

export default {
  id: 'layout',
  name: 'phone and desktop layout',
  async run(ctx, check) {
    const phone = await ctx.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    let worst = 0;
    for (const rel of ctx.html) {
      await page.goto(httpUrl(ctx, rel));
      const m = await page.evaluate(OVERFLOW);
      worst = Math.max(worst, m.scrollWidth - m.width);
      if (m.scrollWidth > m.width) {
        check.fail(`375 px: ${pageType(ctx.site, rel)} ${rel} scrolls sideways (${m.scrollWidth} px wide): ${m.wide.join('; ')}`);
      }
      if (m.fontSize < 16) check.fail(`375 px: ${rel}: body text is ${m.fontSize} px, below 16 px`);
    }
    check.note(`375×812: ${ctx.html.length} pages, widest overflow ${worst} px (0 means no horizontal scroll)`);

    // On a phone the backing comes before the course content.
    await page.goto(httpUrl(ctx, pageOf(ctx, 'course')));
    const phoneAnswer = await page.evaluate(() => Math.round(document.querySelector('.senior-answer').getBoundingClientRect().top));
    check.note(`375×812: the senior-leader answer starts ${phoneAnswer} px from the top of a course page`);
    await phone.close();

    const desktop = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const dpage = await desktop.newPage();
    const measures = [];
    for (const rel of ctx.html.filter((r) => pageType(ctx.site, r) === 'course')) {
      await dpage.goto(httpUrl(ctx, rel));
      const m = await dpage.evaluate(() => {
        const box = (sel) => {
          const el = document.querySelector(sel);
          if (!el) return null;
          const r = el.getBoundingClientRect();
          return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right) };
        };
        return {
          heading: box('#backing-title'),
          answer: box('.senior-answer'),
          count: box('.backing-count, .backing .no-backing'),
          scrollWidth: document.documentElement.scrollWidth,
          width: document.documentElement.clientWidth,
        };
      });
      if (!m.heading || !m.answer) {
        check.fail(`1280×800: ${rel} has no leadership backing section`);
        continue;
      }
      const fits = (b) => b && b.top >= 0 && b.bottom <= 800 && b.left >= 0 && b.right <= 1280;
      if (!fits(m.heading)) check.fail(`1280×800: ${rel}: the "Leadership backing" heading is at ${m.heading.top}–${m.heading.bottom} px, not on screen without scrolling`);
      if (!fits(m.answer)) check.fail(`1280×800: ${rel}: the senior-leader answer is at ${m.answer.top}–${m.answer.bottom} px, not on screen without scrolling`);
      if (m.scrollWidth > m.width) check.fail(`1280×800: ${rel} scrolls sideways`);
      measures.push({ rel, bottom: m.answer.bottom, count: m.count?.bottom });
    }
    const lowest = measures.reduce((a, b) => (b.bottom > a.bottom ? b : a), { bottom: 0 });
    check.note(`1280×800: the senior-leader answer ends at most ${lowest.bottom} px down (fold at 800 px) on ${measures.length} course pages (lowest: ${lowest.rel})`);
    await desktop.close();
  },
};
