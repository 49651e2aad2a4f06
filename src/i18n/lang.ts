// The operator's language and a text in both languages. Pure (no Node modules): workflow code, the
// CLI, the report and activities all import it.

export type Lang = 'zh' | 'en';

export interface Bilingual {
  zh: string;
  en: string;
}

export const LANGS: readonly Lang[] = ['zh', 'en'];

export const say = (lang: Lang, text: Bilingual): string => text[lang];

/**
 * Both languages on one line, Chinese first: for messages printed before the operator's language is
 * known for sure (a bad --lang, a usage error), which must read whichever language they expected.
 */
export const both = (text: Bilingual): string => `${text.zh} / ${text.en}`;

/** Items of a list in a sentence: `a、b` in Chinese, `a, b` in English. */
export const joinList = (items: readonly string[], lang: Lang): string =>
  items.join(lang === 'zh' ? '、' : ', ');

/** Between clauses of one line (`a；b` in Chinese, `a; b` in English). */
export const clauseSeparator = (lang: Lang): string => (lang === 'zh' ? '；' : '; ');
