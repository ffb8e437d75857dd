import { type NodeSpec } from '../../../cluster/node.js';
import { type Resources, scaleResources } from '../../../cluster/resources.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type EngineContext } from '../../engine.js';
import { type MesosOptions } from '../options.js';
import { type Offer } from '../types.js';

/**
 * An outstanding offer as the book keeps it: the offer the framework sees, plus the links of the
 * two lists it is on (its agent's and its framework's). Frameworks get this object typed as `Offer`,
 * and answer with it: `open` tells whether it is still outstanding (no table of offers by id).
 */
class Entry implements OpenOffer {
  open = true;
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
    readonly onAgent: OfferList,
    readonly ofFramework: OfferList,
    readonly token: object | undefined,
  ) {}
}

/** An offer as the master sees it: with the allocator's token for its resources, if it gave one. */
export interface OpenOffer extends Offer {
  readonly token: object | undefined;
}

/**
 * The outstanding offers of one agent or one framework, in the order they were made (opaque to
 * callers: the master keeps the lists of its agents and frameworks to save a lookup per offer, and
 * its agent records are lists themselves).
 */
export class OfferList {
  head: Entry | undefined = undefined;
  tail: Entry | undefined = undefined;
}

/**
 * The master's table of outstanding offers. It emits the `offer` events and the `locked` events:
 * an offer's resources are locked for its holder from the moment it is made until it is answered
 * or rescinded. With `--offer_timeout` set, each offer is rescinded when it times out.
 *
 * Every offer is on two doubly linked lists, its agent's and its framework's, in the order the
 * offers were made: adding and closing cost O(1) whatever the number of outstanding offers (a
 * framework may hold thousands), and walking a list gives the offers in the order they were made.
 * An offer is found from the object itself (frameworks answer with it), not by id.
 */
export class OfferBook {
  private readonly byAgent = new Map<string, OfferList>();
  private readonly byFramework = new Map<string, OfferList>();
  private seq = 0;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: MesosOptions,
    /** Called when an offer times out (the master rescinds it). */
    private readonly onTimeout: (offer: Offer) => void,
  ) {}

  /** The list of an agent's offers (made on first use; the same list for the book's life). */
  agentList(agent: string): OfferList {
    return list(this.byAgent, agent);
  }

  /**
   * Makes `list` the list of the agent's offers from now on (the master's record of a registered
   * agent is its offer list: one object less to reach per offer). The agent's previous list, if
   * any, must be empty (its offers were rescinded when the agent was removed).
   */
  useAgentList(agent: string, list: OfferList): void {
    const previous = this.byAgent.get(agent);
    if (previous !== undefined && previous !== list && previous.head !== undefined) throw new Error(`offer book: agent ${agent} still has offers`);
    this.byAgent.set(agent, list);
  }

  /** The list of a framework's offers, by framework id (as `agentList`). */
  frameworkList(framework: string): OfferList {
    return list(this.byFramework, framework);
  }

  /**
   * Records a new offer and reports it made and locked. `onAgent` and `ofFramework`, when given,
   * must be `agentList(agent)` and `frameworkList(framework)`.
   */
  make(
    framework: string,
    holder: string,
    agent: string,
    resources: Resources,
    slots: number,
    node: NodeSpec,
    token?: object,
    onAgent: OfferList = this.agentList(agent),
    ofFramework: OfferList = this.frameworkList(framework),
  ): Offer {
    const e = new Entry(++this.seq, framework, agent, resources, slots, node, holder, onAgent, ofFramework, token);
    if (this.options.offerTimeout !== undefined) e.timer = this.ctx.after(this.options.offerTimeout, () => this.onTimeout(e));
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

  /** Removes an offer and reports how it ended (its resources are unlocked); undefined if it is not outstanding. */
  close(offer: Offer, action: 'accepted' | 'declined' | 'rescinded'): OpenOffer | undefined {
    return offer instanceof Entry && offer.open ? this.remove(offer, action) : undefined;
  }

  /** `close` of an offer the framework `framework` holds; undefined (and nothing closed) if it holds no such outstanding offer. */
  closeHeld(offer: Offer, framework: string, action: 'accepted' | 'declined'): OpenOffer | undefined {
    return offer instanceof Entry && offer.open && offer.framework === framework ? this.remove(offer, action) : undefined;
  }

  private remove(e: Entry, action: 'accepted' | 'declined' | 'rescinded'): Entry {
    e.open = false;
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
function list(index: Map<string, OfferList>, key: string): OfferList {
  let l = index.get(key);
  if (l === undefined) {
    l = new OfferList();
    index.set(key, l);
  }
  return l;
}
