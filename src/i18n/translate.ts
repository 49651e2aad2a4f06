// Rendering a catalogue key in one language, with the compiler checking the parameters.
import { MESSAGES, type MessageKey } from './catalogue.js';
import type { Bilingual, Lang } from './lang.js';
import { both } from './lang.js';
import { fill, type ParamsOf, type ParamValue } from './template.js';

export type MessageParams<K extends MessageKey> = ParamsOf<(typeof MESSAGES)[K]['en']>;

/** Arguments after the key: the parameters, omitted when the message has none. */
export type ParamArgs<K extends MessageKey> =
  MessageParams<K> extends Record<string, never> ? [params?: MessageParams<K>] : [params: MessageParams<K>];

/** The message in one language. */
export function t<K extends MessageKey>(lang: Lang, key: K, ...[params]: ParamArgs<K>): string {
  return fill(MESSAGES[key][lang], params ?? {});
}

/** The message in both languages (see `both`). */
export function tBoth<K extends MessageKey>(key: K, ...args: ParamArgs<K>): string {
  return both(bilingual(key, ...args));
}

export function bilingual<K extends MessageKey>(key: K, ...[params]: ParamArgs<K>): Bilingual {
  const p = (params ?? {}) as Record<string, ParamValue>;
  return { zh: fill(MESSAGES[key].zh, p), en: fill(MESSAGES[key].en, p) };
}

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(MESSAGES, key);
