// The one door from the tests (and bench/) to anything outside this repository: the customer's real
// planning workbook, kept beside the checkout in ../shared/reference/ and never committed here.
// Tests that only need *a* workbook use our own sample workbook (src/plan/sample-plan.ts) instead;
// the few that assert facts about the customer's workbook skip, saying what is missing and where it
// was looked for, when it is absent (e.g. a fresh clone).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file compiles to dist/test/helpers/). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the customer workbook is looked for: `HCI_CUSTOMER_WORKBOOK`, else ../shared/reference/. */
export const customerWorkbookLocation = path.resolve(
  process.env.HCI_CUSTOMER_WORKBOOK ??
    path.join(repoRoot, '..', 'shared', 'reference', 'planning-workbook-template.xlsx'),
);

/** The path of the customer workbook, or undefined when it is not there. */
export function customerWorkbook(): string | undefined {
  return existsSync(customerWorkbookLocation) ? customerWorkbookLocation : undefined;
}

/** Why a test that needs the customer workbook is skipped (false when it is present). */
export function customerWorkbookMissing(): string | false {
  return customerWorkbook()
    ? false
    : `needs the customer's planning workbook, not found at ${customerWorkbookLocation} ` +
        '(put it there or set HCI_CUSTOMER_WORKBOOK to its path)';
}

/** `{ skip }` for node:test: skips the test or suite when the customer workbook is absent. */
export const needsCustomerWorkbook = (): { skip: string | false } => ({ skip: customerWorkbookMissing() });

/** The customer workbook's path; throws the skip reason when it is absent (use under needsCustomerWorkbook). */
export function customerWorkbookPath(): string {
  const file = customerWorkbook();
  if (!file) throw new Error(customerWorkbookMissing() as string);
  return file;
}
