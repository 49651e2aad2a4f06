import stringWidth from 'string-width';

// Chinese characters take two terminal columns: padding by String.length misaligns every table
// that mixes them with ASCII, so pad by display width.

/** `text` padded with spaces to `width` terminal columns (never cut). */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** Rows of cells as aligned columns, two spaces apart; the last column is not padded. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : padDisplay(cell, widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
