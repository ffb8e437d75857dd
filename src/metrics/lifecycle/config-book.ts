import { type ConfigChanged } from '../../intents/index.js';
import { type SimTime } from '../../sim/time.js';
import { type Replica, type ReplicaBook } from './replica-book.js';

/** A config change not yet on every replica. */
interface OpenChange {
  readonly operation: string;
  readonly config: string;
  readonly version: number;
  readonly services: readonly string[];
}

/**
 * Which config version every replica runs, against the version it should run, from the cluster's
 * truth (`config-applied`) and the intents (a service's declared version, `config-changed`):
 * - a replica is **stale** while it runs (its process is up) a version older than its config's
 *   current one; `staleReplicaSeconds` integrates their number over time;
 * - a change is **done** at the first instant when no running replica of the services using the
 *   config is stale and each of them has at least its desired replicas running that version or a
 *   newer one. A change never done is censored at the end (an env config nobody restarts).
 */
export class ConfigBook {
  /** The current (desired) version of each config. */
  private readonly current = new Map<string, number>();
  private readonly stale = new Set<Replica>();
  private staleMicros = 0;
  private lastChange = 0;
  private readonly open: OpenChange[] = [];

  constructor(
    private readonly book: ReplicaBook,
    /** Told when a change is done, with the instant. */
    private readonly done: (operation: string, now: SimTime) => void,
  ) {}

  /** A service runs `config`, declared at `version` (a later change wins: versions only increase). */
  declared(config: string, version: number): void {
    if (version > (this.current.get(config) ?? 0)) this.current.set(config, version);
  }

  /** A config changed: its users should now run `version`. */
  changed(c: ConfigChanged, now: SimTime): void {
    this.advance(now);
    this.declared(c.config, c.version);
    this.open.push({ operation: c.operation, config: c.config, version: c.version, services: c.services.map((s) => s.service) });
    for (const s of c.services) for (const r of this.book.service(s.service).replicas.values()) this.refresh(r, now);
  }

  /** Re-evaluates one replica after its running state or config changed (or it ended: `gone`). */
  refresh(r: Replica, now: SimTime, gone = false): void {
    const want = r.config === undefined ? undefined : this.current.get(r.config.name);
    const isStale = !gone && r.running && r.config !== undefined && want !== undefined && r.config.version < want;
    if (isStale === this.stale.has(r)) return;
    this.advance(now);
    if (isStale) this.stale.add(r);
    else this.stale.delete(r);
  }

  /** Records every open change that is done now. */
  check(now: SimTime): void {
    for (let i = 0; i < this.open.length;) {
      const c = this.open[i] as OpenChange;
      if (this.isDone(c)) {
        this.open.splice(i, 1);
        this.done(c.operation, now);
      } else i++;
    }
  }

  /** Stale replicas now (for the time series). */
  get staleNow(): number {
    return this.stale.size;
  }

  /** Replica-seconds spent stale up to `end`. */
  staleReplicaSeconds(end: SimTime): number {
    this.advance(end);
    return this.staleMicros / 1e6;
  }

  private isDone(c: OpenChange): boolean {
    return c.services.every((name) => {
      const s = this.book.service(name);
      let onIt = 0;
      for (const r of s.replicas.values()) {
        if (!r.running || r.config === undefined || r.config.name !== c.config) continue;
        if (r.config.version < c.version) return false;
        onIt++;
      }
      return onIt >= s.desired;
    });
  }

  private advance(now: number): void {
    this.staleMicros += this.stale.size * Math.max(0, now - this.lastChange);
    this.lastChange = Math.max(this.lastChange, now);
  }
}
