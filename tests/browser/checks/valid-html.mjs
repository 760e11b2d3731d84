// Every generated HTML file passes the Nu HTML Checker with no errors.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export default {
  id: 'html',
  name: 'valid HTML (Nu HTML Checker)',
  async run(ctx, check) {
    const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
    const files = ctx.html.map((f) => path.join(ctx.site, f));
    const run = spawnSync(
      'java',
      ['-Xss1024k', '-jar', jar, '--format', 'json', '--stdout', '--exit-zero-always', ...files],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.error) throw new Error(`could not run java: ${run.error.message}`);
    let result;
    try {
      result = JSON.parse(run.stdout);
    } catch {
      throw new Error(`the checker printed no JSON:\n${run.stdout}\n${run.stderr}`);
    }
    const errors = result.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
    const warnings = result.messages.filter((m) => m.type === 'info' && m.subType === 'warning');
    for (const m of errors) {
      const file = path.relative(ctx.site, new URL(m.url).pathname);
      check.fail(`${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}${m.extract ? `\n  ${m.extract.trim()}` : ''}`);
    }
    for (const m of warnings) {
      const file = path.relative(ctx.site, new URL(m.url).pathname);
      check.note(`warning ${file}:${m.lastLine ?? '?'}: ${m.message}`);
    }
    check.note(`${files.length} files checked: ${errors.length} errors, ${warnings.length} warnings`);
  },
};
