import { parameterLabel } from '../report/parameter-label.js';
import { formatDuration, toSeconds } from '../runner/duration-text.js';
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
    nodes: (n: number, groups: string) => `${n} ${n === 1 ? 'node' : 'nodes'}: ${groups}.`,
    named: (n: number) => (n === 1 ? 'one named node' : `${n} named nodes`),
    tenants: (list: string) => `Tenants: ${list}.`,
    tenant: (name: string, weight: number) => `${name} (weight ${weight})`,
    service: (name: string, replicas: number, shape: string) => `service ${name}: ${replicas === 1 ? 'one replica' : `${replicas} replicas`} of ${shape}`,
    batchStream: (name: string, every: string, tasks: string, shape: string) =>
      `batch ${name}: jobs every ${every} on average (Poisson), ${tasks} per job, ${shape} per task`,
    batchOne: (name: string, tasks: string, shape: string) => `batch ${name}: one job of ${tasks}, ${shape} per task`,
    distributed: (kind: string) => `a number of tasks drawn from a ${kind} distribution`,
    count: (n: number) => (n === 1 ? 'one task' : `${n} tasks`),
    trace: (name: string, format: string, file: string) => `trace ${name} (${format}, ${file})`,
    workloads: (list: string) => `Workloads: ${list}.`,
    event: (kind: string, at: string) => `${EN_EVENTS[kind] ?? kind} at ${at}`,
    events: (list: string) => `Events: ${list}.`,
    overrides: (list: string) => `Engine settings changed from their defaults: ${list}.`,
    setting: (label: string, value: string) => `${label} ${value}`,
    defaults: 'Every engine runs with its real-world defaults.',
    sweep: (p: string, values: string) => `Sweep: ${p} over ${values}.`,
    horizon: (d: string, s: number) => `Horizon ${d} (${s} s of virtual time).`,
    sep: '; ',
    listSep: ', ',
    join: ' ',
    group: (count: number, name: string, details: string) => `${count} × ${name} (${details})`,
    detailSep: ', ',
  },
  'zh-CN': {
    nodes: (n: number, groups: string) => `${n} 个节点：${groups}。`,
    named: (n: number) => `${n} 个具名节点`,
    tenants: (list: string) => `租户：${list}。`,
    tenant: (name: string, weight: number) => `${name}（权重 ${weight}）`,
    service: (name: string, replicas: number, shape: string) => `服务 ${name}：${replicas} 个副本，每个 ${shape}`,
    batchStream: (name: string, every: string, tasks: string, shape: string) =>
      `批处理 ${name}：平均每 ${every} 提交一个作业（泊松到达），每个作业${tasks}，每个任务 ${shape}`,
    batchOne: (name: string, tasks: string, shape: string) => `批处理 ${name}：一个作业，${tasks}，每个任务 ${shape}`,
    distributed: (kind: string) => `任务数服从${ZH_DISTRIBUTIONS[kind] ?? kind}分布`,
    count: (n: number) => ` ${n} 个任务`,
    trace: (name: string, format: string, file: string) => `轨迹 ${name}（${format}，${file}）`,
    workloads: (list: string) => `工作负载：${list}。`,
    event: (kind: string, at: string) => `${at} 时${ZH_EVENTS[kind] ?? kind}`,
    events: (list: string) => `事件：${list}。`,
    overrides: (list: string) => `相对默认值修改的引擎设置：${list}。`,
    setting: (label: string, value: string) => `${label} 为 ${value}`,
    defaults: '所有引擎都使用各自真实系统的默认值。',
    sweep: (p: string, values: string) => `参数扫描：${p} 取 ${values}。`,
    horizon: (d: string, s: number) => `模拟时长 ${d}（${s} 秒模拟时间）。`,
    sep: '；',
    listSep: '、',
    join: '',
    group: (count: number, name: string, details: string) => `${count} × ${name}（${details}）`,
    detailSep: '，',
  },
} as const;

/** English names of the event kinds (a node crash, not a bare "crash"). */
const EN_EVENTS: Readonly<Record<string, string>> = {
  crash: 'node crash',
  recover: 'node recovery',
  partition: 'network partition',
  heal: 'partition healed',
  scale: 'scale change',
  rollout: 'rollout',
  burst: 'burst of jobs',
  'scheduler-crash': 'scheduler crash',
};

/**
 * The leaves of an engine's override object as (path, value) pairs, paths joined with dots:
 * `{ thinkTimes: { service: { tJob: '100ms' } } }` → `thinkTimes.service.tJob`, `100ms`.
 */
function leaves(value: unknown, path: string): [string, string][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, Array.isArray(value) ? value.map(String).join(', ') : String(value)]];
}

/** Chinese names of the distributions and event kinds used in the setup paragraph. */
const ZH_DISTRIBUTIONS: Readonly<Record<string, string>> = {
  uniform: '均匀',
  exponential: '指数',
  normal: '正态',
  lognormal: '对数正态',
  empirical: '经验',
  constant: '常数',
};
const ZH_EVENTS: Readonly<Record<string, string>> = {
  crash: '节点崩溃',
  recover: '节点恢复',
  partition: '网络分区',
  heal: '分区恢复',
  scale: '扩缩容',
  rollout: '滚动更新',
  burst: '突发提交',
  'scheduler-crash': '调度器崩溃',
};

/**
 * One paragraph that states a scenario's setup for the report, in English or Chinese: cluster,
 * tenants, workloads, events and the engine settings it overrides. Built from the validated
 * document only.
 */
export function describeSetup(doc: ScenarioDoc, lang: SetupLang = 'en'): string {
  const t = PHRASES[lang];
  const s = doc.spec;
  const shape = (cpu: number, memory: number): string => `${cores(cpu)}/${gib(memory)}`;
  const groups = s.cluster.nodeGroups.map((g) => {
    const details = [cores(g.resources.cpu), gib(g.resources.memory)];
    if (g.resources.gpu) details.push(`${g.resources.gpu} GPU`);
    if (Object.keys(g.labels).length)
      details.push(
        Object.entries(g.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
      );
    return t.group(g.count, g.name, details.join(t.detailSep));
  });
  if (s.cluster.nodes.length) groups.push(t.named(s.cluster.nodes.length));
  const nodeCount = s.cluster.nodeGroups.reduce((n, g) => n + g.count, 0) + s.cluster.nodes.length;
  const parts: string[] = [t.nodes(nodeCount, groups.join(t.listSep))];
  if (s.tenants.length > 1) parts.push(t.tenants(s.tenants.map((x) => t.tenant(x.name, x.weight)).join(t.listSep)));
  const workloads = s.workloads.map((w) => {
    switch (w.kind) {
      case 'Service':
        return t.service(w.name, w.replicas, shape(w.resources.cpu, w.resources.memory));
      case 'BatchJob': {
        const tasks = w.tasks.kind === 'constant' ? t.count(w.tasks.value) : t.distributed(w.tasks.kind);
        return w.arrivals
          ? t.batchStream(w.name, formatDuration(w.arrivals.meanInterArrival), tasks, shape(w.resources.cpu, w.resources.memory))
          : t.batchOne(w.name, tasks, shape(w.resources.cpu, w.resources.memory));
      }
      case 'Trace':
        return t.trace(w.name, w.format, w.file);
    }
  });
  if (workloads.length) parts.push(t.workloads(workloads.join(t.sep)));
  if (s.events.length) parts.push(t.events(s.events.map((e) => t.event(e.kind, formatDuration(e.at))).join(t.listSep)));
  const overrides = Object.entries(s.engines).filter(([, o]) => Object.keys(o).length > 0);
  if (overrides.length) {
    const settings = overrides.flatMap(([e, o]) => leaves(o, '').map(([path, value]) => t.setting(parameterLabel(`spec.engines.${e}.${path}`, lang), value)));
    parts.push(t.overrides(settings.join(t.sep)));
  } else parts.push(t.defaults);
  if (s.sweep) parts.push(t.sweep(parameterLabel(s.sweep.parameter, lang), s.sweep.values.map(String).join(t.listSep)));
  parts.push(t.horizon(formatDuration(s.duration), toSeconds(s.duration)));
  return parts.join(t.join);
}
