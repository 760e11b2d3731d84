// Collects what each check found and prints it so a person can read what is wrong.

export class Check {
  constructor(name) {
    this.name = name;
    this.problems = [];
    this.notes = [];
    this.started = Date.now();
    this.millis = 0;
  }

  /** Something that is wrong: the check fails. */
  fail(message) {
    this.problems.push(message);
  }

  /** A figure or fact worth showing even when all is well. */
  note(message) {
    this.notes.push(message);
  }

  get passed() {
    return this.problems.length === 0;
  }
}

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);

export function printCheck(check) {
  const mark = check.passed ? paint('32', 'ok  ') : paint('31', 'FAIL');
  const secs = (check.millis / 1000).toFixed(1);
  console.log(`${mark} ${check.name} (${secs} s)`);
  for (const n of check.notes) console.log(`       ${n}`);
  const shown = check.problems.slice(0, 60);
  for (const p of shown) console.log(paint('31', `     - ${String(p).replace(/\n/g, '\n       ')}`));
  if (check.problems.length > shown.length) {
    console.log(paint('31', `     … and ${check.problems.length - shown.length} more`));
  }
}

export function printSummary(checks, millis) {
  const failed = checks.filter((c) => !c.passed);
  console.log('');
  if (failed.length) {
    console.log(paint('31', `Failed: ${failed.map((c) => c.name).join(', ')}`));
  }
  console.log(`browser checks took ${(millis / 1000).toFixed(1)} s`);
  console.log(`browser: ${checks.length - failed.length} passed, ${failed.length} failed`);
}
