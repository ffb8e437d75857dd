import { describe, expect, it } from 'vitest';
import { resources, type Resources } from '../../../../src/cluster/resources.js';
import {
  agentFramework,
  type AgentFramework,
  type AgentState,
  type FrameworkState,
  newAgentState,
} from '../../../../src/engines/mesos/allocator/allocator-state.js';
import { type AllocatedOffer, type AllocatorHost, type OfferExplanation } from '../../../../src/engines/mesos/allocator/allocator-types.js';
import { OfferDecisions } from '../../../../src/engines/mesos/allocator/offer-decisions.js';
import { DrfSorter } from '../../../../src/engines/mesos/sorter/drf-sorter.js';
import { Rng } from '../../../../src/sim/rng.js';
import { type SimTime } from '../../../../src/sim/time.js';

const r = (cpus: number) => resources({ cpu: cpus * 1000, memory: cpus * 2 ** 30 });

function framework(id: string, role: string): FrameworkState {
  return { id, role, sorter: new DrfSorter(), connected: true, suppressed: false, demand: undefined, filterGeneration: { value: 0 }, removed: false };
}

function host(explained: OfferExplanation[] | undefined): AllocatorHost {
  return {
    now: () => 0 as SimTime,
    after: () => {
      throw new Error('no timers here');
    },
    rng: Rng.root(1),
    offers: () => undefined,
    ...(explained ? { explain: (e: OfferExplanation) => void explained.push(e) } : {}),
  };
}

describe('OfferDecisions', () => {
  it('adds what a role is given on this agent to what it held, and forgets the last agent on begin', () => {
    const d = new OfferDecisions();
    const a = framework('a', 'role-1');
    const b = framework('b', 'role-2');
    d.begin(false);
    d.add(a, 'role-1', r(2), false);
    d.add(b, 'role-2', r(3), false);
    d.add(a, 'role-1', r(1), false);
    expect(d.consumedBy('role-1', r(4))).toEqual(r(7));
    expect(d.consumedBy('role-3', r(4))).toEqual(r(4));
    d.begin(false);
    expect(d.count).toBe(0);
    expect(d.consumedBy('role-1', r(4))).toEqual(r(4));
  });

  it('delivers in decision order: records each, lowers the remaining demand, groups offers per framework', () => {
    const d = new OfferDecisions();
    const agent: AgentState = newAgentState('agent-1', r(8), undefined);
    const a = framework('a', 'role-1');
    const b = framework('b', 'role-1');
    const recorded: string[] = [];
    const record = (f: FrameworkState, on: AgentState, res: Resources): AgentFramework => {
      recorded.push(`${f.id}:${res.cpu}`);
      return agentFramework(on, f);
    };
    d.begin(false);
    d.add(a, 'role-1', r(2), false);
    d.add(b, 'role-1', r(1), false);
    const out = new Map<string, AllocatedOffer[]>();
    const demand = new Map<string, Resources>([['b', r(3)]]);
    d.deliver(agent, 'fair-sharing', out, demand, record, host(undefined));
    expect(recorded).toEqual(['a:2000', 'b:1000']);
    expect(demand.get('b')).toEqual(r(2));
    expect([...out.keys()]).toEqual(['a', 'b']);
    expect(out.get('a')?.[0]).toMatchObject({ agent: 'agent-1', resources: r(2) });
    expect(out.get('a')?.[0]?.token).toBe(agentFramework(agent, a));
  });

  it('explains each decision with the walk as far as it had gone when the decision was made', () => {
    const d = new OfferDecisions();
    const agent = newAgentState('agent-1', r(8), undefined);
    const a = framework('a', 'role-1');
    const b = framework('b', 'role-1');
    d.begin(true);
    d.order.push({ kind: 'role', name: 'role-1', share: 0 }, { kind: 'framework', name: 'a', share: 0 });
    d.add(a, 'role-1', r(2), true);
    d.order.push({ kind: 'framework', name: 'x', share: 0 });
    d.skipped.push({ framework: 'x', why: 'filtered' });
    d.order.push({ kind: 'framework', name: 'b', share: 0 });
    d.add(b, 'role-1', r(1), true);
    const explained: OfferExplanation[] = [];
    d.deliver(agent, 'fair-sharing', new Map(), new Map(), (f, on) => agentFramework(on, f), host(explained));
    expect(explained.map((e) => [e.framework, e.order.map((s) => s.name), e.skipped.map((s) => s.framework)])).toEqual([
      ['a', ['role-1', 'a'], []],
      ['b', ['role-1', 'a', 'x', 'b'], ['x']],
    ]);
  });
});
