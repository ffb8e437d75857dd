import { formatDuration } from '../sim/duration.js';
import { toSeconds } from '../sim/time.js';
import { type ScenarioDoc } from '../workload/schema.js';

/** Languages the setup paragraph is written in. */
export type SetupLang = 'en' | 'zh-CN';

function cores(millis: number): string {
  return `${+(millis / 1000).toFixed(3)} CPU`;
}

function gib(bytes: number): string {
  return `${+(bytes / 2 ** 30).toFixed(2)} GiB`;
}

/** The phrases of the setup paragraph, per language. */
const PHRASES = {
  en: {
    nodes: (n: number, groups: string) => `${n} nodes: ${groups}.`,
    named: (n: number) => `${n} named node(s)`,
    tenants: (list: string) => `Tenants: ${list}.`,
    tenant: (name: string, weight: number) => `${name} (weight ${weight})`,
    service: (name: string, replicas: number, shape: string) => `service ${name}: ${replicas} replicas of ${shape}`,
    batchStream: (name: string, every: string, tasks: string, shape: string) => `batch ${name}: jobs every ${every} on average (Poisson), ${tasks} task(s) of ${shape}`,
    batchOne: (name: string, tasks: string, shape: string) => `batch ${name}: one job, ${tasks} task(s) of ${shape}`,
    distributed: (kind: string) => `${kind}-distributed`,
    trace: (name: string, format: string, file: string) => `trace ${name} (${format}, ${file})`,
    workloads: (list: string) => `Workloads: ${list}.`,
    event: (kind: string, at: string) => `${kind} at ${at}`,
    events: (list: string) => `Events: ${list}.`,
    overrides: (list: string) => `Engine settings changed from their defaults: ${list}.`,
    defaults: 'Every engine runs with its real-world defaults.',
    sweep: (p: string, values: string) => `Sweep: ${p} over ${values}.`,
    horizon: (d: string, s: number) => `Horizon ${d} (${s} s of virtual time).`,
    sep: '; ',
    listSep: ', ',
    join: ' ',
  },
  'zh-CN': {
    nodes: (n: number, groups: string) => `${n} 个节点：${groups}。`,
    named: (n: number) => `${n} 个具名节点`,
    tenants: (list: string) => `租户：${list}。`,
    tenant: (name: string, weight: number) => `${name}（权重 ${weight}）`,
    service: (name: string, replicas: number, shape: string) => `服务 ${name}：${replicas} 个副本，每个 ${shape}`,
    batchStream: (name: string, every: string, tasks: string, shape: string) => `批处理 ${name}：平均每 ${every} 提交一个作业（泊松到达），每个作业 ${tasks} 个任务，每个任务 ${shape}`,
    batchOne: (name: string, tasks: string, shape: string) => `批处理 ${name}：一个作业，${tasks} 个任务，每个任务 ${shape}`,
    distributed: (kind: string) => `按 ${kind} 分布`,
    trace: (name: string, format: string, file: string) => `轨迹 ${name}（${format}，${file}）`,
    workloads: (list: string) => `工作负载：${list}。`,
    event: (kind: string, at: string) => `${at} 时 ${kind}`,
    events: (list: string) => `事件：${list}。`,
    overrides: (list: string) => `相对默认值修改的引擎设置：${list}。`,
    defaults: '所有引擎都使用其真实系统的默认值。',
    sweep: (p: string, values: string) => `参数扫描：${p} 取 ${values}。`,
    horizon: (d: string, s: number) => `仿真时长 ${d}（${s} 秒虚拟时间）。`,
    sep: '；',
    listSep: '、',
    join: '',
  },
} as const;

/**
 * One paragraph that states a scenario's setup for the report, in English or Chinese: cluster,
 * tenants, workloads, events and the engine settings it overrides. Built from the validated
 * document only.
 */
export function describeSetup(doc: ScenarioDoc, lang: SetupLang = 'en'): string {
  const t = PHRASES[lang];
  const s = doc.spec;
  const shape = (cpu: number, memory: number): string => `${cores(cpu)}/${gib(memory)}`;
  const groups = s.cluster.nodeGroups.map(
    (g) =>
      `${g.count} × ${g.name} (${cores(g.resources.cpu)}, ${gib(g.resources.memory)}${g.resources.gpu ? `, ${g.resources.gpu} GPU` : ''}${
        Object.keys(g.labels).length ? `, ${Object.entries(g.labels).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''
      })`,
  );
  if (s.cluster.nodes.length) groups.push(t.named(s.cluster.nodes.length));
  const nodeCount = s.cluster.nodeGroups.reduce((n, g) => n + g.count, 0) + s.cluster.nodes.length;
  const parts: string[] = [t.nodes(nodeCount, groups.join(t.listSep))];
  if (s.tenants.length > 1) parts.push(t.tenants(s.tenants.map((x) => t.tenant(x.name, x.weight)).join(t.listSep)));
  const workloads = s.workloads.map((w) => {
    switch (w.kind) {
      case 'Service':
        return t.service(w.name, w.replicas, shape(w.resources.cpu, w.resources.memory));
      case 'BatchJob': {
        const tasks = w.tasks.kind === 'constant' ? String(w.tasks.value) : t.distributed(w.tasks.kind);
        return w.arrivals ? t.batchStream(w.name, formatDuration(w.arrivals.meanInterArrival), tasks, shape(w.resources.cpu, w.resources.memory)) : t.batchOne(w.name, tasks, shape(w.resources.cpu, w.resources.memory));
      }
      case 'Trace':
        return t.trace(w.name, w.format, w.file);
    }
  });
  if (workloads.length) parts.push(t.workloads(workloads.join(t.sep)));
  if (s.events.length) parts.push(t.events(s.events.map((e) => t.event(e.kind, formatDuration(e.at))).join(t.listSep)));
  const overrides = Object.entries(s.engines).filter(([, o]) => Object.keys(o).length > 0);
  if (overrides.length) {
    parts.push(t.overrides(overrides.map(([e, o]) => `${e} ${Object.entries(o).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(t.listSep)}`).join(t.sep)));
  } else parts.push(t.defaults);
  if (s.sweep) parts.push(t.sweep(s.sweep.parameter, s.sweep.values.map(String).join(t.listSep)));
  parts.push(t.horizon(formatDuration(s.duration), toSeconds(s.duration)));
  return parts.join(t.join);
}
