// What the workbook plans that no documented API deploys (FACTS.md: Everoute, SFS, SKS): handed over
// as manual follow-up steps in the summary and the report, with what the workbook planned for each,
// so nothing the customer planned is silently dropped (issue 23 point 10). Pure: both sides import it.
import type { Plan } from '../plan/types.js';

/** One planned value of a manual step, by what it is (the renderer says the word). */
export interface PlannedValue {
  what: 'vip' | 'controllers' | 'ip' | 'version' | 'size' | 'serial';
  value: string;
}

export interface ManualStep {
  kind: 'everoute' | 'sfs' | 'sks' | 'other';
  /** The component as the workbook names it. */
  name: string;
  /** Where it is planned: 集群管理信息, this row. */
  row: number;
  planned: PlannedValue[];
}

type PlanParts = Pick<Plan, 'er'> & Partial<Pick<Plan, 'otherComponents'>>;

export function manualSteps(plan: PlanParts): ManualStep[] {
  const steps: ManualStep[] = [];
  const er = plan.er;
  if (er && (er.vip || er.controllers.length > 0)) {
    const planned: PlannedValue[] = [];
    if (er.vip) planned.push({ what: 'vip', value: er.vip });
    if (er.controllers.length > 0) planned.push({ what: 'controllers', value: er.controllers.join(', ') });
    if (er.serial) planned.push({ what: 'serial', value: er.serial });
    steps.push({ kind: 'everoute', name: 'Everoute (ER)', row: 6, planned });
  }
  for (const c of plan.otherComponents ?? []) {
    const planned: PlannedValue[] = [];
    if (c.ip) planned.push({ what: 'ip', value: c.ip });
    if (c.version) planned.push({ what: 'version', value: c.version });
    if (c.size) planned.push({ what: 'size', value: c.size });
    if (c.serial) planned.push({ what: 'serial', value: c.serial });
    steps.push({ kind: c.kind, name: c.name, row: c.row, planned });
  }
  return steps;
}
