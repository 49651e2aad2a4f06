import { choiceKey } from './cell-text.js';
import { parseCidr, parseIpv4, type Cidr } from './ipv4.js';
import { refText, type CellRef, type IssueCollector } from './issues.js';
import type { LocalizedText, RuleId } from './messages.js';
import { nicNameSchema, vlanIdSchema } from './schemas.js';
import { Secret } from './secret.js';
import type { WorkbookCells } from './workbook-cells.js';

/** A value read from a cell, with the cell it came from (for later cross-field rules). */
export interface Located<T> {
  ref: CellRef;
  value: T;
}

export interface Choice<T extends string> {
  /** The dropdown text as in the template. */
  label: string;
  value: T;
}

/**
 * Typed reads of single cells. Each method reports its own problem (required, format) and returns
 * undefined for a missing or invalid value, so reading goes on and all errors come out at once.
 */
export class FieldReader {
  constructor(
    readonly cells: WorkbookCells,
    readonly issues: IssueCollector,
  ) {}

  has(ref: CellRef): boolean {
    return this.cells.text(ref) !== '';
  }

  text(ref: CellRef, field: LocalizedText, opts: { required?: boolean } = {}): Located<string> | undefined {
    const value = this.cells.text(ref);
    if (value === '') {
      if (opts.required) this.issues.error(ref, 'required', { field });
      return undefined;
    }
    return { ref, value };
  }

  /** Text with a FACTS.md default for an empty cell; the default is reported. */
  textOr(ref: CellRef, field: LocalizedText, fallback: string): Located<string> {
    const value = this.cells.text(ref);
    if (value !== '') return { ref, value };
    this.issues.defaulted(ref, { field, value: fallback });
    return { ref, value: fallback };
  }

  ip(ref: CellRef, field: LocalizedText, opts: { required?: boolean } = {}): Located<string> | undefined {
    const found = this.text(ref, field, opts);
    if (!found) return undefined;
    const n = parseIpv4(found.value);
    if (n === undefined) {
      this.issues.error(ref, 'ipv4-format', { field, value: found.value });
      return undefined;
    }
    return found;
  }

  cidr(ref: CellRef, field: LocalizedText, opts: { required?: boolean } = {}): Located<Cidr> | undefined {
    const found = this.text(ref, field, opts);
    if (!found) return undefined;
    const parsed = parseCidr(found.value.replace(/ /g, ''));
    if (!parsed) {
      this.issues.error(ref, 'cidr-format', { field, value: found.value });
      return undefined;
    }
    if (parsed.hostBitsSet) {
      this.issues.error(ref, 'cidr-network', { field, value: found.value, suggestion: parsed.cidr.text });
      return undefined;
    }
    return { ref, value: parsed.cidr };
  }

  vlan(
    ref: CellRef,
    field: LocalizedText,
    opts: { required?: boolean; fallback?: number } = {},
  ): Located<number> | undefined {
    const raw = this.cells.text(ref);
    if (raw === '') {
      if (opts.fallback !== undefined) {
        this.issues.defaulted(ref, { field, value: String(opts.fallback) });
        return { ref, value: opts.fallback };
      }
      if (opts.required) this.issues.error(ref, 'required', { field });
      return undefined;
    }
    const parsed = /^\d+$/.test(raw) ? vlanIdSchema.safeParse(raw) : undefined;
    if (!parsed?.success) {
      this.issues.error(ref, 'vlan-range', { field, value: raw });
      return undefined;
    }
    return { ref, value: parsed.data };
  }

  choice<T extends string>(
    ref: CellRef,
    field: LocalizedText,
    choices: readonly Choice<T>[],
    opts: { required?: boolean; fallback?: Choice<T>; rule?: RuleId } = {},
  ): Located<Choice<T>> | undefined {
    const raw = this.cells.text(ref);
    if (raw === '') {
      if (opts.fallback) {
        this.issues.defaulted(ref, { field, value: opts.fallback.label });
        return { ref, value: opts.fallback };
      }
      if (opts.required) this.issues.error(ref, 'required', { field });
      return undefined;
    }
    const hit = choices.find((c) => choiceKey(c.label) === choiceKey(raw));
    if (!hit) {
      const allowed = choices.map((c) => c.label).join(', ');
      this.issues.error(ref, opts.rule ?? 'enum-value', { field, value: raw, allowed });
      return undefined;
    }
    return { ref, value: hit };
  }

  /** NIC list: separated by commas, semicolons, Chinese enumeration commas, slashes or spaces. */
  nics(ref: CellRef, vds: string, opts: { required?: boolean } = {}): Located<string[]> | undefined {
    const raw = this.cells.text(ref);
    if (raw === '') {
      if (opts.required) this.issues.error(ref, 'nics-required', { vds });
      return undefined;
    }
    const names = raw.split(/[,;、/ ]+/).filter((s) => s !== '');
    const bad = names.find((n) => !nicNameSchema.safeParse(n).success);
    if (bad !== undefined || names.length === 0) {
      this.issues.error(ref, 'nic-format', { value: bad ?? raw });
      return undefined;
    }
    return { ref, value: names };
  }

  /**
   * Password; `fallback` is a FACTS.md default (reported, its value never shown). An empty cell that
   * falls back is a warning naming the cell (issue 14): the appliance's factory default will be used.
   */
  secret(
    ref: CellRef,
    field: LocalizedText,
    opts: { fallback?: string; defaultRule?: 'password-default' | 'cloudtower-password-default' } = {},
  ): Located<Secret> | undefined {
    const value = this.cells.secretText(ref);
    if (value === '') {
      if (opts.fallback !== undefined) {
        this.issues.warn(ref, opts.defaultRule ?? 'password-default', { field, other: refText(ref) });
        this.issues.defaulted(ref, { field });
        return { ref, value: new Secret(opts.fallback) };
      }
      this.issues.error(ref, 'password-required', { field });
      return undefined;
    }
    if (/[^\x20-\x7E]/.test(value)) this.issues.warn(ref, 'password-charset', { field });
    return { ref, value: new Secret(value) };
  }
}
