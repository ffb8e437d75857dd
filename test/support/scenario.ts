import { formatScenarioErrors, parseScenarioText, type Scenario } from '../../src/workload/load.js';

/**
 * Parses and validates a scenario written inline in a test; throws an Error listing every
 * formatted validation error, so a broken fixture fails loudly with file:line:column.
 */
export function scenarioFromYaml(yaml: string, file = 'inline.yaml'): Scenario {
  const r = parseScenarioText(yaml, file);
  if (!r.ok) throw new Error(`invalid scenario ${file}:\n${formatScenarioErrors(r.errors)}`);
  return r.scenario;
}

/**
 * The smallest useful scenario: 4 nodes of 4 cores / 16Gi over two zones, one 3-replica service,
 * 60 s long, one seed. Tests that need more write their own YAML or use {@link scenarioYaml}.
 */
export const minimalScenarioYaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: minimal
spec:
  duration: 60s
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 4
        resources: { cpu: 4, memory: 16Gi }
        zones: [a, b]
  workloads:
    - kind: Service
      name: web
      replicas: 3
      resources: { cpu: 500m, memory: 512Mi }
`;

/** Options of {@link scenarioYaml}; every part is YAML text indented as a list item body would be. */
export interface ScenarioYamlParts {
  readonly name?: string;
  readonly duration?: string;
  readonly seeds?: readonly number[];
  /** Node count and per-node resources of the single node group `node` (zones a, b). */
  readonly nodes?: number;
  readonly nodeCpu?: string | number;
  readonly nodeMemory?: string;
  /** YAML list items for spec.workloads, e.g. `- kind: Service\n  name: web\n ...` (unindented; indented for you). */
  readonly workloads?: string;
  /** YAML list items for spec.events (unindented). */
  readonly events?: string;
  /** YAML mapping for spec.engines (unindented). */
  readonly engines?: string;
  /** YAML list items for spec.tenants (unindented). */
  readonly tenants?: string;
}

/**
 * Builds scenario YAML from a few parts, for tests that vary one thing: the cluster is one group
 * `node-0 … node-(n-1)` over zones a and b; workloads, events, tenants and engine overrides are
 * YAML snippets written flush left.
 */
export function scenarioYaml(parts: ScenarioYamlParts = {}): string {
  const indent = (text: string, by: string): string =>
    text
      .trim()
      .split('\n')
      .map((l) => by + l)
      .join('\n');
  const lines = [
    'apiVersion: schedbench/v1',
    'kind: Scenario',
    'metadata:',
    `  name: ${parts.name ?? 'test'}`,
    'spec:',
    `  duration: ${parts.duration ?? '60s'}`,
    `  seeds: [${(parts.seeds ?? [1]).join(', ')}]`,
    '  cluster:',
    '    nodeGroups:',
    '      - name: node',
    `        count: ${parts.nodes ?? 4}`,
    `        resources: { cpu: ${parts.nodeCpu ?? 4}, memory: ${parts.nodeMemory ?? '16Gi'} }`,
    '        zones: [a, b]',
  ];
  if (parts.tenants) lines.push('  tenants:', indent(parts.tenants, '    '));
  if (parts.workloads) lines.push('  workloads:', indent(parts.workloads, '    '));
  if (parts.events) lines.push('  events:', indent(parts.events, '    '));
  if (parts.engines) lines.push('  engines:', indent(parts.engines, '    '));
  return `${lines.join('\n')}\n`;
}
