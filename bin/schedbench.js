#!/usr/bin/env node
// Entry point of the `schedbench` command. The project runs its TypeScript sources through tsx,
// so there is no build step that could go stale; worker threads get the same loader (runner/pool.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
