import { createDistribution, type Distribution, type DistributionSpec } from '../sim/distributions.js';
import { type Rng } from '../sim/rng.js';
import { seconds, type SimDuration } from '../sim/time.js';
import { type MessageClass } from './events.js';

/**
 * The one latency model of a scenario, shared by every engine (fairness rule 2): a distribution in
 * seconds per message class, and the time from a launch request on a node until the task runs.
 */
export type LatencyModel = { readonly [K in MessageClass | 'taskStart']: DistributionSpec };

/** Draws delays from a latency model. Constant classes draw nothing from the stream. */
export interface LatencySampler {
  delay(channel: MessageClass): SimDuration;
  taskStart(): SimDuration;
  /** The mean of a class in virtual time, for engines that need a nominal value (e.g. timeouts). */
  nominal(channel: MessageClass | 'taskStart'): SimDuration;
  /**
   * The largest delay a draw of the class can take: for the bounds engines promise. Infinite for
   * unbounded distributions (exponential, normal, lognormal): no finite promise holds then.
   */
  upper(channel: MessageClass | 'taskStart'): SimDuration;
  /**
   * The delay of a class whose distribution is a constant (every message of it takes exactly this
   * long and draws nothing from the stream), undefined otherwise. Engines that account a periodic
   * loop's messages in closed form need it: with a constant delay, when each hop of a message
   * arrives is known without sending it, and leaving the message out changes no other draw.
   */
  fixed(channel: MessageClass | 'taskStart'): SimDuration | undefined;
}

/** The largest value a distribution can draw (seconds); Infinity when it is unbounded. */
function largest(spec: DistributionSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return spec.max;
    case 'empirical':
      return Math.max(...spec.samples);
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/** Builds a sampler; `rng` is the trial's `network` stream. */
export function createLatencySampler(model: LatencyModel, rng: Rng): LatencySampler {
  const build = (spec: DistributionSpec): (() => SimDuration) => {
    if (spec.kind === 'constant') {
      const fixed = seconds(spec.value);
      return () => fixed;
    }
    const d: Distribution = createDistribution(spec);
    return () => seconds(d.sample(rng));
  };
  const samplers = {
    rpc: build(model.rpc),
    storeWrite: build(model.storeWrite),
    watchDelivery: build(model.watchDelivery),
    heartbeat: build(model.heartbeat),
    taskStart: build(model.taskStart),
  };
  return {
    delay: (channel) => samplers[channel](),
    taskStart: () => samplers.taskStart(),
    nominal: (channel) => seconds(createDistribution(model[channel]).mean),
    fixed: (channel) => {
      const spec = model[channel];
      return (spec.kind === 'constant' ? seconds(spec.value) : undefined) as SimDuration | undefined;
    },
    upper: (channel) => {
      const max = largest(model[channel]);
      return (Number.isFinite(max) ? seconds(max) : Number.POSITIVE_INFINITY) as SimDuration;
    },
  };
}
