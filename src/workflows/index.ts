export { bringUpWorkflow } from './bringup.js';
export type { BringUpInput, BringUpResult } from './bringup.js';
