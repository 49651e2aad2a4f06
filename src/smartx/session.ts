// A login-once, renew-on-401 token holder shared by the clients that hold a session
// (Fisheye `x-smartx-token`, CloudTower REST `Authorization`, CloudTower GraphQL token + cookie).
import type { SessionAuth } from './http.js';

export class TokenSession implements SessionAuth {
  private token?: string;
  private pending?: Promise<string>;

  constructor(
    private readonly login: () => Promise<string>,
    private readonly toHeaders: (token: string) => Record<string, string>,
  ) {}

  /** The current token, if a login happened (for secret scrubbing; never log it). */
  get current(): string | undefined {
    return this.token;
  }

  /** Adopts a token obtained elsewhere (e.g. handed over between activities). */
  set(token: string): void {
    this.token = token;
  }

  async ensure(): Promise<string> {
    if (this.token) return this.token;
    // Concurrent callers share one login instead of racing several.
    this.pending ??= this.login()
      .then((t) => {
        this.token = t;
        return t;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  async headers(): Promise<Record<string, string>> {
    return this.toHeaders(await this.ensure());
  }

  async renew(): Promise<void> {
    this.token = undefined;
    await this.ensure();
  }
}
