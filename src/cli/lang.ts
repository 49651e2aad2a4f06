export type Lang = 'zh' | 'en';

/** Operators are Chinese-speaking field engineers: Chinese unless --lang en or HCI_LANG=en. */
export function pickLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  const value = (flag ?? env.HCI_LANG ?? 'zh').toLowerCase();
  if (value === 'zh' || value === 'en') return value;
  throw new Error(`--lang must be zh or en (got "${value}")`);
}

export interface Bilingual {
  zh: string;
  en: string;
}

export const say = (lang: Lang, text: Bilingual): string => text[lang];
