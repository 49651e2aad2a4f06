import type { CellValue } from 'exceljs';

// Turning what a hand-filled cell holds into the text the rules check. Field engineers type on
// Chinese keyboards, paste from chat tools and e-mail, so values arrive with full-width digits and
// punctuation (１０．０．２０．１１, "，"), non-breaking or ideographic spaces and zero-width
// characters. NFKC folds the full-width forms to ASCII and the odd spaces to U+0020.

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Normalized text of an ordinary cell: NFKC, no zero-width characters, spaces collapsed, trimmed. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
}

/**
 * Normalized text of a password cell. Only invisible characters and surrounding spaces go: a password
 * may legitimately hold characters NFKC would change, and changing them silently would lock the
 * engineer out. Non-ASCII passwords are reported as a warning instead (see read-hosts.ts).
 */
export function normalizeSecretText(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(/^[\s\u00A0\u3000]+|[\s\u00A0\u3000]+$/g, '');
}

/** Key for comparing dropdown values: normalized, spaces removed, case folded. */
export const choiceKey = (s: string): string => normalizeText(s).replace(/ /g, '').toLowerCase();

/** What a cell holds, before normalization. */
export interface RawCellText {
  text: string;
  /** Set when the cell is a formula whose result was not saved in the file. */
  formulaWithoutResult?: string;
}

/** Text of an exceljs cell value; formulas give their cached result. */
export function rawCellText(value: CellValue): RawCellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: value.toISOString() };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) {
    // exceljs may hand the hyperlink text over as rich text as well.
    const inner = value.text as unknown as CellValue;
    return rawCellText(inner);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) {
      return {
        text: '',
        formulaWithoutResult: value.formula ?? ('sharedFormula' in value ? value.sharedFormula : ''),
      };
    }
    if (typeof result === 'object' && !(result instanceof Date)) return { text: '' }; // #REF! and friends
    return rawCellText(result);
  }
  return { text: '' }; // error values (#N/A ...) read as empty
}

/**
 * The target of a formula that is a plain reference (`虚拟网络!B3`, `'Sheet 1'!$B$3`, `B3`), so a
 * missing cached result can be recomputed. Anything else is not evaluated.
 */
export function plainReference(formula: string): { sheet?: string; cell: string } | undefined {
  const m = /^=?(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(formula.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, cell: `${m[3]}${m[4]}` };
}
