/**
 * Borg's priority bands ([B] §2.5), high to low: monitoring, production, batch, best effort ("free").
 * "prod" is monitoring + production. A scenario writes a priority as a small integer (`priority:`,
 * default 0); [B] gives no numeric ranges, so we map them with the ranges of Google's 2011 cluster trace
 * ([T] = Tirmazi et al., EuroSys 2020, §2): 0–1 free, 2–8 batch, 9–10 production, 11 and above
 * monitoring. Negative priorities are free. Every bundled scenario that sets no priority runs in the
 * free band, where nothing preempts anything.
 */
export type Band = 'free' | 'batch' | 'production' | 'monitoring';

/** The lowest priority of the production band (2011 trace: 9–10). */
export const PRODUCTION_FROM = 9;
/** The lowest priority of the monitoring band (2011 trace: 11). */
export const MONITORING_FROM = 11;
/** The lowest priority of the batch band (2011 trace: 2–8). */
export const BATCH_FROM = 2;

/** The band of a priority. */
export function bandOf(priority: number): Band {
  if (priority >= MONITORING_FROM) return 'monitoring';
  if (priority >= PRODUCTION_FROM) return 'production';
  if (priority >= BATCH_FROM) return 'batch';
  return 'free';
}

/** True for the "prod" bands (monitoring and production). */
export function isProd(priority: number): boolean {
  return priority >= PRODUCTION_FROM;
}

/**
 * Whether a task at `preemptor` may take the resources of a task at `victim`: only a strictly higher
 * priority may, and never one prod task another ([B] §2.5: "tasks in the production band may not
 * preempt each other", which removes most preemption cascades; prod = monitoring + production).
 */
export function mayPreempt(preemptor: number, victim: number): boolean {
  return preemptor > victim && !(isProd(preemptor) && isProd(victim));
}
