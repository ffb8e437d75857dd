import { describe, expect, it } from 'vitest';
import { explainLevelsSpelt } from '../../src/cli/explain-flag.js';

describe('explainLevelsSpelt', () => {
  it('spells a bare --explain as --explain=top, so the word after it stays a scenario', () => {
    expect(explainLevelsSpelt(['node', 'schedbench', 'run', '--explain', 'drf-paper-example'])).toEqual([
      'node',
      'schedbench',
      'run',
      '--explain=top',
      'drf-paper-example',
    ]);
    expect(explainLevelsSpelt(['run', 'a.yaml', '--explain'])).toEqual(['run', 'a.yaml', '--explain=top']);
  });

  it('leaves --explain=LEVEL and --explain followed by a level as they are', () => {
    expect(explainLevelsSpelt(['run', '--explain=full', 'a.yaml'])).toEqual(['run', '--explain=full', 'a.yaml']);
    expect(explainLevelsSpelt(['run', '--explain', 'full', 'a.yaml'])).toEqual(['run', '--explain', 'full', 'a.yaml']);
  });

  it('does not touch the words after --', () => {
    expect(explainLevelsSpelt(['run', '--', '--explain', 'x'])).toEqual(['run', '--', '--explain', 'x']);
  });
});
