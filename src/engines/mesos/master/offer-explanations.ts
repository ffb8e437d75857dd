import { explainResources } from '../../../cluster/explained-resources.js';
import { type Resources } from '../../../cluster/resources.js';
import { type SimDuration, toSeconds } from '../../../sim/time.js';
import { type OfferExplanation } from '../allocator/allocator-types.js';

/**
 * The explain.jsonl records of the Mesos master (docs/explain.md). Frameworks are named by their
 * framework id everywhere (the framework's name; `name#2` … once it registered again), so the
 * framework an offer went to can be found in the DRF walk listed with it.
 */

/** Why the allocator gave the agent to this framework, in words that match the listed walk. */
function offerWhy(stage: OfferExplanation['stage'], mode: 'whole-agent' | 'fair-share'): string {
  const walk = 'roles, then the frameworks inside each, by ascending weighted dominant share';
  const when = stage === 'quota-guarantee' ? 'quota-guarantee stage (within the role guarantees): ' : '';
  return mode === 'whole-agent'
    ? `${when}the first framework of the DRF walk (${walk}) not skipped, the last one listed; offered the agent's whole free resources`
    : `${when}the next framework of the DRF walk (${walk}) not skipped, the last one listed (the frameworks before it were skipped or got their own offer of this agent); offered its fair share of what was left, at most its demand left`;
}

/** The record of one offer the allocator made: who got which agent, and the DRF walk up to them. */
export function offerRecord(e: OfferExplanation, mode: 'whole-agent' | 'fair-share'): Record<string, unknown> {
  return {
    type: 'offer',
    agent: e.agent,
    framework: e.framework,
    role: e.role,
    resources: explainResources(e.resources),
    stage: e.stage,
    mode,
    why: offerWhy(e.stage, mode),
    drfOrder: e.order,
    skipped: e.skipped,
  };
}

/** The record of a framework's answer to one offer: tasks launched, resources declined, refuse filter installed. */
export function offerReplyRecord(
  offer: string,
  framework: string,
  agent: string,
  launched: readonly string[],
  declined: Resources,
  filter: SimDuration,
): Record<string, unknown> {
  return { type: 'offer-reply', offer, framework, agent, launched, declined: explainResources(declined), filterSeconds: toSeconds(filter) };
}
