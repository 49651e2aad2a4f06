// How a catalogue message travels inside a plain English text (an activity's failure message, a
// warning an activity returns): the English first, for the Web UI, logs and `temporal`, then a marker
// `[[msg:<key>?<name>=<value>&…]]` the CLI and the report turn back into the operator's language.
// Values are percent-encoded with dots too, so the marker holds no space, colon or dot: the
// workflows' rewording of failure texts (afterRetriesEnded) and their `stage/step: ` prefixes leave
// it intact. Pure: no Node modules.
import { MESSAGES, type MessageKey } from './catalogue.js';
import { fill, type ParamValue } from './template.js';
import { isMessageKey, type ParamArgs } from './translate.js';

export interface CodedMessage {
  key: MessageKey;
  params: Record<string, string>;
}

const MARKER = /\s*\[\[msg:([A-Za-z0-9.]+)\??([^\]\s]*)\]\]/;

const encodeValue = (v: ParamValue) => encodeURIComponent(String(v)).replace(/\./g, '%2E');

/** The marker of a message, to append to its English text. */
export function marker(key: MessageKey, params: Record<string, ParamValue> = {}): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeValue(v)}`)
    .join('&');
  return `[[msg:${key}${query ? `?${query}` : ''}]]`;
}

/**
 * The English text with its marker: what an activity puts in a failure or a warning. A parameter
 * may itself be a `marker(…)` (a detail that is a catalogue message too): the English shows its
 * English, the operator's rendering its translation.
 */
export function coded<K extends MessageKey>(key: K, ...[params]: ParamArgs<K>): string {
  const p = (params ?? {}) as Record<string, ParamValue>;
  return `${english(key, p)} ${marker(key, p)}`;
}

/**
 * Both languages then the marker: for failures a worker's operator reads in its log before any
 * CLI renders them (the secrets a worker cannot find, say).
 */
export function codedBoth<K extends MessageKey>(key: K, ...[params]: ParamArgs<K>): string {
  const p = (params ?? {}) as Record<string, ParamValue>;
  return `${fill(MESSAGES[key].zh, p)} / ${english(key, p)} ${marker(key, p)}`;
}

/** The English a marker's message says (what `coded` puts before the marker). */
export function english(key: MessageKey, params: Record<string, ParamValue>): string {
  const shown: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(params)) {
    const inner = typeof v === 'string' ? decode(v) : undefined;
    shown[k] = inner ? english(inner.key, inner.params) : v;
  }
  return fill(MESSAGES[key].en, shown);
}

/** The message a text carries, with the text before the marker (the English), or undefined. */
export function decode(text: string): (CodedMessage & { before: string; after: string }) | undefined {
  const m = MARKER.exec(text);
  if (!m || !isMessageKey(m[1])) return undefined;
  const params: Record<string, string> = {};
  for (const pair of m[2] ? m[2].split('&') : []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    try {
      params[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
    } catch {
      params[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return { key: m[1], params, before: text.slice(0, m.index), after: text.slice(m.index + m[0].length) };
}

/** The text without its marker (for places that show the English as it is). */
export const stripMarker = (text: string): string => text.replace(new RegExp(MARKER.source, 'g'), '');
