import { describe, expect, it } from 'vitest';
import { textTable } from '../../../src/report/explain/text-table.js';

describe('textTable', () => {
  it('pads every column to its widest cell, aligns as asked and leaves no trailing spaces', () => {
    expect(
      textTable(
        ['node', 'score'],
        [
          ['n1', '5'],
          ['node-10', '100'],
        ],
        ['left', 'right'],
      ),
    ).toEqual(['node     score', '-------  -----', 'n1           5', 'node-10    100']);
  });

  it('counts an arrow or a multiplication sign as one column', () => {
    expect(textTable(['a ×3', 'b'], [['0 → 100', 'x']])).toEqual(['a ×3     b', '-------  -', '0 → 100  x']);
  });
});
