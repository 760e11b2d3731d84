// Live preview: `buyin serve` on a copy of the demo site; a course page open in Chromium
// reloads by itself when an endorsement's quote changes on disk, and shows the new quote.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const WAIT_MS = 10_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, child, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** The first endorsement with a quote, and the course it is for. */
function endorsementWithQuote(site) {
  const dir = path.join(site, 'content/endorsements');
  for (const name of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const course = text.match(/^course:\s*(\S+)/m)?.[1];
    if (course && /^quote:/m.test(text)) return { file: `content/endorsements/${name}`, course };
  }
  throw new Error(`no endorsement in ${dir} has a quote`);
}

/** The file with its `quote:` block replaced by `text`. */
function withQuote(yaml, text) {
  const lines = yaml.split('\n');
  const start = lines.findIndex((l) => l.startsWith('quote:'));
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || /^\s/.test(lines[end]))) end++;
  return [...lines.slice(0, start), 'quote: >', `  ${text}`, ...lines.slice(end)].join('\n');
}

export default {
  id: 'live-reload',
  name: 'live reload (buyin serve)',
  async run(ctx, check) {
    if (!ctx.bin || !fs.existsSync(ctx.bin)) {
      check.fail('no buyin binary: run `cargo build --release` or pass --bin PATH');
      return;
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'buyin-live-'));
    for (const part of ['site.yaml', 'content', 'static', 'themes']) {
      const from = path.join(ctx.demo, part);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(tmp, part), { recursive: true });
    }
    const port = await freePort();
    let output = '';
    const child = spawn(ctx.bin, ['serve', '--port', String(port)], {
      cwd: tmp,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const origin = `http://127.0.0.1:${port}`;
    const context = await ctx.browser.newContext();
    try {
      if (!(await waitForServer(`${origin}/index.html`, child, 15_000))) {
        check.fail(`buyin serve did not start on port ${port}:\n${output.slice(-2000)}`);
        return;
      }
      const { file: endorsement, course } = endorsementWithQuote(tmp);
      const page = await context.newPage();
      // Reach the course page the way a person does: from the catalog.
      await page.goto(`${origin}/index.html`);
      const link = page.locator(`.course-card h3 a[href*="${course}"]`).first();
      if (!(await link.count())) {
        check.fail(`the catalog served by buyin serve has no link to ${course}`);
        return;
      }
      const listening = page.waitForRequest((r) => r.url().includes('event-stream'), { timeout: 5000 }).catch(() => null);
      await link.click();
      await page.waitForLoadState('load');
      if (!(await listening)) check.note('the page opened no reload channel within 5 s');
      await page.evaluate(() => {
        window.__sameDocument = true;
      });

      const token = `Live preview check ${Date.now()}`;
      const quote = `${token}: I will be in the room for every session this winter.`;
      const file = path.join(tmp, endorsement);
      const edited = Date.now();
      fs.writeFileSync(file, withQuote(fs.readFileSync(file, 'utf8'), quote));

      let shown = false;
      let reloaded = false;
      while (Date.now() - edited < WAIT_MS) {
        try {
          const state = await page.evaluate((t) => ({
            shown: [...document.querySelectorAll('.endorsement blockquote')].some((b) => b.textContent.includes(t)),
            same: window.__sameDocument === true,
          }), token);
          if (state.shown) {
            shown = true;
            reloaded = !state.same;
            break;
          }
        } catch {
          // the page is reloading
        }
        await page.waitForTimeout(100);
      }
      const took = Date.now() - edited;
      if (!shown) {
        check.fail(`the course page did not show the new quote within ${WAIT_MS / 1000} s of the edit:\n${output.slice(-2000)}`);
      } else if (!reloaded) {
        check.fail('the new quote appeared without the page reloading');
      } else {
        check.note(`edited ${endorsement}: the open course page reloaded by itself and showed the new quote ${took} ms later`);
      }
    } finally {
      await context.close();
      child.kill('SIGINT');
      await new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000);
        child.on('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};
