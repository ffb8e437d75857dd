import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** The synthetic fixture results folders (made by test/fixtures/results/generate.ts). */
export const FIXTURE = join(import.meta.dirname, '../fixtures/results/synthetic');
export const FIXTURE_TUNED = join(import.meta.dirname, '../fixtures/results/synthetic-tuned');
export const FIXTURE_CLI = join(import.meta.dirname, '../fixtures/results/oracle-cli');

const made: string[] = [];
// Temporary copies live until the test file is done (siblings written next to a copy go with it).
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh copy of a fixture folder, `<temporary dir>/run`, so tests never write into test/fixtures.
 * The temporary dir is removed after the test file.
 */
export function fixtureCopy(from = FIXTURE): string {
  const parent = mkdtempSync(join(tmpdir(), 'schedbench-report-'));
  made.push(parent);
  const dir = join(parent, 'run');
  cpSync(from, dir, { recursive: true });
  return dir;
}

/**
 * Checks that a text is well-formed XML as far as the report needs: every tag closed in order,
 * attributes quoted, one root `svg` element. Returns the problem, or undefined.
 */
export function xmlProblem(text: string): string | undefined {
  const body = text.replace(/^<\?xml[^>]*>\s*/, '').trim();
  if (!body.startsWith('<svg') || !body.endsWith('</svg>')) return 'not one <svg> root element';
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    const between = body.slice(last, m.index);
    if (between.includes('<')) return `malformed markup near: ${between.slice(between.indexOf('<'), between.indexOf('<') + 40)}`;
    last = (m.index ?? 0) + m[0].length;
    if (m[0].startsWith('<!--')) continue;
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}>`;
    } else stack.push(name as string);
  }
  if (body.slice(last).includes('<')) return 'malformed markup at the end';
  return stack.length === 0 ? undefined : `unclosed <${stack.join('>, <')}>`;
}

/** How many times a substring occurs. */
export function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
