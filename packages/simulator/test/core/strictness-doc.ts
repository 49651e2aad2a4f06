// The rows docs/simulator-strictness.md must hold: one per refusal (status, message, route, source).
// Routes that share their rules share a row (CloudTower REST operations: the op is in the source).
import type { SimRoute } from '../../src/core/contract.js';
import type { Refusal } from '../../src/core/evidence.js';
import { coreRefusals } from '../../src/core/strictness.js';

export function refusalRows(routes: readonly SimRoute[]): string[] {
  const rows: string[] = [];
  const add = (label: string, r: Refusal) => {
    const row = docRow(label, r);
    if (!rows.includes(row)) rows.push(row);
  };
  for (const r of coreRefusals) add(r.routes, r);
  for (const route of routes) for (const r of route.request?.refusals ?? []) add(routeLabel(route.name), r);
  return rows;
}

function routeLabel(name: string): string {
  return name.startsWith('cloudtower.rest.') && !/upload-elf-file|parse-ovf/.test(name)
    ? 'cloudtower.rest.*'
    : name;
}

function docRow(routes: string, r: Refusal): string {
  const source = r.source.ref.replace(/request body of POST \/v2\/api\/\S+/, 'request body of the operation');
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return `| ${r.status} | \`${cell(r.message)}\` | ${cell(routes)} | ${r.source.kind}: ${cell(source)} |`;
}
