/**
 * The bounds of a rolling update a service declares (Kubernetes's RollingUpdate fenceposts): a
 * percentage of the desired count rounds up for the surge and down for unavailability; when both come
 * out 0, one instance may be unavailable. The oracle keeps to them as well: an ideal control plane is
 * still bound by what its user asked for.
 */
export function rolloutLimits(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = resolve(maxSurge ?? '25%', desired, true);
  const unavailable = resolve(maxUnavailable ?? '25%', desired, false);
  return surge === 0 && unavailable === 0 ? { surge: 0, unavailable: 1 } : { surge, unavailable };
}

function resolve(value: number | string, desired: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return 0;
  const exact = (Number(m[1]) * desired) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
