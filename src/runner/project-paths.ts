import { join } from 'node:path';
import { projectRoot } from './bundle-cache.mjs';

/**
 * The project's folders, found from this module wherever it runs: from src/ through tsx, or inlined in
 * a bundle under node_modules/.cache/schedbench/ (where bundle-cache.mjs keeps this file's own URL).
 */
export const ROOT = projectRoot(import.meta.url);
export const SRC = join(ROOT, 'src');
