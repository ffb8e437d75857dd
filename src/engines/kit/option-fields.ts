import { z } from 'zod';
import { parseBytes, parseCpuMillis } from '../../cluster/quantity.js';
import { resources, type Resources } from '../../cluster/resources.js';
import { parseDuration } from '../../sim/duration.js';
import { type SimDuration } from '../../sim/time.js';
import { COUNT_OR_PERCENTAGE } from './count-or-percentage.js';

/**
 * The zod fields engine options are written with, so that a duration, a quantity or a count-or-percentage
 * means the same (and fails with the same message) in every engine's `spec.engines.<name>` block.
 */

/** A duration written as in scenarios (`5s`, `250ms`, `1m30s`, or `0`), checked with the kernel's parser. */
export const durationField = z.union([z.string(), z.literal(0)]).transform((value, ctx): SimDuration => {
  const r = parseDuration(String(value));
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.value;
});

/** A quantity (`500m`, `2`, `4Gi`) that `parse` turns into a whole number; negative values are refused. */
export function quantityField(parse: typeof parseCpuMillis) {
  return z.union([z.string(), z.number()]).transform((value, ctx): number => {
    const r = parse(value);
    if (!r.ok || r.value < 0) {
      ctx.addIssue({ code: 'custom', message: r.ok ? `must not be negative, got ${value}` : r.error });
      return z.NEVER;
    }
    return r.value;
  });
}

/** Cpu (`500m`, `2`) as millicores. */
export const cpuField = quantityField(parseCpuMillis);
/** Memory (`512Mi`, `4Gi`) as bytes. */
export const memoryField = quantityField(parseBytes);

/** A resource vector `{ cpu, memory, gpu }` (each optional, 0 when absent). */
export const resourcesField = z
  .strictObject({ cpu: cpuField.optional(), memory: memoryField.optional(), gpu: z.number().int().nonnegative().optional() })
  .transform((r): Resources => resources({ cpu: r.cpu ?? 0, memory: r.memory ?? 0, gpu: r.gpu ?? 0 }));

/** A count or a percentage, as Kubernetes's IntOrString (`3`, `'25%'`). */
export const countOrPercentageField = z.union([z.number().int().min(0), z.string().regex(COUNT_OR_PERCENTAGE, 'a percentage such as 25%')]);
