// `{name}` templates with the parameter names checked by the compiler: a message's parameters are
// the placeholders of its English text (the catalogue test checks that zh has the same ones).

/** The placeholder names of a template string, as a union. */
export type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? (P extends `${string}${' ' | '"' | ':'}${string}` ? never : P) | ParamNames<Rest>
  : never;

export type ParamValue = string | number;

/** The parameters a template needs (none: an empty object). */
export type ParamsOf<S extends string> = [ParamNames<S>] extends [never]
  ? Record<string, never>
  : Record<ParamNames<S>, ParamValue>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholder names of a template, at run time (for the catalogue test and the decoder). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
}

/** Fills `{name}` from params; a missing parameter stays as `{name}` (visible, never `undefined`). */
export function fill(template: string, params: Record<string, ParamValue | undefined>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
