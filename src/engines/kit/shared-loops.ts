import { type SimDuration, type SimTime } from '../../sim/time.js';
import { type EngineContext } from '../engine.js';

/** One member's loop: it ticks from `from` on, every period. */
interface Member {
  readonly tick: () => void;
  readonly from: SimTime;
  left: boolean;
}

/** The members whose loops tick at the same instants, in the order their explicit ticks would run. */
interface PhaseGroup {
  members: Member[];
  /** When the group ticks next. */
  next: SimTime;
  /** Members that joined at `frontAt` before the group's tick of that instant ran: they go first, in join order. */
  frontAt: SimTime;
  front: number;
}

/**
 * Many agents' loops of one period (every kubelet's node status loop), each started at its own
 * time: one timer per distinct phase instead of one per agent, which at 10,000 nodes is one event
 * per period instead of 10,000. Members of a phase tick in the order their own timers would have
 * fired: each explicit loop re-arms itself when it ticks, so a member that joined after the group's
 * tick of an instant comes after the others, one that joined before it (at the same instant, e.g. at
 * a fault that runs before engine events) comes first. A member that leaves (its agent crashed) is
 * skipped from then on.
 */
export class SharedLoops {
  private readonly groups = new Map<number, PhaseGroup>();

  constructor(
    private readonly ctx: Pick<EngineContext, 'now' | 'after'>,
    private readonly period: SimDuration,
  ) {
    if (!(period > 0)) throw new RangeError(`SharedLoops: period ${period} must be positive`);
  }

  /** Starts a loop that ticks one period from now, then every period; returns how to stop it. */
  join(tick: () => void): { leave(): void } {
    const now = this.ctx.now();
    const member: Member = { tick, from: (now + this.period) as SimTime, left: false };
    const phase = now % this.period;
    const group = this.groups.get(phase);
    if (group === undefined) {
      const fresh: PhaseGroup = { members: [member], next: member.from, frontAt: -1 as SimTime, front: 0 };
      this.groups.set(phase, fresh);
      this.ctx.after(this.period, () => this.fire(phase, fresh));
    } else if (group.next === now) {
      // The group's tick of this instant has not run yet: this loop's next tick was armed before theirs.
      if (group.frontAt !== now) {
        group.frontAt = now;
        group.front = 0;
      }
      group.members.splice(group.front++, 0, member);
    } else group.members.push(member);
    return {
      leave: () => {
        member.left = true;
      },
    };
  }

  private fire(phase: number, group: PhaseGroup): void {
    const now = this.ctx.now();
    // Set first: a loop that joins while the group ticks starts next period, after the others.
    group.next = (now + this.period) as SimTime;
    const members = group.members;
    let kept = 0;
    for (let i = 0; i < members.length; i++) {
      const m = members[i] as Member;
      if (m.left) continue;
      members[kept++] = m;
      if (m.from <= now) m.tick();
    }
    members.length = kept;
    if (kept === 0) {
      this.groups.delete(phase);
      return;
    }
    this.ctx.after(this.period, () => this.fire(phase, group));
  }
}
