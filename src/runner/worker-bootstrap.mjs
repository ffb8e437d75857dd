// Worker-thread entry, in plain JavaScript (it runs before anything could load TypeScript). The pool
// passes, as workerData, `bundle` (a file URL) or, when no bundle could be built, `entry` (a .ts path):
// - bundle: switch source maps on (stack traces then point at src/), then load the bundle;
// - entry: register tsx's loader, then load the TypeScript module.
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';

let mod;
if (workerData?.bundle) {
  process.setSourceMapsEnabled(true);
  mod = await import(workerData.bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(workerData?.entry ?? new URL('./worker.ts', import.meta.url).pathname).href);
}
export default mod.default;
