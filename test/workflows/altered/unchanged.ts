// The same workflows as src/workflows, bundled from here exactly as extra-step.ts is: the negative
// control's own control, so a failed replay of extra-step.ts is known to come from its change and
// not from bundling a module outside src/workflows.
export { bringUpWorkflow, obsWorkflow, backupWorkflow } from '../../../src/workflows/index.js';
