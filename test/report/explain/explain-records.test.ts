import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainFile, numberField, readExplainRecords, stringField } from '../../../src/report/explain/explain-records.js';
import { explainFolder, SCORED } from './records.js';

describe('explain.jsonl records', () => {
  it('reads only the lines the filter keeps, with their file and line', async () => {
    const file = explainFile(explainFolder());
    const records = await readExplainRecords(file, (line) => line.includes('"placement"'));
    expect(records.map((r) => [r.type, r.trial, r.where])).toEqual([['placement', 's/oracle/seed-1', `${file}:3`]]);
  });

  it('names the folder when it or its explain.jsonl is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'schedbench-explain-'));
    expect(() => explainFile(join(empty, 'nope'))).toThrow(/nope: no such results folder/);
    expect(() => explainFile(empty)).toThrow(/has no explain\.jsonl: the run was made without --explain/);
  });

  it('names the line and field of a damaged record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedbench-explain-'));
    writeFileSync(join(dir, 'explain.jsonl'), `${JSON.stringify(SCORED)}\n{"trial":"t","type":"x"}\nnot json\n`);
    const file = explainFile(dir);
    await expect(readExplainRecords(file, (l) => l.includes('"x"'))).rejects.toThrow(`${file}:2: field "time" is missing or not a number`);
    await expect(readExplainRecords(file, (l) => l.startsWith('not'))).rejects.toThrow(`${file}:3: not a JSON line`);
    const [r] = await readExplainRecords(file, (l) => l.includes('web-0'));
    if (!r) throw new Error('expected the record');
    expect(stringField(r, 'pod')).toBe('web-0');
    expect(numberField(r, 'nodesEvaluated')).toBe(4);
    expect(() => numberField(r, 'pod')).toThrow(`${file}:1: field "pod" is missing or not a number`);
  });
});
