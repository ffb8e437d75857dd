/**
 * Fixed look per engine, the same in every chart and every report: a colour from the Okabe–Ito
 * palette (Okabe & Ito 2008, "Color Universal Design"; safe for the common colour-vision
 * deficiencies), plus a dash pattern and a point shape so that a black-and-white print still tells
 * the engines apart.
 */
export interface EngineStyle {
  readonly color: string;
  /** Vega stroke dash: [] is solid. */
  readonly dash: readonly number[];
  /** A Vega point shape name. */
  readonly shape: string;
}

/** The Okabe–Ito colours by name. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/**
 * The engines the course compares. The oracle is the reference: black and dotted, so it reads as a
 * baseline next to the two architectures in strong, distinct hues.
 */
const KNOWN: Readonly<Record<string, EngineStyle>> = {
  oracle: { color: OKABE_ITO.black, dash: [2, 3], shape: 'diamond' },
  kubernetes: { color: OKABE_ITO.blue, dash: [], shape: 'circle' },
  mesos: { color: OKABE_ITO.vermillion, dash: [8, 4], shape: 'square' },
  borg: { color: OKABE_ITO.bluishGreen, dash: [12, 3, 2, 3], shape: 'triangle-up' },
  omega: { color: OKABE_ITO.reddishPurple, dash: [4, 2, 1, 2], shape: 'cross' },
};

// Engines added later get a style picked by a hash of their name (not by their position in a run),
// so an engine keeps its look across reports. Yellow is left out: too light on white paper.
const FALLBACK_COLORS = [OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue] as const;
const FALLBACK_DASHES: readonly (readonly number[])[] = [
  [12, 3, 2, 3],
  [4, 2],
  [1, 2],
  [10, 2, 2, 2, 2, 2],
];
const FALLBACK_SHAPES = ['triangle-up', 'cross', 'triangle-down', 'wye'] as const;

/** FNV-1a, 32 bits: a stable hash of a name. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The style of an engine: fixed for the known engines, a deterministic function of the name otherwise. */
export function engineStyle(engine: string): EngineStyle {
  const known = KNOWN[engine];
  if (known) return known;
  const h = fnv1a(engine);
  return {
    color: FALLBACK_COLORS[h % FALLBACK_COLORS.length] as string,
    dash: FALLBACK_DASHES[(h >>> 4) % FALLBACK_DASHES.length] as readonly number[],
    shape: FALLBACK_SHAPES[(h >>> 8) % FALLBACK_SHAPES.length] as string,
  };
}

/** Colours for series that are not engines (tenants), in order; again Okabe–Ito, black last. */
export const SERIES_COLORS: readonly string[] = [
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.black,
];

/** Dash patterns for non-engine series, in order, so tenants stay apart in grey print. */
export const SERIES_DASHES: readonly (readonly number[])[] = [[], [8, 4], [2, 3], [12, 3, 2, 3], [4, 2], [1, 2], [10, 2, 2, 2, 2, 2]];

/** Vega-Lite scale fields mapping each engine to its colour, dash and shape (for legends shared by all three). */
export function engineScales(engines: readonly string[]): { color: object; strokeDash: object; shape: object } {
  const styles = engines.map(engineStyle);
  return {
    color: { domain: [...engines], range: styles.map((s) => s.color) },
    strokeDash: { domain: [...engines], range: styles.map((s) => [...s.dash]) },
    shape: { domain: [...engines], range: styles.map((s) => s.shape) },
  };
}
