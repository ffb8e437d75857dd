/**
 * Kubernetes resource quantities (`500m`, `2`, `1Gi`, `512Mi`, `1e3`, `1.5`, `100M`), as in
 * k8s.io/apimachinery's resource.Quantity: binary suffixes Ki..Ei, decimal suffixes n u m k M G T P E,
 * and decimal exponents. Parsing returns a value or a reason; nothing throws on user input.
 */
export type QuantityParse = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

const SUFFIX: Readonly<Record<string, number>> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** Parses a quantity into a plain number in base units (cores for cpu, bytes for memory). */
export function parseQuantity(input: string | number): QuantityParse {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, error: `quantity ${input} is not finite` };
  }
  const text = input.trim();
  const m = QUANTITY.exec(text);
  if (!m) return { ok: false, error: `invalid quantity "${input}" (write e.g. 500m, 2, 1.5, 1Gi, 512Mi, 1e3)` };
  const base = Number(m[1]);
  const value = m[2] ? base * 10 ** Number(m[2].slice(1)) : base * (SUFFIX[m[3] ?? ''] as number);
  if (!Number.isFinite(value)) return { ok: false, error: `quantity "${input}" is too large` };
  return { ok: true, value };
}

/** CPU quantity in whole millicores (`500m` → 500, `2` → 2000); sub-millicore precision is rounded up as Kubernetes does. */
export function parseCpuMillis(input: string | number): QuantityParse {
  const q = parseQuantity(input);
  return q.ok ? { ok: true, value: Math.ceil(Math.round(q.value * 1e6) / 1e3) } : q;
}

/** Memory (or any byte) quantity in whole bytes, rounded up. */
export function parseBytes(input: string | number): QuantityParse {
  const q = parseQuantity(input);
  return q.ok ? { ok: true, value: Math.ceil(q.value) } : q;
}
