import { type ScenarioCase } from '../arbitraries/scenario.js';

/*
 * Engine bugs the properties found and that are not fixed yet. A case that matches an entry is
 * discarded (fc.pre) for that engine and property only, so the suite stays green while the bug is
 * open, and the entry says what to replay. Delete an entry when its bug is fixed: the property
 * then covers those cases again.
 */

/** One open bug: which engine and property, which cases trigger it, and how to see it. */
export interface KnownIssue {
  readonly engine: string;
  /** Start of the property name (the engine prefix excluded), e.g. 'runs every task within'. */
  readonly property: string;
  readonly triggers: (c: ScenarioCase) => boolean;
  readonly description: string;
}

/*
 * None open. History: mesos, 'runs every task within its stated placement bound' with offerMode
 * fair-share — a batch job submitted after an earlier job of the same framework never ran (found
 * 2026-11-27 by fast-check seed 695622688; fixed in the mesos engine the same morning).
 */
export const KNOWN_ISSUES: readonly KnownIssue[] = [];

/** True when the case triggers an open bug of this engine and property (the case is then skipped). */
export function isKnownIssue(engine: string, propertyName: string, c: ScenarioCase): boolean {
  return KNOWN_ISSUES.some((k) => k.engine === engine && propertyName.startsWith(`${engine} ${k.property}`) && k.triggers(c));
}
