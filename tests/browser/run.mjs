#!/usr/bin/env node
// Checks a built buyin site in headless Chromium and prints what is wrong.
//
//   node tests/browser/run.mjs --site DIR [--bin PATH] [--demo DIR] [--only NAME,…] [--artifacts DIR]
//
// --site       the built site (default: public/ of the repository)
// --bin        the buyin binary, for the live-reload check (default: target/release/buyin,
//              then target/debug/buyin)
// --demo       the site sources to copy for the live-reload check (default: the repository)
// --only       run only these checks: html, a11y, offline, links, layout, finder, large, print,
//              live-reload, screenshots
// --artifacts  also write screenshots and printed PDFs of a course page and a manager's brief to DIR
//
// Builds nothing. Exits 1 when any check fails, 2 when it cannot run at all.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { launch } from './lib/browser.mjs';
import { serveStatic } from './lib/server.mjs';
import { htmlFiles, representatives } from './lib/site.mjs';
import { Check, printCheck, printSummary } from './lib/report.mjs';

import validHtml from './checks/valid-html.mjs';
import accessibility from './checks/accessibility.mjs';
import offline from './checks/offline.mjs';
import links from './checks/links.mjs';
import layout from './checks/layout.mjs';
import finder from './checks/finder.mjs';
import largeCatalog from './checks/large-catalog.mjs';
import print from './checks/print.mjs';
import liveReload from './checks/live-reload.mjs';
import screenshots from './checks/screenshots.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

const CHECKS = [validHtml, accessibility, offline, links, layout, finder, largeCatalog, print, liveReload, screenshots];

function options() {
  const { values } = parseArgs({
    options: {
      site: { type: 'string' },
      bin: { type: 'string' },
      demo: { type: 'string' },
      only: { type: 'string' },
      artifacts: { type: 'string' },
    },
  });
  const site = path.resolve(values.site ?? process.env.BUYIN_SITE ?? path.join(repo, 'public'));
  const bin =
    values.bin ??
    process.env.BUYIN_BIN ??
    [path.join(repo, 'target/release/buyin'), path.join(repo, 'target/debug/buyin')].find((b) => fs.existsSync(b));
  return {
    site,
    bin: bin && path.resolve(bin),
    demo: path.resolve(values.demo ?? repo),
    only: values.only ? values.only.split(',').map((s) => s.trim()) : null,
    artifacts: values.artifacts ? path.resolve(values.artifacts) : null,
  };
}

async function main() {
  const opts = options();
  if (!fs.existsSync(path.join(opts.site, 'index.html'))) {
    console.error(`no built site in ${opts.site}: run \`buyin build -o DIR\` and pass --site DIR`);
    process.exit(2);
  }
  const started = Date.now();
  const browser = await launch();
  const server = await serveStatic(opts.site, '/training/');
  const ctx = {
    ...opts,
    browser,
    server,
    fileRoot: pathToFileURL(opts.site + path.sep).href,
    html: htmlFiles(opts.site),
    pages: representatives(opts.site),
  };
  console.log(`Checking ${opts.site}: ${ctx.html.length} HTML pages, served at ${server.url} and from ${ctx.fileRoot}`);
  console.log(`Chromium ${browser.version()}\n`);

  const checks = [];
  try {
    for (const def of CHECKS) {
      if (opts.only && !opts.only.includes(def.id)) continue;
      if (def.optional && !(opts.only?.includes(def.id) || opts.artifacts)) continue;
      const check = new Check(def.name);
      try {
        await def.run(ctx, check);
      } catch (err) {
        check.fail(`the check itself broke: ${err?.stack ?? err}`);
      }
      check.millis = Date.now() - check.started;
      printCheck(check);
      checks.push(check);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  printSummary(checks, Date.now() - started);
  process.exit(checks.every((c) => c.passed) ? 0 : 1);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(2);
});
