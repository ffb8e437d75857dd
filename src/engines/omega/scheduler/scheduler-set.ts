import { type EngineContext } from '../../engine.js';
import { type CellState } from '../cell/cell-state.js';
import { type OmegaOptions, thinkTimeOf } from '../options.js';
import { type CommitPath, OmegaScheduler } from './omega-scheduler.js';
import { PrivateCopy } from './private-copy.js';
import { type WorkItem } from './work-item.js';

/** FNV-1a over a name: the "simple hash" that spreads jobs over a group's schedulers ([O] §4.3, §5.1). */
export function nameHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The engine's schedulers, made on first use: a group per workload type (`batch`, `service`) or per
 * tenant, with `schedulers[group]` (default `schedulersPerGroup`) schedulers each, named
 * `<group>-<n>` as the simulator names them (OmegaBatch-1). An item always goes to the same scheduler
 * of its group, chosen by a hash of its name. Each scheduler draws its placements from its own random
 * stream (`scheduler:<name>` of the engine's), as each simulator scheduler has its own generator.
 */
export class SchedulerSet {
  private readonly groups = new Map<string, OmegaScheduler[]>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly cell: CellState,
    private readonly options: OmegaOptions,
    private readonly commit: CommitPath,
  ) {}

  /** The group an item belongs to under the partition option. */
  groupOf(item: Pick<WorkItem<unknown>, 'isJob' | 'tenant'>): string {
    if (this.options.partition === 'tenant') return item.tenant;
    return item.isJob ? 'batch' : 'service';
  }

  /** The scheduler that handles `item`. */
  forItem(item: WorkItem<unknown>): OmegaScheduler {
    const group = this.groupOf(item);
    let list = this.groups.get(group);
    if (!list) {
      const count = this.options.schedulers[group] ?? this.options.schedulersPerGroup;
      list = [];
      for (let i = 1; i <= count; i++) {
        const name = `${group}-${i}`;
        const copy = new PrivateCopy(this.cell, this.ctx.rng.split(`scheduler:${name}`), this.options.placement);
        list.push(new OmegaScheduler(name, this.ctx, thinkTimeOf(this.options, group), copy, this.options, this.commit));
      }
      this.groups.set(group, list);
    }
    return list[list.length === 1 ? 0 : nameHash(item.name) % list.length] as OmegaScheduler;
  }

  /** The longest decision any configured think time gives for `tasks` tasks (for the engine's bounds). */
  longestThink(tasks: number): number {
    const all = [this.options.thinkTime, ...Object.values(this.options.thinkTimes).map((t) => ({ ...this.options.thinkTime, ...t }))];
    return Math.max(...all.map((t) => t.tJob + t.tTask * tasks));
  }
}
