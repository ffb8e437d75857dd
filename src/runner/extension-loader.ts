import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AnyEngineFactory, type EngineExtension } from '../engines/engine.js';
import { moduleFieldOf } from '../workload/schema-extensions.js';
import { evaluateInSandbox } from './extension-sandbox.js';
import { type TrialSpec } from './trial-types.js';

/** The user modules of a trial, loaded, or why one of them could not be (the trial then fails with it). */
export type ExtensionsLoad = { readonly ok: true; readonly extensions: readonly EngineExtension[] } | { readonly ok: false; readonly error: string };

/** A module bundled to one CommonJS text, or the bundler's first error. */
type Bundle = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly reason: string };

/** Bundles by absolute path, per process: each worker bundles a module once, and every trial evaluates it afresh. */
const bundles = new Map<string, Promise<Bundle>>();

/**
 * Loads the scenario's `spec.extensions` entries for the trial's engine: each module (path relative
 * to the scenario file) is bundled with esbuild (TypeScript or JavaScript, its own imports inlined;
 * Node built-ins are not available), evaluated in a fresh sandbox (extension-sandbox.ts), and its
 * default export checked against the engine's `extensions.check`. The first problem becomes the
 * trial's error, naming the scenario file, the field path and the reason. Entries for other engines,
 * and every entry when the engine runs no extensions, are ignored.
 */
export async function loadExtensions(spec: TrialSpec, factory: AnyEngineFactory | undefined): Promise<ExtensionsLoad> {
  const entries = spec.doc.spec.extensions ?? [];
  const accepts = factory?.extensions;
  const loaded: EngineExtension[] = [];
  if (accepts === undefined) return { ok: true, extensions: loaded };
  for (const [i, entry] of entries.entries()) {
    if (entry.engine !== spec.engine) continue;
    const field = moduleFieldOf(entry);
    const given = entry.engine === 'kubernetes' ? entry.controller : entry.framework;
    const path = `spec.extensions[${i}].${field}`;
    const scenarioFile = spec.scenarioFile ?? spec.scenarioDir;
    const fail = (reason: string): ExtensionsLoad => ({ ok: false, error: `${scenarioFile}: ${path}: ${reason}` });
    const file = resolve(spec.scenarioDir, given);
    const bundle = await bundleOnce(file, given);
    if (!bundle.ok) return fail(bundle.reason);
    let exports: unknown;
    try {
      exports = evaluateInSandbox(bundle.code, file);
    } catch (err) {
      return fail(`${given} threw while loading: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    }
    const exported = defaultExport(exports);
    const problem = accepts.check(exported);
    if (problem !== undefined) return fail(`${given} has no default export of the expected shape: ${problem} (docs/extending.md)`);
    loaded.push({
      path,
      scenarioFile,
      module: exported,
      config: entry.config ?? {},
      ...(entry.engine === 'mesos' ? { role: entry.role, workloads: entry.workloads } : {}),
    });
  }
  return { ok: true, extensions: loaded };
}

/** `export default x` in a CommonJS bundle is `exports.default`; a plain `module.exports = x` counts too. */
function defaultExport(exports: unknown): unknown {
  if (typeof exports === 'object' && exports !== null && 'default' in exports) return (exports as { default: unknown }).default;
  return undefined;
}

function bundleOnce(file: string, given: string): Promise<Bundle> {
  let b = bundles.get(file);
  if (b === undefined) {
    b = bundle(file, given);
    bundles.set(file, b);
  }
  return b;
}

async function bundle(file: string, given: string): Promise<Bundle> {
  if (!existsSync(file)) return { ok: false, reason: `${given}: no such file (looked for ${file})` };
  if (!statSync(file).isFile()) return { ok: false, reason: `${given}: is a directory, not a module` };
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [file],
      bundle: true,
      format: 'cjs',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text;
    return code === undefined ? { ok: false, reason: `${given}: the bundler produced no output` } : { ok: true, code };
  } catch (err) {
    return { ok: false, reason: `${given} cannot be bundled: ${bundlerMessage(err)}` };
  }
}

/** The first error of an esbuild failure as `file:line:column: text`. */
function bundlerMessage(err: unknown): string {
  const first = (err as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors?.[0];
  if (first === undefined) return err instanceof Error ? err.message : String(err);
  const at = first.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
  return `${at}${first.text}`;
}
