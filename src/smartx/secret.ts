// Credentials travel as `SecretLike` values so that the plain text is only produced at the moment a
// request body or an SSH stdin needs it, and never by accident in a log line or an error message.

/** Anything that can hand out a secret on request (e.g. the plan's `Secret` class). */
export interface SecretLike {
  reveal(): string;
}

/** A password as callers may pass it: a secret holder or, for constants and tests, a plain string. */
export type PasswordInput = SecretLike | string;

/** Plain text of a password; call it only where the value goes on the wire. */
export function revealPassword(input: PasswordInput): string {
  return typeof input === 'string' ? input : input.reveal();
}

/** Wraps a plain string so it prints as `[redacted]` in logs, JSON and `util.inspect`. */
export class SecretValue implements SecretLike {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'SecretValue([redacted])';
  }
}
