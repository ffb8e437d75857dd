import { describe, expect, it } from 'vitest';
import { type Block } from '../../src/report/doc.js';
import { messagesFor } from '../../src/report/i18n/messages.js';
import { paperTable } from '../../src/report/paper-table.js';
import { type CounterRow } from '../../src/report/read-results.js';
import { type ScenarioView } from '../../src/report/scenario-view.js';

function view(counters: Omit<CounterRow, 'scenario' | 'sweepParameter' | 'sweepValue'>[]): ScenarioView {
  return {
    engines: ['oracle', 'mesos'],
    seeds: [1, 2],
    sweepParameter: undefined,
    sweepValues: [],
    counters: counters.map((c) => ({ scenario: 's', sweepParameter: '', sweepValue: '', ...c })),
  } as unknown as ScenarioView;
}

const text = (b: Block | undefined): string[][] => (b?.kind === 'table' ? b.rows.map((r) => r.map((c) => c.inlines.join(''))) : []);

describe('the Omega paper table', () => {
  it('is absent when no engine ran a paper model', () => {
    expect(paperTable(view([{ engine: 'mesos', seed: 1, name: 'busy:batch-batch', value: 0.5 }]), messagesFor('en'))).toEqual([]);
  });

  it('shows busyness, the wasted share, transactions, the conflict fraction and CPU locked per scheduler, averaged over seeds', () => {
    const rows = [1, 2].flatMap((seed) => [
      { engine: 'mesos', seed, name: 'busy:omega-service', value: seed === 1 ? 0.4 : 0.6 },
      { engine: 'mesos', seed, name: 'counter:busy-useful-us:omega-service', value: 3 },
      { engine: 'mesos', seed, name: 'counter:busy-wasted-us:omega-service', value: 1 },
      { engine: 'mesos', seed, name: 'counter:tx-committed:omega-service', value: 9 },
      { engine: 'mesos', seed, name: 'counter:tx-failed:omega-service', value: seed },
    ]);
    for (const lang of ['en', 'zh-CN'] as const) {
      const blocks = paperTable(view(rows), messagesFor(lang));
      expect(blocks[0]).toMatchObject({ kind: 'heading', text: messagesFor(lang).paperTitle });
      // busy 0.5; wasted 2 / 8; committed 9, failed 1.5; conflicts 3 / 21; nothing locked.
      expect(text(blocks[2])).toEqual([['mesos', 'omega-service', '0.5', '0.25', '9', '1.5', '0.14', '0']]);
    }
  });
});
