import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { loadScenarioFile, parseScenarioText, validateScenarioDoc, type ScenarioError } from '../../src/workload/load.js';
import { damagedTextArb, mutatedDocArb, nonUtf8BytesArb } from '../arbitraries/raw-inputs.js';
import { scenarioArb } from '../arbitraries/scenario.js';
import { checkProperty, type PropertyDef } from '../support/props.js';

/*
 * Validation at the edge (issue 7): over many raw inputs the loader never throws, never hangs, and
 * every rejection says where: a field path, or (for text that is not a document) a line.
 */

/** Longest a single validation may take before it counts as a hang (generous: CI machines are slow). */
const HANG_MS = 2_000;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now(); // wall-clock: only to detect a hang
  const value = fn();
  return { value, ms: performance.now() - started };
}

function describeErrors(errors: readonly ScenarioError[]): string {
  return errors.map((e) => `${e.path || '<no path>'}${e.line !== undefined ? ` (line ${e.line})` : ''}: ${e.message}`).join('\n');
}

const generatedScenariosAreValid: PropertyDef = {
  name: 'generated scenarios pass the validator (the arbitraries are valid by construction)',
  check: () =>
    checkProperty(
      'generated scenarios pass the validator (the arbitraries are valid by construction)',
      fc.property(scenarioArb(), (c) => {
        const r = validateScenarioDoc(c.raw, 'generated.yaml');
        expect(r.ok ? '' : describeErrors(r.errors)).toBe('');
      }),
      { kind: 'validator' },
    ),
};

const mutatedDocsRejectedWithPaths: PropertyDef = {
  name: 'the validator never throws or hangs on mutated documents and names a field path in every rejection',
  check: () =>
    checkProperty(
      'the validator never throws or hangs on mutated documents and names a field path in every rejection',
      fc.property(mutatedDocArb, ({ doc, mutations }) => {
        const { value: r, ms } = timed(() => validateScenarioDoc(doc, 'fuzz.yaml'));
        expect(ms, 'validation took too long').toBeLessThan(HANG_MS);
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        // A document that is not a mapping at all is wrong as a whole; anything else is wrong somewhere.
        const isMapping = doc !== null && typeof doc === 'object' && !Array.isArray(doc);
        for (const e of r.errors) {
          expect(e.message.trim(), JSON.stringify(e)).not.toBe('');
          if (isMapping) expect(e.path, `${JSON.stringify(mutations).slice(0, 300)}\n${describeErrors(r.errors)}`).not.toBe('');
        }
      }),
      { kind: 'validator' },
    ),
};

const damagedTextPlaced: PropertyDef = {
  name: 'the loader never throws or hangs on damaged YAML and places every error by field path or line',
  check: () =>
    checkProperty(
      'the loader never throws or hangs on damaged YAML and places every error by field path or line',
      fc.property(damagedTextArb, (text) => {
        const { value: r, ms } = timed(() => parseScenarioText(text, 'fuzz.yaml'));
        expect(ms, 'loading took too long').toBeLessThan(HANG_MS);
        if (r.ok) return;
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) {
          expect(e.message.trim()).not.toBe('');
          expect(e.path !== '' || e.line !== undefined, describeErrors(r.errors)).toBe(true);
        }
      }),
      { kind: 'validator' },
    ),
};

const nonUtf8Rejected: PropertyDef = {
  name: 'a scenario file that is not UTF-8 is rejected at its first bad byte, with line and column',
  check: () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedbench-utf8-'));
    try {
      const file = join(dir, 'scenario.yaml');
      checkProperty(
        'a scenario file that is not UTF-8 is rejected at its first bad byte, with line and column',
        fc.property(nonUtf8BytesArb, ({ bytes, at }) => {
          writeFileSync(file, bytes);
          const r = loadScenarioFile(file);
          expect(r.ok).toBe(false);
          if (r.ok) return;
          const e = r.errors[0] as ScenarioError;
          expect(e.message).toMatch(new RegExp(`not valid UTF-8 \\(byte 0x[0-9a-f]{2} at offset ${at}\\)`));
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
        }),
        { kind: 'validator' },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** The validation properties. */
export function validationDefs(): PropertyDef[] {
  return [generatedScenariosAreValid, mutatedDocsRejectedWithPaths, damagedTextPlaced, nonUtf8Rejected];
}
