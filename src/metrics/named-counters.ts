/**
 * The named totals of a trial (counters.csv): boxed so that a bump is one map lookup, the hottest
 * path of the observer, with the `msg:<channel>:<label>[:dropped]` names built once per channel and
 * label instead of once per message.
 */
export class NamedCounters {
  private readonly boxes = new Map<string, { v: number }>();
  private readonly messageKeys = new Map<string, Map<string, readonly [string, string]>>();

  /** Adds `by` to the counter `name` (created at its first bump). */
  bump(name: string, by: number): void {
    const box = this.boxes.get(name);
    if (box) box.v += by;
    else this.boxes.set(name, { v: by });
  }

  /** The counter's total, 0 if it was never bumped. */
  get(name: string): number {
    return this.boxes.get(name)?.v ?? 0;
  }

  /** The counter name of a message on `channel` with `label`, delivered or dropped. */
  messageKey(channel: string, label: string, delivered: boolean): string {
    let byLabel = this.messageKeys.get(channel);
    if (!byLabel) this.messageKeys.set(channel, (byLabel = new Map()));
    let keys = byLabel.get(label);
    if (!keys) byLabel.set(label, (keys = [`msg:${channel}:${label}`, `msg:${channel}:${label}:dropped`]));
    return delivered ? keys[0] : keys[1];
  }

  /** Every counter as a plain record, sorted by name. */
  sorted(): Record<string, number> {
    return Object.fromEntries([...this.boxes].map(([k, b]): [string, number] => [k, b.v]).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
