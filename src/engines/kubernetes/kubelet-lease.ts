import { type ClosedFormNetwork, type EngineContext } from '../engine.js';
import { type MessageTally, QuietRun } from '../kit/index.js';
import { type SimDuration, type SimTime } from '../../sim/time.js';
import { type KObject, withResourceVersion } from './objects.js';
import { type ApiServer } from './store/api-server.js';
import { API, ETCD } from './store/calls.js';

/**
 * A Lease renewal: a patch of `spec.renewTime`, which builds the stored object itself, revision
 * included (`stamped`), so that a renewal makes one Lease and one meta, not two of each. The Lease
 * is rebuilt member by member (a Lease has exactly these members: kubernetes-engine.ts makes them).
 */
class LeaseRenewal {
  readonly verb = 'patch';
  readonly kind = 'Lease';
  readonly stamped = true;

  constructor(
    readonly key: string,
    private readonly renewTime: SimTime,
  ) {}

  mutate(cur: KObject, resourceVersion: number): KObject {
    if (cur.kind !== 'Lease') return cur;
    return {
      kind: cur.kind,
      meta: withResourceVersion(cur.meta, resourceVersion),
      spec: { holder: cur.spec.holder, renewTime: this.renewTime, durationSeconds: cur.spec.durationSeconds },
    };
  }
}

/** The constant delays of a renewal's hops: node → apiserver (`rpc`), apiserver → etcd, and etcd's change to the lease informer. */
export interface LeaseHopDelays {
  readonly rpc: SimDuration;
  readonly storeWrite: SimDuration;
  readonly watchDelivery: SimDuration;
}

/** What every kubelet of a trial shares to account its renewals in closed form. */
export interface QuietLeaseSetup {
  readonly net: ClosedFormNetwork;
  readonly delays: LeaseHopDelays;
  readonly tally: MessageTally;
}

/**
 * The closed-form setup when the context provides it and the renewal's hops have constant delays
 * that all fit in one renew interval (so at most one renewal is on its way at a time) and in one
 * monitor period of the node lifecycle controller (which then reads a renewal strictly before its
 * pass, as it would the explicit watch event); undefined otherwise: renewals are then simulated.
 */
export function quietLeaseSetup(ctx: EngineContext, tally: MessageTally, renewInterval: SimDuration, monitorPeriod: SimDuration): QuietLeaseSetup | undefined {
  const net = ctx.net.closedForm;
  if (!net) return undefined;
  const rpc = net.fixed('rpc');
  const storeWrite = net.fixed('storeWrite');
  const watchDelivery = net.fixed('watchDelivery');
  if (rpc === undefined || storeWrite === undefined || watchDelivery === undefined) return undefined;
  const longest = Math.max(2 * rpc + storeWrite, rpc + storeWrite + watchDelivery);
  if (longest >= renewInterval || rpc + storeWrite + watchDelivery >= monitorPeriod) return undefined;
  return { net, delays: { rpc, storeWrite, watchDelivery }, tally };
}

const LABEL = 'lease-renew';
const RESPONSE = 'lease-renew-response';

/**
 * The kubelet's Lease renewals (`nodeLeaseRenewInterval`, heartbeat client, no limit): one renewal
 * every interval of the incarnation, an unanswered one meaning the kubelet's watches are broken, so
 * that the next answer makes it relist (`onReconnect`). While the node is up and reachable and every
 * renewal is answered, the renewals are known in closed form ({@link QuietLeaseSetup}): they are
 * counted, not sent, and the node lifecycle controller reads when the last one reached it from
 * {@link lastSeenBefore}. At a crash, boot, cut or heal of the node the run of counted renewals ends
 * (a renewal still on its way goes on explicitly from the hop it had reached) and renewals are sent
 * again until one is answered with nothing broken.
 */
export class KubeletLease {
  private generation = 0;
  private awaitingAck = false;
  private disconnected = false;
  private timer: ReturnType<EngineContext['after']> | undefined;
  private nextBeat: SimTime = 0 as SimTime;
  private run: QuietRun | undefined;
  /** When the last two counted renewals reached the lease informer (after a run ended), oldest first. */
  private settledSeen: SimTime[] = [];
  /** Watch deliveries of counted renewals still due when their run ended: counted at finish if by then. */
  private readonly dueWatches: SimTime[] = [];
  private ack: (() => void) | undefined;
  private ackGeneration = -1;

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: ApiServer,
    private readonly name: string,
    private readonly interval: SimDuration,
    private readonly quiet: QuietLeaseSetup | undefined,
    private readonly onReconnect: () => void,
  ) {
    quiet?.net.onReachabilityChange(name, () => this.reachabilityChanged());
  }

  /** The node is up and reachable at time 0 with nothing awaited: renewals every interval from now, counted if they can be. */
  start(): void {
    const first = (this.ctx.now() + this.interval) as SimTime;
    if (this.quiet !== undefined) this.run = new QuietRun(first, this.interval);
    else this.schedule(first);
  }

  /** The node died: renewals stop, and what was awaited is forgotten. */
  crash(): void {
    this.generation++;
    if (this.timer !== undefined) this.ctx.cancel(this.timer);
    this.timer = undefined;
    this.awaitingAck = false;
  }

  /** The node booted: a renewal now, whose answer makes the kubelet relist, then one every interval. */
  boot(): void {
    this.generation++;
    this.disconnected = true;
    this.renew();
    this.schedule((this.ctx.now() + this.interval) as SimTime);
  }

  /**
   * The latest time strictly before `now` at which a counted renewal reached the node lifecycle
   * controller's lease informer; undefined when no counted renewal did (explicit ones update it themselves).
   */
  lastSeenBefore(now: SimTime): SimTime | undefined {
    const run = this.run;
    if (run !== undefined) {
      const d = this.quiet?.delays as LeaseHopDelays;
      const seen = d.rpc + d.storeWrite + d.watchDelivery;
      const n = run.hopsBy(seen, now, false);
      if (n > 0) return (run.first + (n - 1) * run.period + seen) as SimTime;
    }
    for (let i = this.settledSeen.length - 1; i >= 0; i--) if ((this.settledSeen[i] as SimTime) < now) return this.settledSeen[i];
    return undefined;
  }

  /** Counts what the renewals accounted in closed form sent and delivered up to `end` inclusive. */
  finish(end: SimTime): void {
    const q = this.quiet;
    if (!q) return;
    if (this.run !== undefined) this.tallyRun(this.run, end, true);
    const due = this.dueWatches.filter((t) => t <= end).length;
    q.tally.message('watchDelivery', 'watch-Lease', due);
    q.tally.counter('watch-event', due);
    this.dueWatches.length = 0;
  }

  private schedule(at: SimTime): void {
    this.nextBeat = at;
    this.timer = this.ctx.after((at - this.ctx.now()) as SimDuration, this.beat);
  }

  private readonly beat = (): void => {
    this.timer = undefined;
    this.renew();
    this.schedule((this.ctx.now() + this.interval) as SimTime);
  };

  private renew(): void {
    if (this.awaitingAck) this.disconnected = true;
    this.awaitingAck = true;
    this.api.request(this.name, LABEL, new LeaseRenewal(this.name, this.ctx.now()), this.leaseAck());
  }

  /** The callback of a renewal's answer, made once per generation (a crash starts a new one). */
  private leaseAck(): () => void {
    if (this.ack !== undefined && this.ackGeneration === this.generation) return this.ack;
    const gen = this.generation;
    this.ackGeneration = gen;
    this.ack = () => {
      if (gen !== this.generation) return;
      this.awaitingAck = false;
      if (this.disconnected) {
        this.disconnected = false;
        this.onReconnect();
      }
      this.goQuiet();
    };
    return this.ack;
  }

  /** Answered with nothing broken: the next renewals are counted instead of sent, from the one already due. */
  private goQuiet(): void {
    if (this.quiet === undefined || this.timer === undefined || this.awaitingAck || this.disconnected) return;
    this.ctx.cancel(this.timer);
    this.timer = undefined;
    this.run = new QuietRun(this.nextBeat, this.interval);
  }

  /**
   * A fault may change whether the node's messages get through (it runs before any engine event of
   * its instant): the counted renewals before now are settled, one still on its way goes on
   * explicitly from the hop it had reached, and renewals are sent again from the next one due.
   */
  private reachabilityChanged(): void {
    const run = this.run;
    const q = this.quiet;
    if (run === undefined || q === undefined) return;
    this.run = undefined;
    const now = this.ctx.now();
    this.tallyRun(run, now, false);
    const { rpc, storeWrite, watchDelivery } = q.delays;
    const t = run.lastBeatBefore(now);
    this.awaitingAck = false;
    if (t !== undefined) {
      const arrives = t + rpc;
      const commits = arrives + storeWrite;
      const seen = commits + watchDelivery;
      const answered = commits + rpc;
      // When the counted renewals reached the lease informer: the last committed one and the one before it.
      const last = commits < now ? t : t - run.period;
      this.settledSeen = [last - run.period, last].filter((b) => b >= run.first).map((b) => (b + rpc + storeWrite + watchDelivery) as SimTime);
      const op = new LeaseRenewal(this.name, t);
      const ack = this.leaseAck();
      if (arrives >= now) {
        this.awaitingAck = true;
        q.net.arrive('rpc', this.name, API, LABEL, arrives as SimTime, () => this.api.resumeRequest('api', this.name, LABEL, op, ack));
      } else if (commits >= now) {
        this.awaitingAck = true;
        q.net.arrive('storeWrite', API, ETCD, LABEL, commits as SimTime, () => this.api.resumeRequest('etcd', this.name, LABEL, op, ack));
      } else {
        if (seen >= now) this.dueWatches.push(seen as SimTime);
        if (answered >= now) {
          this.awaitingAck = true;
          q.net.arrive('rpc', API, this.name, RESPONSE, answered as SimTime, ack);
        }
      }
    }
    this.schedule(run.nextBeatFrom(now));
  }

  /** Adds the counted renewals' hops up to `time` (inclusive or strictly before) to the tally: all delivered. */
  private tallyRun(run: QuietRun, time: SimTime, inclusive: boolean): void {
    const q = this.quiet as QuietLeaseSetup;
    const { rpc, storeWrite, watchDelivery } = q.delays;
    const commits = run.hopsBy(rpc + storeWrite, time, inclusive);
    const seen = run.hopsBy(rpc + storeWrite + watchDelivery, time, inclusive);
    q.tally.message('rpc', LABEL, run.hopsBy(rpc, time, inclusive));
    q.tally.message('storeWrite', LABEL, commits);
    q.tally.message('rpc', RESPONSE, run.hopsBy(2 * rpc + storeWrite, time, inclusive));
    q.tally.message('watchDelivery', 'watch-Lease', seen);
    q.tally.counter('store-write', commits);
    q.tally.counter('watch-event', seen);
  }
}
