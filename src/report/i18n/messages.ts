import { en, type Messages } from './en.js';
import { zhCN } from './zh-CN.js';

export { type Messages } from './en.js';

/** Languages the report is written in. */
export type ReportLang = 'en' | 'zh-CN';

/** The message catalogue of a language. */
export function messagesFor(lang: ReportLang): Messages {
  return lang === 'zh-CN' ? zhCN : en;
}

/** File name suffix of a language: report.md for English, report.zh-CN.md otherwise. */
export function langSuffix(lang: ReportLang): string {
  return lang === 'en' ? '' : `.${lang}`;
}
