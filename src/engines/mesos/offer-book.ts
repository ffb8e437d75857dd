import { type NodeSpec } from '../../cluster/node.js';
import { type Resources, scaleResources } from '../../cluster/resources.js';
import { type TimerHandle } from '../../sim/event-queue.js';
import { type EngineContext } from '../engine.js';
import { type MesosOptions } from './options.js';
import { type Offer } from './types.js';

interface Entry {
  readonly offer: Offer;
  /** The framework's name, for events (stable across failovers, unlike its id). */
  readonly holder: string;
  timer: TimerHandle | undefined;
}

/**
 * The master's table of outstanding offers. It emits the `offer` events and the `locked` events:
 * an offer's resources are locked for its holder from the moment it is made until it is answered
 * or rescinded. With `--offer_timeout` set, each offer is rescinded when it times out.
 */
export class OfferBook {
  private readonly entries = new Map<string, Entry>();
  /** The same entries per agent and per framework id, in the order they were made (as `entries`). */
  private readonly byAgent = new Map<string, Map<string, Entry>>();
  private readonly byFramework = new Map<string, Map<string, Entry>>();
  private seq = 0;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: MesosOptions,
    /** Called when an offer times out (the master rescinds it). */
    private readonly onTimeout: (offerId: string) => void,
  ) {}

  /** Records a new offer and reports it made and locked. */
  make(framework: string, holder: string, agent: string, resources: Resources, slots: number, node: NodeSpec): Offer {
    const offer: Offer = { id: `o${++this.seq}`, framework, agent, resources, slots, node };
    const entry: Entry = { offer, holder, timer: undefined };
    if (this.options.offerTimeout !== undefined) entry.timer = this.ctx.after(this.options.offerTimeout, () => this.onTimeout(offer.id));
    this.entries.set(offer.id, entry);
    indexAdd(this.byAgent, agent, entry);
    indexAdd(this.byFramework, framework, entry);
    const time = this.ctx.now();
    this.ctx.emit({ kind: 'offer', time, action: 'made', framework: holder, node: agent, resources });
    this.ctx.emit({ kind: 'locked', time, holder, delta: resources });
    return offer;
  }

  /** Removes an offer and reports how it ended (its resources are unlocked); undefined if unknown. */
  close(offerId: string, action: 'accepted' | 'declined' | 'rescinded'): Offer | undefined {
    const e = this.entries.get(offerId);
    if (e === undefined) return undefined;
    this.entries.delete(offerId);
    indexDelete(this.byAgent, e.offer.agent, offerId);
    indexDelete(this.byFramework, e.offer.framework, offerId);
    if (e.timer !== undefined) this.ctx.cancel(e.timer);
    const time = this.ctx.now();
    this.ctx.emit({ kind: 'offer', time, action, framework: e.holder, node: e.offer.agent, resources: e.offer.resources });
    this.ctx.emit({ kind: 'locked', time, holder: e.holder, delta: scaleResources(e.offer.resources, -1) });
    return e.offer;
  }

  /** An outstanding offer, if it still exists. */
  get(offerId: string): Offer | undefined {
    return this.entries.get(offerId)?.offer;
  }

  /** Outstanding offers on an agent. */
  onAgent(agent: string): Offer[] {
    return offersOf(this.byAgent.get(agent));
  }

  /** Outstanding offers of a framework (by id). */
  ofFramework(framework: string): Offer[] {
    return offersOf(this.byFramework.get(framework));
  }
}

function indexAdd(index: Map<string, Map<string, Entry>>, key: string, e: Entry): void {
  let m = index.get(key);
  if (m === undefined) {
    m = new Map();
    index.set(key, m);
  }
  m.set(e.offer.id, e);
}

function indexDelete(index: ReadonlyMap<string, Map<string, Entry>>, key: string, offerId: string): void {
  const m = index.get(key);
  if (m === undefined) return;
  // Empty maps stay: their number is bounded by agents and frameworks, and churn would cost more.
  m.delete(offerId);
}

function offersOf(m: ReadonlyMap<string, Entry> | undefined): Offer[] {
  const out: Offer[] = [];
  if (m !== undefined) for (const e of m.values()) out.push(e.offer);
  return out;
}
