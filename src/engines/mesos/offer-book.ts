import { type NodeSpec } from '../../cluster/node.js';
import { type Resources, scaleResources } from '../../cluster/resources.js';
import { type TimerHandle } from '../../sim/event-queue.js';
import { type EngineContext } from '../engine.js';
import { type MesosOptions } from './options.js';
import { type Offer } from './types.js';

/**
 * An outstanding offer as the book keeps it: the offer the framework sees, plus the links of the
 * two lists it is on (its agent's and its framework's). Frameworks get this object typed as `Offer`.
 */
class Entry implements OpenOffer {
  timer: TimerHandle | undefined = undefined;
  prevOnAgent: Entry | undefined = undefined;
  nextOnAgent: Entry | undefined = undefined;
  prevOfFramework: Entry | undefined = undefined;
  nextOfFramework: Entry | undefined = undefined;

  constructor(
    readonly id: number,
    readonly framework: string,
    readonly agent: string,
    readonly resources: Resources,
    readonly slots: number,
    readonly node: NodeSpec,
    /** The framework's name, for events (stable across failovers, unlike its id). */
    readonly holder: string,
    /** The agent's and the framework's lists (the entry unlinks itself without a lookup). */
    readonly onAgent: Ends,
    readonly ofFramework: Ends,
    readonly token: object | undefined,
  ) {}
}

/** An offer as the master sees it: with the allocator's token for its resources, if it gave one. */
export interface OpenOffer extends Offer {
  readonly token: object | undefined;
}

/** The ends of one list of entries, in the order they were made. */
interface Ends {
  head: Entry | undefined;
  tail: Entry | undefined;
}

/**
 * The master's table of outstanding offers. It emits the `offer` events and the `locked` events:
 * an offer's resources are locked for its holder from the moment it is made until it is answered
 * or rescinded. With `--offer_timeout` set, each offer is rescinded when it times out.
 *
 * Every offer is also on two doubly linked lists, its agent's and its framework's, in the order the
 * offers were made: adding and closing cost O(1) whatever the number of outstanding offers (a
 * framework may hold thousands), and walking a list gives the offers in the order they were made.
 */
export class OfferBook {
  private readonly entries = new Map<number, Entry>();
  private readonly byAgent = new Map<string, Ends>();
  private readonly byFramework = new Map<string, Ends>();
  private seq = 0;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: MesosOptions,
    /** Called when an offer times out (the master rescinds it). */
    private readonly onTimeout: (offerId: number) => void,
  ) {}

  /** Records a new offer and reports it made and locked. */
  make(framework: string, holder: string, agent: string, resources: Resources, slots: number, node: NodeSpec, token?: object): Offer {
    const onAgent = ends(this.byAgent, agent);
    const ofFramework = ends(this.byFramework, framework);
    const e = new Entry(++this.seq, framework, agent, resources, slots, node, holder, onAgent, ofFramework, token);
    if (this.options.offerTimeout !== undefined) e.timer = this.ctx.after(this.options.offerTimeout, () => this.onTimeout(e.id));
    this.entries.set(e.id, e);
    e.prevOnAgent = onAgent.tail;
    if (onAgent.tail === undefined) onAgent.head = e;
    else onAgent.tail.nextOnAgent = e;
    onAgent.tail = e;
    e.prevOfFramework = ofFramework.tail;
    if (ofFramework.tail === undefined) ofFramework.head = e;
    else ofFramework.tail.nextOfFramework = e;
    ofFramework.tail = e;
    const time = this.ctx.now();
    this.ctx.emit({ kind: 'offer', time, action: 'made', framework: holder, node: agent, resources });
    this.ctx.emit({ kind: 'locked', time, holder, delta: resources });
    return e;
  }

  /** Removes an offer and reports how it ended (its resources are unlocked); undefined if unknown. */
  close(offerId: number, action: 'accepted' | 'declined' | 'rescinded'): Offer | undefined {
    const e = this.entries.get(offerId);
    return e === undefined ? undefined : this.remove(e, action);
  }

  /** `close` of an offer the framework `framework` holds; undefined (and nothing closed) if it holds none such. */
  closeHeld(offerId: number, framework: string, action: 'accepted' | 'declined'): OpenOffer | undefined {
    const e = this.entries.get(offerId);
    return e === undefined || e.framework !== framework ? undefined : this.remove(e, action);
  }

  private remove(e: Entry, action: 'accepted' | 'declined' | 'rescinded'): Entry {
    this.entries.delete(e.id);
    const onAgent = e.onAgent;
    if (e.prevOnAgent === undefined) onAgent.head = e.nextOnAgent;
    else e.prevOnAgent.nextOnAgent = e.nextOnAgent;
    if (e.nextOnAgent === undefined) onAgent.tail = e.prevOnAgent;
    else e.nextOnAgent.prevOnAgent = e.prevOnAgent;
    e.prevOnAgent = e.nextOnAgent = undefined;
    const ofFramework = e.ofFramework;
    if (e.prevOfFramework === undefined) ofFramework.head = e.nextOfFramework;
    else e.prevOfFramework.nextOfFramework = e.nextOfFramework;
    if (e.nextOfFramework === undefined) ofFramework.tail = e.prevOfFramework;
    else e.nextOfFramework.prevOfFramework = e.prevOfFramework;
    e.prevOfFramework = e.nextOfFramework = undefined;
    if (e.timer !== undefined) this.ctx.cancel(e.timer);
    const time = this.ctx.now();
    this.ctx.emit({ kind: 'offer', time, action, framework: e.holder, node: e.agent, resources: e.resources });
    this.ctx.emit({ kind: 'locked', time, holder: e.holder, delta: scaleResources(e.resources, -1) });
    return e;
  }

  /** An outstanding offer, if it still exists. */
  get(offerId: number): Offer | undefined {
    return this.entries.get(offerId);
  }

  /** Outstanding offers on an agent, in the order they were made. */
  onAgent(agent: string): Offer[] {
    const out: Offer[] = [];
    for (let e = this.byAgent.get(agent)?.head; e !== undefined; e = e.nextOnAgent) out.push(e);
    return out;
  }

  /** Outstanding offers of a framework (by id), in the order they were made. */
  ofFramework(framework: string): Offer[] {
    const out: Offer[] = [];
    for (let e = this.byFramework.get(framework)?.head; e !== undefined; e = e.nextOfFramework) out.push(e);
    return out;
  }
}

/** The list of a key, made empty on first use (lists stay when emptied: keys are agents and frameworks). */
function ends(index: Map<string, Ends>, key: string): Ends {
  let l = index.get(key);
  if (l === undefined) {
    l = { head: undefined, tail: undefined };
    index.set(key, l);
  }
  return l;
}
