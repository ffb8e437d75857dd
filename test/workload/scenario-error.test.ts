import { describe, expect, it } from 'vitest';
import { formatPath, formatScenarioError, formatScenarioErrors } from '../../src/workload/scenario-error.js';

describe('formatPath', () => {
  const cases = [
    { name: 'keys and indices', path: ['spec', 'workloads', 2, 'resources', 'cpu'], text: 'spec.workloads[2].resources.cpu' },
    { name: 'a label key with dots', path: ['labels', 'example.com/tier'], text: 'labels["example.com/tier"]' },
    { name: 'the whole document', path: [], text: '' },
  ];
  it.each(cases)('$name', ({ path, text }) => expect(formatPath(path)).toBe(text));
});

describe('formatScenarioError', () => {
  const cases = [
    {
      name: 'with line, column and suggestion',
      e: { file: 'scenarios/x.yaml', line: 14, column: 7, path: 'spec.workloads[0].replcias', message: 'unknown field', suggestion: 'replicas' },
      text: 'scenarios/x.yaml:14:7: spec.workloads[0].replcias: unknown field (did you mean "replicas"?)',
    },
    { name: 'without a position', e: { file: 'obj', path: 'spec.duration', message: 'bad' }, text: 'obj: spec.duration: bad' },
    { name: 'without a path', e: { file: 'x.yaml', line: 1, column: 1, path: '', message: 'the file is empty' }, text: 'x.yaml:1:1: the file is empty' },
  ];
  it.each(cases)('$name', ({ e, text }) => expect(formatScenarioError(e)).toBe(text));

  it('formatScenarioErrors sorts by line', () => {
    const text = formatScenarioErrors([
      { file: 'f', line: 9, column: 1, path: 'b', message: 'second' },
      { file: 'f', line: 2, column: 1, path: 'a', message: 'first' },
    ]);
    expect(text).toBe('f:2:1: a: first\nf:9:1: b: second');
  });
});
