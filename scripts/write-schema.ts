// Writes scenarios/schema.json from the zod schema (`npm run schema`). A test fails when the
// committed file is stale, so run this after every change to src/workload/schema.ts.
import { writeFileSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/workload/json-schema.js';

const target = fileURLToPath(new URL('../scenarios/schema.json', import.meta.url));
const temp = `${target}.tmp`;
// Temp file then rename, as for every output of the project (DESIGN.md §7).
writeFileSync(temp, scenarioJsonSchemaText());
renameSync(temp, target);
console.log(`wrote ${target}`);
