// Human names of the steps (activity types) for the report: the catalogue's (src/i18n/names.ts).
// The code name stays beside it in the report so a reader can find the step in the Web UI.
export { stepLabel as stepName } from '../i18n/index.js';
