// The report's only stylesheet, inlined in the page: system fonts (no web fonts), screen and print.
export const STYLE = `
:root { --ink:#1d2733; --muted:#5b6878; --line:#d5dbe3; --band:#f4f6f9; --accent:#2563eb;
  --ok:#15803d; --warn:#c2410c; --bad:#b91c1c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1080px; padding: 24px 28px 48px; color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
.sub { color: var(--muted); margin: 0 0 12px; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 10px; font-weight: 600; color: #fff; background: var(--muted); }
.badge.succeeded, .badge.done, .badge.completed { background: var(--ok); }
.badge.failed { background: var(--bad); }
.badge.completed-with-failures { background: var(--warn); }
.badge.stopped, .badge.running { background: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--band); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; word-break: break-all; }
.kv th { width: 30%; }
code.code-name { color: var(--muted); font-size: 11px; }
.status-done, .status-completed, .ok { color: var(--ok); }
.status-failed, .status-timed-out, .bad { color: var(--bad); font-weight: 600; }
.status-skipped, .status-pending { color: var(--muted); }
.status-awaiting-approval, .warn { color: var(--warn); }
ul.warnings li { color: var(--warn); }
.error { border-left: 4px solid var(--bad); background: #fdf2f2; padding: 8px 12px; }
.legend { color: var(--muted); font-size: 12.5px; }
svg.timeline { display: block; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
svg .band { fill: var(--band); }
svg .lane { font-size: 12px; fill: var(--ink); }
svg .axis { font-size: 10px; fill: var(--muted); text-anchor: middle; }
svg .tick { stroke: var(--line); stroke-width: 1; }
svg .phase.run { fill: #bfd3fb; }
svg .phase.approval { fill: #fdba74; }
svg .phase.failed { fill: #fca5a5; }
svg .step { fill: var(--accent); }
svg .step.failed, svg .step.timed-out { fill: var(--bad); }
svg .step.running { fill: #93c5fd; }
svg .retry { fill: var(--warn); stroke: #fff; stroke-width: 1; }
svg .signal { stroke: #7c3aed; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .signal-label { font-size: 10px; fill: #7c3aed; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section { break-inside: auto; }
  section.keep, svg.timeline, tr, .error { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  /* The host table has eleven columns: let headers wrap and cells pack so it fits the A4 width. */
  th { white-space: normal; }
  th, td { padding: 3px 4px; overflow-wrap: anywhere; }
  code, .mono { font-size: 10px; }
  a { color: inherit; text-decoration: none; }
  .badge { border: 1px solid var(--ink); color: var(--ink); background: none !important; }
}
`;
