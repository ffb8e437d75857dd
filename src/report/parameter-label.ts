/**
 * Human names for scenario option paths such as `spec.engines.mesos.thinkTimes.service.tJob`, for
 * sweep axes, table headers and the setup paragraph: a reader of a slide should see "Mesos service
 * framework t_job", not the YAML path. Paths the report knows get a phrase per language; any other
 * path is spelt out word by word (camelCase split, engine names capitalised), so a new option still
 * reads as words (in Chinese, whose report has no English words, the option's own name is kept,
 * as data, after the engine). Pure function of the path.
 */
export type LabelLang = 'en' | 'zh-CN';

/** Display names of the engines (an engine not listed keeps its own name, capitalised). */
const ENGINE_NAMES: Readonly<Record<string, string>> = { mesos: 'Mesos', kubernetes: 'Kubernetes', oracle: 'oracle', borg: 'Borg', omega: 'Omega' };

/** The Omega paper's decision-time symbols, written as in the paper. */
const SYMBOLS: Readonly<Record<string, string>> = { tJob: 't_job', tTask: 't_task' };

/** The display name of an engine. */
export function engineName(engine: string): string {
  return ENGINE_NAMES[engine] ?? (engine.length > 0 ? `${(engine[0] as string).toUpperCase()}${engine.slice(1)}` : engine);
}

/** One path segment as words: `agentPingTimeout` → `agent ping timeout`, `tJob` → `t_job`. */
function words(segment: string): string {
  return (
    SYMBOLS[segment] ??
    segment
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[_-]+/g, ' ')
      .toLowerCase()
  );
}

/** The label of an option path in the given language. */
export function parameterLabel(path: string, lang: LabelLang = 'en'): string {
  const parts = path
    .replace(/^spec\./, '')
    .split('.')
    .filter((p) => p !== '');
  if (parts[0] === 'engines' && parts.length >= 3) {
    const engine = engineName(parts[1] as string);
    const rest = parts.slice(2);
    if (rest[0] === 'thinkTimes' && rest.length === 3) {
      const framework = rest[1] as string;
      const symbol = words(rest[2] as string);
      // Omega's think times belong to its schedulers (a group of them), Mesos's to its frameworks.
      const scheduler = parts[1] === 'omega';
      if (lang === 'zh-CN') return `${engine} ${framework} ${scheduler ? '调度器' : '框架'}的 ${symbol}`;
      return `${engine} ${framework} ${scheduler ? 'scheduler' : 'framework'} ${symbol}`;
    }
    return lang === 'zh-CN' ? `${engine} 设置 ${rest.join('.')}` : `${engine} ${rest.map(words).join(' ')}`;
  }
  return lang === 'zh-CN' ? parts.join('.') : parts.map(words).join(' ');
}
