import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster-state.js';
import { type ClusterEvent, type MessageClass } from '../../src/cluster/events.js';
import { createLatencySampler, type LatencyModel } from '../../src/cluster/latency.js';
import { Network } from '../../src/cluster/network.js';
import { type NodeSpec } from '../../src/cluster/node.js';
import { resources } from '../../src/cluster/resources.js';
import { Rng } from '../../src/sim/rng.js';
import { Simulator } from '../../src/sim/simulator.js';
import { seconds } from '../../src/sim/time.js';

const MODEL: LatencyModel = {
  rpc: { kind: 'constant', value: 0.001 },
  storeWrite: { kind: 'constant', value: 0.01 },
  watchDelivery: { kind: 'constant', value: 0.1 },
  heartbeat: { kind: 'constant', value: 1 },
  taskStart: { kind: 'constant', value: 2 },
};

function setup(model: LatencyModel = MODEL) {
  const sim = new Simulator();
  const events: ClusterEvent[] = [];
  const sink = (e: ClusterEvent): void => void events.push(e);
  const nodes: NodeSpec[] = ['n1', 'n2'].map((name) => ({
    name,
    allocatable: resources({ cpu: 1000, memory: 2 ** 30 }),
    labels: {},
    taints: [],
    maxTasks: 10,
  }));
  const cluster = new Cluster(sim, nodes, () => seconds(2), sink);
  const latency = createLatencySampler(model, Rng.root(1).split('network'));
  const net = new Network(sim, cluster, latency, sink);
  const messages = (): string[] =>
    events.flatMap((e) => (e.kind === 'message' ? [`${e.time}us ${e.channel} ${e.label} ${e.delivered ? 'delivered' : 'dropped'}`] : []));
  return { sim, cluster, net, messages };
}

describe('Network latency', () => {
  const rows: readonly { channel: MessageClass; micros: number }[] = [
    { channel: 'rpc', micros: 1_000 },
    { channel: 'storeWrite', micros: 10_000 },
    { channel: 'watchDelivery', micros: 100_000 },
    { channel: 'heartbeat', micros: 1_000_000 },
  ];
  it.each(rows)('a $channel message arrives after its class latency ($micros us)', ({ channel, micros }) => {
    const { sim, net, messages } = setup();
    let arrived = -1;
    expect(net.send(channel, '@master', 'n1', 'ping', () => (arrived = sim.now()))).toBe(true);
    expect(messages()).toEqual([]); // counted when it arrives
    sim.run(seconds(10));
    expect(arrived).toBe(micros);
    expect(messages()).toEqual([`${micros}us ${channel} ping delivered`]);
  });

  it('draws a random class from the network stream, the same for the same seed', () => {
    const model: LatencyModel = { ...MODEL, rpc: { kind: 'exponential', mean: 0.01 } };
    const arrivals = (): number[] => {
      const { sim, net } = setup(model);
      const out: number[] = [];
      for (let i = 0; i < 5; i++) net.send('rpc', '@a', '@b', 'x', () => out.push(sim.now()));
      sim.run(seconds(10));
      return out;
    };
    const a = arrivals();
    expect(a).toEqual(arrivals());
    expect(new Set(a).size).toBe(5);
  });
});

describe('Network drops', () => {
  const faults: readonly { name: string; fault: (c: Cluster) => void }[] = [
    { name: 'crashed', fault: (c) => c.crash('n1') },
    { name: 'partitioned', fault: (c) => c.partition('n1') },
  ];
  const ends: readonly { name: string; from: string; to: string }[] = [
    { name: 'to the node', from: '@master', to: 'n1' },
    { name: 'from the node', from: 'n1', to: '@master' },
    { name: 'between nodes', from: 'n2', to: 'n1' },
  ];
  for (const { name: end, from, to } of ends) {
    it.each(faults)(`drops at send a message ${end} when it is $name`, ({ fault }) => {
      const { sim, cluster, net, messages } = setup();
      fault(cluster);
      let delivered = false;
      expect(net.send('rpc', from, to, 'launch', () => (delivered = true))).toBe(false);
      expect(messages()).toEqual(['0us rpc launch dropped']);
      sim.run(seconds(10));
      expect(delivered).toBe(false);
      expect(messages()).toHaveLength(1);
    });

    it.each(faults)(`drops at delivery a message ${end} when the node became $name in flight`, ({ fault }) => {
      const { sim, cluster, net, messages } = setup();
      let delivered = false;
      expect(net.send('heartbeat', from, to, 'ping', () => (delivered = true))).toBe(true);
      sim.at(seconds(0.5), () => fault(cluster), undefined);
      sim.run(seconds(10));
      expect(delivered).toBe(false);
      expect(messages()).toEqual(['1000000us heartbeat ping dropped']);
    });
  }

  it('delivers a message when a partition heals before it arrives', () => {
    const { sim, cluster, net, messages } = setup();
    let delivered = false;
    net.send('heartbeat', '@master', 'n1', 'ping', () => (delivered = true));
    sim.at(seconds(0.2), () => cluster.partition('n1'), undefined);
    sim.at(seconds(0.4), () => cluster.heal('n1'), undefined);
    sim.run(seconds(10));
    expect(delivered).toBe(true);
    expect(messages()).toEqual(['1000000us heartbeat ping delivered']);
  });

  it("never drops between '@' endpoints, whatever happens to the nodes", () => {
    const { sim, cluster, net, messages } = setup();
    cluster.crash('n1');
    cluster.partition('n2');
    let delivered = 0;
    net.send('storeWrite', '@apiserver', '@scheduler', 'bind', () => delivered++);
    net.send('watchDelivery', '@framework:batch', '@master', 'accept', () => delivered++);
    sim.run(seconds(10));
    expect(delivered).toBe(2);
    expect(messages()).toEqual(['10000us storeWrite bind delivered', '100000us watchDelivery accept delivered']);
    expect(net.reachable('@anything')).toBe(true);
    expect(net.reachable('n1')).toBe(false);
    expect(net.reachable('n2')).toBe(false);
  });

  it('counts every message exactly once, delivered or dropped', () => {
    const { sim, cluster, net, messages } = setup();
    cluster.partition('n2');
    net.send('rpc', '@m', 'n1', 'a', () => {});
    net.send('rpc', '@m', 'n2', 'b', () => {});
    net.send('rpc', 'n1', '@m', 'c', () => {});
    sim.run(seconds(1));
    expect(messages().sort()).toEqual(['0us rpc b dropped', '1000us rpc a delivered', '1000us rpc c delivered']);
  });
});

describe('createLatencySampler', () => {
  it('gives constant delays and the task start, and nominal means', () => {
    const s = createLatencySampler({ ...MODEL, heartbeat: { kind: 'uniform', min: 1, max: 3 } }, Rng.root(1));
    expect(s.delay('rpc')).toBe(1_000);
    expect(s.taskStart()).toBe(2_000_000);
    expect(s.nominal('heartbeat')).toBe(2_000_000);
    expect(s.nominal('taskStart')).toBe(2_000_000);
    const hb = s.delay('heartbeat');
    expect(Number.isInteger(hb) && hb >= 1_000_000 && hb <= 3_000_000).toBe(true);
  });

  it('draws nothing from the stream for constant classes', () => {
    const rng = Rng.root(5).split('network');
    const s = createLatencySampler(MODEL, rng);
    for (const c of ['rpc', 'storeWrite', 'watchDelivery', 'heartbeat'] as const) s.delay(c);
    s.taskStart();
    expect(rng.nextUint32()).toBe(Rng.root(5).split('network').nextUint32());
  });
});

describe('Network support for closed-form loops', () => {
  it('says the delay of a constant class and nothing for a drawn one', () => {
    const { net } = setup({ ...MODEL, rpc: { kind: 'uniform', min: 0.001, max: 0.002 } });
    expect(net.fixed('heartbeat')).toBe(1_000_000);
    expect(net.fixed('rpc')).toBeUndefined();
  });

  it('tells a listener at each crash, boot, cut and heal of its node, and only of its node', () => {
    const { cluster, net } = setup();
    const heard: string[] = [];
    net.onReachabilityChange('n1', () => heard.push(`${cluster.isReachable('n1')}`));
    cluster.crash('n2');
    cluster.crash('n1');
    cluster.recover('n1');
    cluster.partition('n1');
    cluster.heal('n1');
    expect(heard).toEqual(['false', 'true', 'false', 'true']);
  });

  it('delivers a message sent in closed form at its arrival time, or drops it there if its node is cut off', () => {
    const { sim, cluster, net, messages } = setup();
    let delivered = 0;
    net.arrive('rpc', 'n1', '@apiserver', 'lease-renew', seconds(1), () => delivered++);
    net.arrive('rpc', '@apiserver', 'n1', 'lease-renew-response', seconds(3), () => delivered++);
    sim.at(seconds(2), () => cluster.partition('n1'), undefined);
    sim.run(seconds(5));
    expect(delivered).toBe(1);
    expect(messages()).toEqual(['1000000us rpc lease-renew delivered', '3000000us rpc lease-renew-response dropped']);
  });
});
