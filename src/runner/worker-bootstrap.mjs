// Worker-thread entry: registers tsx's loader in this thread, then loads the TypeScript worker.
// Plain JavaScript because a fresh worker thread cannot load .ts before a loader is registered.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./worker.ts');
export default mod.default;
