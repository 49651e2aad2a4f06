import { inspect } from 'node:util';

const MASK = '******';

/**
 * A password read from the workbook. Every way a value usually leaks (string interpolation, JSON,
 * console.log / util.inspect, Temporal payload conversion via JSON) prints the mask instead, so the
 * clear text can only be obtained by an explicit, greppable `reveal()`.
 */
export class Secret {
  // A private field (not a property) so spreading or Object.entries() cannot copy the value either.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  /** True when the secret holds an empty string (a missing password). */
  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return MASK;
  }

  static readonly mask = MASK;
}
