/** Types of eslint/layers.js (the table of DESIGN.md §2), for the TypeScript tests that read it. */
export declare const SRC: string;
export declare const ENGINE_FOLDER: 'engines/<engine>';
export interface LayerRule {
  readonly mayImport: readonly string[];
  readonly node: boolean;
  readonly deterministic: boolean;
}
export declare const LAYERS: Readonly<Record<string, LayerRule>>;
export declare function layerOf(rel: string): string;
export declare function ruleOf(layer: string): string;
export declare function importViolation(fromFile: string, specifier: string): string | undefined;
export declare const DETERMINISTIC_FILES: readonly string[];
