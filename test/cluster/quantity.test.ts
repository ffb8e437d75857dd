import { describe, expect, it } from 'vitest';
import { parseBytes, parseCpuMillis, parseQuantity } from '../../src/cluster/quantity.js';

describe('parseQuantity', () => {
  const rows: readonly { name: string; input: string | number; value: number }[] = [
    { name: 'milli', input: '500m', value: 0.5 },
    { name: 'plain integer', input: '2', value: 2 },
    { name: 'binary giga', input: '1Gi', value: 2 ** 30 },
    { name: 'binary mega', input: '512Mi', value: 512 * 2 ** 20 },
    { name: 'binary kilo', input: '1Ki', value: 1024 },
    { name: 'binary exa', input: '1Ei', value: 2 ** 60 },
    { name: 'decimal exponent', input: '1e3', value: 1000 },
    { name: 'negative exponent', input: '5E-3', value: 0.005 },
    { name: 'decimal fraction', input: '1.5', value: 1.5 },
    { name: 'decimal mega', input: '100M', value: 1e8 },
    { name: 'decimal kilo (lower-case k)', input: '2k', value: 2000 },
    { name: 'decimal exa (E suffix, not an exponent)', input: '1E', value: 1e18 },
    { name: 'nano', input: '5n', value: 5e-9 },
    { name: 'leading dot', input: '.5', value: 0.5 },
    { name: 'explicit plus sign', input: '+3', value: 3 },
    { name: 'surrounding blanks', input: ' 2Gi ', value: 2 * 2 ** 30 },
    { name: 'a plain number passes through', input: 4, value: 4 },
  ];
  it.each(rows)('$name: $input', ({ input, value }) => {
    const q = parseQuantity(input);
    expect(q.ok).toBe(true);
    if (q.ok) expect(q.value).toBeCloseTo(value, 12);
  });

  const garbage: readonly { name: string; input: string | number; message: RegExp }[] = [
    { name: 'empty', input: '', message: /invalid quantity ""/ },
    { name: 'letters', input: 'lots', message: /invalid quantity "lots" \(write e\.g\. 500m, 2, 1\.5, 1Gi, 512Mi, 1e3\)/ },
    { name: 'an unknown suffix', input: '1Gb', message: /invalid quantity "1Gb"/ },
    { name: 'lower-case binary suffix', input: '1gi', message: /invalid quantity "1gi"/ },
    { name: 'a suffix and an exponent', input: '1e3Mi', message: /invalid quantity/ },
    { name: 'a blank inside', input: '1 Gi', message: /invalid quantity/ },
    { name: 'a unit without number', input: 'Gi', message: /invalid quantity/ },
    { name: 'infinite number', input: Number.POSITIVE_INFINITY, message: /not finite/ },
    { name: 'NaN', input: Number.NaN, message: /not finite/ },
    { name: 'overflowing exponent', input: '1e400', message: /too large/ },
  ];
  it.each(garbage)('rejects $name', ({ input, message }) => {
    const q = parseQuantity(input);
    expect(q.ok).toBe(false);
    if (!q.ok) expect(q.error).toMatch(message);
  });
});

describe('parseCpuMillis', () => {
  const rows: readonly { name: string; input: string | number; millis: number }[] = [
    { name: 'millicores', input: '500m', millis: 500 },
    { name: 'cores', input: '2', millis: 2000 },
    { name: 'fractional cores', input: '1.5', millis: 1500 },
    { name: 'a number of cores', input: 0.25, millis: 250 },
    { name: 'sub-millicore rounds up', input: '100u', millis: 1 },
    { name: 'float noise does not round up (0.1 + 0.2 cores)', input: 0.1 + 0.2, millis: 300 },
  ];
  it.each(rows)('$name: $input → $millis', ({ input, millis }) => {
    expect(parseCpuMillis(input)).toEqual({ ok: true, value: millis });
  });
  it('passes errors through', () => {
    expect(parseCpuMillis('x').ok).toBe(false);
  });
});

describe('parseBytes', () => {
  const rows: readonly { name: string; input: string | number; bytes: number }[] = [
    { name: 'binary', input: '512Mi', bytes: 536_870_912 },
    { name: 'decimal', input: '1G', bytes: 1e9 },
    { name: 'fractions round up', input: '1.5', bytes: 2 },
    { name: 'fractional binary', input: '1.5Gi', bytes: 1.5 * 2 ** 30 },
  ];
  it.each(rows)('$name: $input → $bytes', ({ input, bytes }) => {
    expect(parseBytes(input)).toEqual({ ok: true, value: bytes });
  });
});
