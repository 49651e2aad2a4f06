import type { Workbook } from 'exceljs';
import { buildPlan } from './build-plan.js';
import type { DraftPlan } from './draft.js';
import { FieldReader } from './fields.js';
import { IssueCollector, type PlanIssue } from './issues.js';
import { PLAN_SHEETS } from './layout.js';
import { readCluster } from './read-cluster.js';
import { readComponents } from './read-components.js';
import { readOtherComponents } from './read-other-components.js';
import { readHosts } from './read-hosts.js';
import { readNetworks } from './read-networks.js';
import { checkHosts } from './rules/host-rules.js';
import { checkRacks } from './rules/rack-rules.js';
import { checkNetworks } from './rules/network-rules.js';
import { checkReservedAddresses } from './rules/reserved-rules.js';
import { checkSubnetOverlaps, checkSubnets } from './rules/subnet-rules.js';
import { checkTestRange } from './rules/test-range-rules.js';
import { checkAddressUniqueness } from './rules/uniqueness-rules.js';
import type { Plan } from './types.js';
import { WorkbookCells } from './workbook-cells.js';

export interface PlanLoadOptions {
  /**
   * Fewer than 3 hosts is an error (a production cluster needs 3 SMTX OS nodes). A lab or
   * rehearsal may set this to turn it into a warning; 0 hosts stays an error.
   */
  allowSmallCluster?: boolean;
}

export interface PlanLoadResult {
  /** Present only when there is no error. */
  plan?: Plan;
  errors: PlanIssue[];
  warnings: PlanIssue[];
  /** Empty cells where a default (FACTS.md) was applied. */
  defaults: PlanIssue[];
}

/**
 * Reads and validates the plan from a workbook that is already loaded (see loadPlan for files).
 * Pure: no I/O, so tests can mutate one cell and re-validate without writing files.
 * Throws PlanReadError when one of the four plan sheets is missing.
 */
export function readPlanFromWorkbook(workbook: Workbook, opts: PlanLoadOptions = {}): PlanLoadResult {
  const issues = new IssueCollector();
  const reader = new FieldReader(new WorkbookCells(workbook, issues), issues);
  reader.cells.requireSheets(PLAN_SHEETS);

  const cluster = readCluster(reader);
  const draft: DraftPlan = {
    ...cluster,
    hosts: readHosts(reader),
    networks: readNetworks(reader, cluster.networkArchitecture?.value.value),
    ...readComponents(reader),
  };

  checkHosts(draft, issues, opts);
  checkRacks(draft, issues);
  checkNetworks(draft, issues);
  const simulation = checkReservedAddresses(draft, issues);
  checkAddressUniqueness(draft, issues);
  checkSubnets(draft, issues);
  checkTestRange(draft, issues);
  checkSubnetOverlaps(draft, issues);

  const result: PlanLoadResult = {
    errors: issues.errors,
    warnings: issues.warnings,
    defaults: issues.defaults,
  };
  if (issues.errors.length === 0) {
    result.plan = buildPlan(draft, simulation);
    const others = readOtherComponents(reader);
    if (others.length > 0) result.plan.otherComponents = others;
  }
  return result;
}
