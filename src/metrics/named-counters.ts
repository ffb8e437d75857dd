/** One named total; the observer keeps the boxes of its hot counters so that a bump is one add. */
export interface CounterBox {
  v: number;
}

/** The counter boxes of one message channel and label, made at the first message of each kind. */
interface MessageBoxes {
  delivered: CounterBox | undefined;
  dropped: CounterBox | undefined;
}

/**
 * The named totals of a trial (counters.csv). A counter exists from its first bump on (so only
 * counters that were bumped are written). Names built from an event's fields (`msg:<channel>:<label>`,
 * `offers-<action>`, `counter:<name>`) are built once per distinct field value, not once per event:
 * {@link messageBox} and {@link family} hand back the box itself.
 */
export class NamedCounters {
  private readonly boxes = new Map<string, CounterBox>();
  private readonly messageBoxes = new Map<string, Map<string, MessageBoxes>>();
  /** The label boxes of the channel of the last message (messages of one channel often come in runs). */
  private lastChannel: string | undefined;
  private lastByLabel: Map<string, MessageBoxes> | undefined;

  /** Adds `by` to the counter `name` (created at its first bump). */
  bump(name: string, by: number): void {
    const box = this.boxes.get(name);
    if (box) box.v += by;
    else this.boxes.set(name, { v: by });
  }

  /**
   * The box of counter `name`, made (at 0) if it does not exist yet: only for a caller that adds to it
   * at once, since a made box is written out.
   */
  box(name: string): CounterBox {
    let box = this.boxes.get(name);
    if (!box) this.boxes.set(name, (box = { v: 0 }));
    return box;
  }

  /** The counter's total, 0 if it was never bumped. */
  get(name: string): number {
    return this.boxes.get(name)?.v ?? 0;
  }

  /** The box of `msg:<channel>:<label>` (delivered) or `msg:<channel>:<label>:dropped`; the caller adds to it at once. */
  messageBox(channel: string, label: string, delivered: boolean): CounterBox {
    let byLabel = channel === this.lastChannel ? this.lastByLabel : this.messageBoxes.get(channel);
    if (!byLabel) this.messageBoxes.set(channel, (byLabel = new Map()));
    this.lastChannel = channel;
    this.lastByLabel = byLabel;
    let boxes = byLabel.get(label);
    if (!boxes) byLabel.set(label, (boxes = { delivered: undefined, dropped: undefined }));
    if (delivered) return (boxes.delivered ??= this.box(`msg:${channel}:${label}`));
    return (boxes.dropped ??= this.box(`msg:${channel}:${label}:dropped`));
  }

  /** The counters named `<prefix><suffix>`, found by suffix. */
  family(prefix: string): CounterFamily {
    return new CounterFamily(this, prefix);
  }

  /** Every counter as a plain record, sorted by name. */
  sorted(): Record<string, number> {
    return Object.fromEntries([...this.boxes].map(([k, b]): [string, number] => [k, b.v]).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/** Counters that share a name prefix (`offers-`, `counter:`, `tasks-`): a bump finds its box by the suffix alone. */
export class CounterFamily {
  private readonly boxes = new Map<string, CounterBox>();

  constructor(
    private readonly counters: NamedCounters,
    private readonly prefix: string,
  ) {}

  /** The box of `<prefix><suffix>` (made at its first use); the caller adds to it at once. */
  box(suffix: string): CounterBox {
    let box = this.boxes.get(suffix);
    if (!box) this.boxes.set(suffix, (box = this.counters.box(`${this.prefix}${suffix}`)));
    return box;
  }
}
