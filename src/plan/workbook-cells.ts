import type { Workbook } from 'exceljs';
import {
  normalizeSecretText,
  normalizeText,
  plainReference,
  rawCellText,
  type RawCellText,
} from './cell-text.js';
import type { CellRef, IssueCollector } from './issues.js';
import { PlanReadError } from './issues.js';

/**
 * Read access to the cells of an already loaded workbook. Formulas without a cached result that are
 * plain references (主机规划!C3 = 虚拟网络!B3, see FACTS.md) are followed; other such formulas read
 * as empty with a warning, once per cell.
 */
export class WorkbookCells {
  readonly #warned = new Set<string>();

  constructor(
    private readonly workbook: Workbook,
    private readonly issues: IssueCollector,
  ) {}

  /** Throws PlanReadError when a sheet is absent: without it the plan cannot be read at all. */
  requireSheets(names: readonly string[]): void {
    for (const name of names) {
      if (!this.workbook.getWorksheet(name)) throw new PlanReadError('missing-sheet', name);
    }
  }

  /** Normalized text ('' when empty). */
  text(ref: CellRef): string {
    return normalizeText(this.resolve(ref, 0).text);
  }

  /** Password text: only invisible characters and surrounding spaces removed. */
  secretText(ref: CellRef): string {
    return normalizeSecretText(this.resolve(ref, 0).text);
  }

  /** The cached text as stored, without following references (for consistency checks). */
  cachedText(ref: CellRef): string {
    return normalizeText(this.raw(ref).text);
  }

  private raw(ref: CellRef): RawCellText {
    const sheet = this.workbook.getWorksheet(ref.sheet);
    if (!sheet) return { text: '' };
    return rawCellText(sheet.getCell(ref.cell).value);
  }

  private resolve(ref: CellRef, depth: number): RawCellText {
    const raw = this.raw(ref);
    if (raw.formulaWithoutResult === undefined) return raw;
    const target = plainReference(raw.formulaWithoutResult);
    const targetSheet = target?.sheet ?? ref.sheet;
    // Only references into the loaded sheets can be followed (loadPlan loads the plan sheets only).
    if (target && depth < 8 && this.workbook.getWorksheet(targetSheet)) {
      return this.resolve({ sheet: targetSheet, cell: target.cell }, depth + 1);
    }
    const key = `${ref.sheet}!${ref.cell}`;
    if (!this.#warned.has(key)) {
      this.#warned.add(key);
      this.issues.warn(ref, 'formula-no-result', { value: `=${raw.formulaWithoutResult}` });
    }
    return { text: '' };
  }
}
