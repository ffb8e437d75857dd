import { type ScenarioMeta } from './results-folder.js';
import { type Messages } from './i18n/messages.js';

/** A scenario's title in the report's language: its translation, else its English title, else its name. */
export function scenarioTitle(meta: Pick<ScenarioMeta, 'name' | 'title' | 'translations'>, m: Pick<Messages, 'htmlLang'>): string {
  const translated = m.htmlLang === 'en' ? undefined : meta.translations?.[m.htmlLang]?.title;
  return translated || meta.title || meta.name;
}
