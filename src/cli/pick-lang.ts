import { tBoth, type Lang } from '../i18n/index.js';

/** Operators are Chinese-speaking field engineers: Chinese unless --lang en or HCI_LANG=en. */
export function pickLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  const value = (flag ?? env.HCI_LANG ?? 'zh').toLowerCase();
  if (value === 'zh' || value === 'en') return value;
  throw new Error(`${tBoth('cli.badLang')} (got "${value}")`);
}
