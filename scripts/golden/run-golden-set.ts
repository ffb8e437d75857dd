import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GoldenSet } from './golden-sets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs a golden set through the real command (`node bin/schedbench.js run …`) into a new temporary
 * folder and returns that folder. Throws with the command's output when it does not exit 0.
 */
export function runGoldenSet(set: GoldenSet): string {
  const out = join(mkdtempSync(join(tmpdir(), `schedbench-golden-${set.name}-`)), 'results');
  const args = ['bin/schedbench.js', 'run', ...set.args, '--out', out, '--no-report'];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`golden set ${set.name}: \`node ${args.join(' ')}\` exited ${r.status}\n${r.stderr}`);
  return out;
}
