import fc from 'fast-check';
import { stringify } from 'yaml';
import { scenarioArb } from './scenario.js';

/*
 * Raw inputs for the validator: valid documents with a few mutations (wrong types, missing fields,
 * unknown fields, negative or huge quantities, malformed durations, deep nesting, hostile keys),
 * their YAML text with text-level damage, and bytes that are not UTF-8.
 */

type Json = unknown;
type Path = readonly (string | number)[];

/**
 * Paths to values inside a document (objects and arrays), root excluded, down to `maxDepth`
 * levels: the scenario schema is about ten deep, and an earlier mutation may have planted a value
 * hundreds of levels deep that is not worth walking (nor recursing into).
 */
export function pathsOf(doc: Json, maxDepth = 16): Path[] {
  const out: Path[] = [];
  const stack: { value: Json; path: Path }[] = [{ value: doc, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: Json; path: Path };
    if (value === null || typeof value !== 'object' || path.length >= maxDepth) continue;
    const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as Record<string, Json>);
    for (const [k, v] of entries) {
      out.push([...path, k]);
      stack.push({ value: v, path: [...path, k] });
    }
  }
  return out;
}

/** A value that breaks something wherever it lands. */
export const badValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -1e9, 1.5, 2 ** 53 + 2, 1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
  fc.constantFrom('', ' ', '5 s', '5sec', '-5s', '1e3s', '1.2.3s', '10', '∞', '5s5', 'NaN', '-2', '1.5.5Gi', '1Zi', '-1Gi', '1e400', '0x10', 'null', '~'),
  fc.constantFrom([], {}, [1, 'a'], { kind: 'nope' }, { cpu: -1 }, ['5s']),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.constant('x'.repeat(20_000)),
  fc.integer({ min: 50, max: 300 }).map(deeplyNested),
);

/** `[[[…]]]` or `{a:{a:…}}`, `depth` levels. */
export function deeplyNested(depth: number): Json {
  let v: Json = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

/** Keys an author might write by mistake, and keys that are hostile to naive code. */
const badKey = fc.oneof(
  fc.constantFrom(
    'replcias',
    'resource',
    'Kind',
    'durration',
    'cpus',
    'evnets',
    '',
    ' ',
    'x-extra',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'a.b',
    '[0]',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);

export type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'replace'; readonly at: number; readonly value: Json }
  | { readonly kind: 'add-key'; readonly at: number; readonly key: string; readonly value: Json }
  | { readonly kind: 'replace-root'; readonly value: Json };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: badValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: badKey, value: badValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace-root' as const), value: badValue }) },
);

function clone(doc: Json): Json {
  return JSON.parse(JSON.stringify(doc)) as Json;
}

/** Sets an own property, even `__proto__` (plain assignment would change the prototype instead). */
function setOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies mutations in order to a copy of `doc`. Paths are chosen among the paths of the document as it is then. */
export function mutate(doc: Json, mutations: readonly Mutation[]): Json {
  let out = clone(doc);
  for (const m of mutations) {
    // Arbitraries hand out the same constant objects run after run: insert copies, never the constants themselves.
    const value = 'value' in m ? structuredClone(m.value) : undefined;
    if (m.kind === 'replace-root') {
      out = value;
      continue;
    }
    const paths = pathsOf(out);
    const containers: Path[] = [[], ...paths];
    if (m.kind === 'add-key') {
      const path = containers[m.at % containers.length] as Path;
      const target = valueAt(out, path);
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) setOwn(target as Record<string, Json>, m.key, value);
      else if (Array.isArray(target)) target.push(value);
      continue;
    }
    if (paths.length === 0) continue;
    const path = paths[m.at % paths.length] as Path;
    const parent = valueAt(out, path.slice(0, -1)) as Record<string | number, Json> | Json[];
    const key = path[path.length - 1] as string | number;
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, Json>)[key];
    } else if (Array.isArray(parent)) parent[key as number] = value;
    else setOwn(parent as Record<string, Json>, String(key), value);
  }
  return out;
}

function valueAt(doc: Json, path: Path): Json {
  let cur = doc;
  for (const p of path) cur = (cur as Record<string | number, Json>)[p];
  return cur;
}

/** A valid generated document with one to three mutations, and the mutations (for messages). */
export const mutatedDocArb: fc.Arbitrary<{ doc: Json; mutations: Mutation[] }> = fc
  .tuple(scenarioArb({ maxDurationS: 120 }), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([c, mutations]) => ({ doc: mutate(c.raw, mutations), mutations }));

/** Text-level damage to YAML. */
export type TextDamage =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicate-line'; readonly at: number }
  | { readonly kind: 'truncate'; readonly at: number };

const textDamage: fc.Arbitrary<TextDamage> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(
        ':',
        '- ',
        '\t',
        '"',
        "'",
        '{',
        '[',
        ']',
        '}',
        '&a ',
        '*a',
        '!!binary ',
        '---\n',
        '\n  - x',
        '#',
        '%YAML 1.1\n',
        '\u0000',
        '\uFEFF',
        '\uD800',
      ),
      fc.integer({ min: 65, max: 1_000 }).map((n) => '['.repeat(n)),
      fc.string({ maxLength: 8 }),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function damage(text: string, ds: readonly TextDamage[]): string {
  let out = text;
  for (const d of ds) {
    const at = out.length === 0 ? 0 : d.at % out.length;
    if (d.kind === 'insert') out = out.slice(0, at) + d.text + out.slice(at);
    else if (d.kind === 'delete') out = out.slice(0, at) + out.slice(at + d.length);
    else if (d.kind === 'truncate') out = out.slice(0, at);
    else {
      const lines = out.split('\n');
      const i = d.at % lines.length;
      lines.splice(i, 0, lines[i] as string); // a repeated key: `uniqueKeys` must reject it
      out = lines.join('\n');
    }
  }
  return out;
}

/** YAML text of a valid generated document with one to three kinds of text damage. */
export const damagedTextArb: fc.Arbitrary<string> = fc
  .tuple(scenarioArb({ maxDurationS: 120 }), fc.array(textDamage, { minLength: 1, maxLength: 3 }))
  .map(([c, ds]) => damage(stringify(c.raw), ds));

/** Bytes of a valid document's YAML with bytes that cannot appear in UTF-8 (or truncated sequences) spliced in. */
export const nonUtf8BytesArb: fc.Arbitrary<{ bytes: Uint8Array; at: number }> = fc
  .tuple(
    scenarioArb({ maxDurationS: 60 }),
    fc.nat(),
    fc.oneof(
      fc.constantFrom([0xff], [0xfe], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf5, 0x80, 0x80, 0x80], [0x80], [0xc3], [0xe2, 0x82], [0xe9]),
      fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 4 }).filter((bs) => (bs[0] as number) >= 0xf8 || (bs[0] as number) < 0xc0),
    ),
  )
  .map(([c, pos, bad]) => {
    const text = new TextEncoder().encode(stringify(c.raw));
    // Splice between characters (before an ASCII byte), so the damage is the inserted bytes alone.
    let at = pos % text.length;
    while (at > 0 && ((text[at] as number) & 0xc0) === 0x80) at--;
    const bytes = new Uint8Array(text.length + bad.length);
    bytes.set(text.subarray(0, at), 0);
    bytes.set(bad, at);
    bytes.set(text.subarray(at), at + bad.length);
    return { bytes, at };
  });
