/** A zone's health as the node lifecycle controller classifies it (`ComputeZoneState`). */
export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** `ComputeZoneState`: all not-ready → full; more than 2 not-ready and ≥ threshold → partial. */
export function computeZoneState(ready: number, notReady: number, unhealthyThreshold: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyThreshold) return 'PartialDisruption';
  return 'Normal';
}

/** The zone label the controller groups by (`topology.kubernetes.io/zone`, or a plain `zone` label). */
export function zoneOf(labels: Readonly<Record<string, string>>): string {
  return labels['topology.kubernetes.io/zone'] ?? labels['zone'] ?? '';
}

/**
 * The tainting rate of a zone (`setLimiterInZone`, `ReducedQPSFunc`): normal and fully disrupted
 * zones use the eviction rate; a partially disrupted zone uses the secondary rate if it is large,
 * else 0; when every zone is fully disrupted nothing is evicted ("master disruption").
 */
export function zoneRate(
  state: ZoneState,
  zoneSize: number,
  allFullyDisrupted: boolean,
  c: { readonly evictionRate: number; readonly secondaryEvictionRate: number; readonly largeClusterSizeThreshold: number },
): number {
  if (allFullyDisrupted) return 0;
  if (state === 'PartialDisruption') return zoneSize > c.largeClusterSizeThreshold ? c.secondaryEvictionRate : 0;
  return c.evictionRate;
}
