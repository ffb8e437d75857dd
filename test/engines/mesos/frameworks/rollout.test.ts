import { describe, expect, it } from 'vitest';
import { rolloutBounds } from '../../../../src/engines/kit/index.js';
import { rolloutStep } from '../../../../src/engines/mesos/frameworks/rollout.js';

describe('rolloutStep', () => {
  const rows = [
    {
      name: 'launches what is missing when there is no old version',
      c: { desired: 5, newAlive: 2, newRunning: 2, oldAlive: 0, oldRunning: 0 },
      surge: 1,
      unav: 1,
      want: { launch: 3, killOld: 0, killNew: 0 },
    },
    {
      name: 'kills surplus instances on scale-down',
      c: { desired: 2, newAlive: 5, newRunning: 5, oldAlive: 0, oldRunning: 0 },
      surge: 1,
      unav: 1,
      want: { launch: 0, killOld: 0, killNew: 3 },
    },
    {
      name: 'surges and kills within maxUnavailable at the start of a rollout',
      c: { desired: 4, newAlive: 0, newRunning: 0, oldAlive: 4, oldRunning: 4 },
      surge: 1,
      unav: 1,
      want: { launch: 1, killOld: 1, killNew: 0 },
    },
    {
      name: 'kills old ones as new ones run',
      c: { desired: 4, newAlive: 2, newRunning: 2, oldAlive: 3, oldRunning: 3 },
      surge: 1,
      unav: 0,
      want: { launch: 0, killOld: 1, killNew: 0 },
    },
    {
      name: 'kills old instances that never started first, and surges by 1 when both budgets are 0',
      c: { desired: 4, newAlive: 0, newRunning: 0, oldAlive: 4, oldRunning: 2 },
      surge: 0,
      unav: 0,
      want: { launch: 1, killOld: 2, killNew: 0 },
    },
    {
      name: 'uses Marathon’s default (100% surge, 0 unavailable): all new at once, old ones go as new ones run',
      c: { desired: 3, newAlive: 0, newRunning: 0, oldAlive: 3, oldRunning: 3 },
      surge: 3,
      unav: 0,
      want: { launch: 3, killOld: 0, killNew: 0 },
    },
  ];
  for (const row of rows) it(row.name, () => expect(rolloutStep(row.c, rolloutBounds(row.surge, row.unav, row.c.desired, 'one-surge'))).toEqual(row.want));
});
