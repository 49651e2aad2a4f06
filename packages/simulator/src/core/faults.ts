// Fault injection: a rule list (from --faults or PUT /__sim/faults) decides, per call of a named
// point, whether something goes wrong. Counting and randomness are per rule and seeded, so a run
// with the same --seed and the same calls fails the same way.
import { z } from 'zod';
import type { SimFaults } from './contract.js';
import type { Random } from './rng.js';

const faultKinds = [
  'status',
  'reset',
  'delay',
  'hang',
  'fail',
  'drop',
  'expire-tokens',
  // The request takes effect, then the answer is late (`slow-create`, after `delayMs`) or never comes
  // (`lost-reply`: the connection is cut after `delayMs`): a create the client cannot tell happened.
  'slow-create',
  'lost-reply',
] as const;

/** Kinds whose effect comes after the handler ran (the request is applied first). */
export const afterApplyKinds: readonly string[] = ['slow-create', 'lost-reply'];

const faultRuleSchema = z
  .object({
    /** Route name or point glob (`fisheye.*`, `chunk:3`, `installer`, `ssh:smartx`), or a path glob starting with `/`. */
    match: z.string().min(1),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    /** Only on this machine (plan address or loopback). */
    machine: z.string().optional(),
    kind: z.enum(faultKinds),
    status: z.number().int().min(100).max(599).optional(),
    ec: z.string().optional(),
    message: z.string().optional(),
    /** Milliseconds of real time (not scaled by --speed), at most 600000 (10 min). */
    delayMs: z.number().int().min(0).max(600_000).optional(),
    probability: z.number().min(0).max(1).optional(),
    /** Fire at the n-th matching call (1-based), or at each listed call. */
    nth: z.union([z.number().int().min(1), z.array(z.number().int().min(1))]).optional(),
    /** Stop after firing this many times (default: 1 with `nth` as a number, unlimited otherwise). */
    times: z.number().int().min(1).optional(),
    /** For the installer: fraction of progress (0..1) at which it fails or hangs. */
    progress: z.number().min(0).max(1).optional(),
  })
  .strict();

export const faultFileSchema = z.object({ rules: z.array(faultRuleSchema) }).strict();

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultFile = z.infer<typeof faultFileSchema>;

export interface FiredFault {
  kind: FaultRule['kind'];
  status?: number;
  delayMs?: number;
  ec?: string;
  message?: string;
  progress?: number;
  rule: number;
}

interface RuleState {
  rule: FaultRule;
  calls: number;
  fired: number;
  regex: RegExp;
}

interface FaultCall {
  point: string;
  path?: string;
  method?: string;
  machine?: string[];
}

export class FaultEngine implements SimFaults {
  private rules: RuleState[] = [];
  /** Every fault that fired, for /__sim/state (tests assert faults really fired). */
  readonly history: { at: number; rule: number; point: string; kind: string }[] = [];

  constructor(
    private readonly random: Random,
    private readonly now: () => number,
  ) {}

  load(file: FaultFile): void {
    this.rules = file.rules.map((rule) => ({ rule, calls: 0, fired: 0, regex: globToRegex(rule.match) }));
  }

  get current(): FaultFile {
    return { rules: this.rules.map((r) => r.rule) };
  }

  counters(): { match: string; calls: number; fired: number }[] {
    return this.rules.map((r) => ({ match: r.rule.match, calls: r.calls, fired: r.fired }));
  }

  fire(point: string): FiredFault | undefined {
    return this.check({ point });
  }

  /** First rule that matches and decides to fire; all matching rules count the call. */
  check(call: FaultCall): FiredFault | undefined {
    let result: FiredFault | undefined;
    this.rules.forEach((state, index) => {
      const { rule } = state;
      const target = rule.match.startsWith('/') ? call.path : call.point;
      if (target === undefined || !state.regex.test(target)) return;
      if (rule.method && call.method && rule.method !== call.method) return;
      if (rule.machine && !(call.machine ?? []).includes(rule.machine)) return;
      state.calls++;
      if (result) return;
      const limit = rule.times ?? (typeof rule.nth === 'number' ? 1 : Infinity);
      if (state.fired >= limit) return;
      let fires: boolean;
      if (rule.nth !== undefined) {
        const list = Array.isArray(rule.nth) ? rule.nth : [rule.nth];
        fires = list.includes(state.calls);
      } else if (rule.probability !== undefined) {
        fires = this.random() < rule.probability;
      } else {
        fires = true;
      }
      if (!fires) return;
      state.fired++;
      this.history.push({ at: this.now(), rule: index, point: call.path ?? call.point, kind: rule.kind });
      result = {
        kind: rule.kind,
        status: rule.status,
        delayMs: rule.delayMs,
        ec: rule.ec,
        message: rule.message,
        progress: rule.progress,
        rule: index,
      };
    });
    return result;
  }
}

/** `*` matches anything (also `/`), `:name` matches one path segment; everything else is literal. */
function globToRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (
      c === ':' &&
      glob.startsWith('/') &&
      /[A-Za-z_]/.test(glob[i + 1] ?? '') &&
      glob[i - 1] === '/'
    ) {
      while (/[A-Za-z0-9_]/.test(glob[i + 1] ?? '')) i++;
      re += '[^/]+';
    } else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
