import { join } from 'node:path';
import { projectRoot } from './bundle-cache.mjs';

/**
 * The project's folders, found from this module wherever it runs: from src/ through tsx, or inlined in
 * a bundle under node_modules/.cache/schedbench/ (so no path here is relative to import.meta.url).
 */
export const ROOT = projectRoot(import.meta.url);
export const SRC = join(ROOT, 'src');
