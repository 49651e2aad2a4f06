// Typed views of the parts of the shared SimState that the CloudTower modules own. Everything that
// CloudTower "creates" lives here, so `GET /__sim/state` shows it and tests can prove exactly-once
// effects. Secrets never go here (sessions live in runtime.ts); fields under `sim` are the
// simulator's bookkeeping (timers, fault outcomes) and are stripped from API responses.
import type { SimContext, SimState } from '../core/contract.js';

export interface SimTiming {
  /** Simulated ms when the state machine started. */
  startedAt: number;
  /** Simulated seconds until it finishes. */
  seconds: number;
  /** Fault point consulted once when the timer elapses. */
  faultPoint: string;
  /** Set when the timer elapsed: whether it ended in failure. */
  failed?: boolean;
  done?: boolean;
}

interface OrganizationRecord {
  id: string;
  name: string;
}

export interface DatacenterRecord {
  id: string;
  name: string;
  organization_id: string;
}

export interface ConnectedClusterRecord {
  id: string;
  local_id: string;
  name: string;
  ip: string;
  datacenter_id: string;
  settings_id: string;
  connect_state: 'INITIALIZING' | 'CONNECTED';
  task_id: string;
  sim: SimTiming;
}

export interface TaskRecord {
  id: string;
  description: string;
  status: 'PENDING' | 'EXECUTING' | 'SUCCESSED' | 'FAILED';
  args: Record<string, unknown>;
  resource_id: string | null;
  resource_type: string | null;
  steps: string[];
  started_at: string;
  finished_at: string | null;
  error_code: string | null;
  error_message: string | null;
  user_name: string | null;
  cluster: { id: string; name: string } | null;
  sim: SimTiming;
}

export interface AlertRuleRecord {
  id: string;
  cluster_id: string;
  customized: boolean;
  disabled: boolean;
  thresholds: { severity: string; value: number; quantile?: number }[];
}

export interface GlobalAlertRuleRecord {
  id: string;
  name: string;
  object: string;
  message: string;
  disabled: boolean;
  thresholds: { severity: string; value: number; quantile?: number }[];
  alert_rules: AlertRuleRecord[];
  updates: number;
}

interface ApplicationPackageRecord {
  id: string;
  name: string;
  filename: string;
  version: string;
  architecture: string;
  sha256: string;
  source: 'obs-chunked-upload' | 'graphql-upload';
}

export interface VlanCreatedRecord {
  id: string;
  local_id: string;
  name: string;
  vds_id: string;
  vlan_id: number;
  task_id: string;
  sim: SimTiming;
}

export interface RootPasswordState {
  isFactoryDefault: boolean;
  setBy: 'graphql:createRootUser' | 'rest:create-root-user' | 'rest:update-user';
  updatedAt: string;
  /** Changes after creation (update-user calls that set a password). */
  changes: number;
}

export interface CloudTowerState {
  installed: boolean;
  rootUserCreated: boolean;
  rootUser?: { id: string; createdAt: string };
  /**
   * What is known about root's password without the password (the sha256 lives in runtime.ts):
   * whether it is still the factory default, how it was last set, and how often it changed.
   */
  rootPassword?: RootPasswordState;
  organizations: OrganizationRecord[];
  datacenters: DatacenterRecord[];
  connectedClusters: ConnectedClusterRecord[];
  tasks: TaskRecord[];
  alertRules: GlobalAlertRuleRecord[];
  clusterSettings: Record<string, Record<string, unknown>>;
  ntp: string[];
  dns: string[];
  license?: Record<string, unknown>;
  /** CloudTower ids given to Fisheye objects (VDS / VLAN uuids) so they stay stable across calls. */
  networkIds: Record<string, string>;
  vlansCreated: VlanCreatedRecord[];
  applicationPackages: ApplicationPackageRecord[];
  /** How often each mutating operation succeeded (`graphql:createOrganization`, `rest:create-datacenter`...). */
  effects: Record<string, number>;
  logins: number;
}

interface ObsUploadPart {
  index: number;
  offset: number;
  size: number;
  sha256: string;
}

export interface ObsUploadRecord {
  id: string;
  origin_file_name: string;
  offset: number;
  status: 'UPLOADING' | 'COMMITTED';
  create_time: string;
  update_time: string;
  parts: ObsUploadPart[];
  sha256?: string;
  commits: number;
  task_ids: string[];
  package_id?: string;
}

interface BundlePackageRecord {
  id: string;
  name: string;
  version: string;
  arch: string;
  application_package_id: string;
  host_plugin_packages: { id: string; arch: string; version: string }[];
  sha256: string;
  upload_id: string;
}

export interface ObsSystemServiceRecord {
  id: string;
  system_service_id: string;
  system_service_name: string;
  type: string;
  agent_urls: string[];
  alerting_rules: number;
  status: 'INSTALLING' | 'RUNNING' | 'FAILED';
  sim: SimTiming;
}

/** The Observability VM as createObservabilityInstance asks for it (string bytes: GraphQL Long). */
export interface ObsVmSpec {
  ip: string;
  subnet_mask: string;
  gateway: string;
  vlan_id: string;
  vcpu_count: number;
  memory_size_bytes: string;
  storage_size_bytes: string;
}

export interface ObsInstanceRecord {
  id: string;
  name: string;
  description: string;
  status: 'INSTALLING' | 'SUCCESS' | 'FAILED';
  error_code: string;
  application_id: string;
  app_instance_id: string;
  vm_id: string;
  package_id: string;
  cluster_id: string;
  vm_spec: ObsVmSpec;
  ntp_service_url?: string;
  connected_clusters: { id: string; cluster_id: string }[];
  system_services: ObsSystemServiceRecord[];
  task_id: string;
  activated: boolean;
  sim: SimTiming;
}

export interface ObsState {
  uploads: ObsUploadRecord[];
  packages: BundlePackageRecord[];
  instances: ObsInstanceRecord[];
  [key: string]: unknown;
}

export interface BackupUploadTaskRecord {
  id: string;
  status: 'INITIALIZING' | 'UPLOADING' | 'SUCCESSED' | 'FAILED';
  name: string;
  package_name: string;
  size: number;
  chunk_size: number;
  total_chunks: number;
  current_chunk: number;
  chunks: Record<string, { size: number; sha256: string }>;
  sha256?: string;
  package_id?: string;
  /** As createUploadTask was given it (shown by the uploadTasks query). */
  started_at?: string;
}

export interface BackupServiceRecord {
  id: string;
  name: string;
  status: 'INSTALLING' | 'RUNNING' | 'FAILED';
  entityAsyncStatus: 'CREATING' | null;
  application_id: string;
  application_name: string;
  package_id: string;
  vm_id: string;
  running_cluster: string;
  network: Record<string, string>;
  backup_clusters: string[];
  task_id: string;
  activated: boolean;
  sim: SimTiming;
}

export interface BackupState {
  uploadTasks: BackupUploadTaskRecord[];
  services: BackupServiceRecord[];
  [key: string]: unknown;
}

export interface InspectorJobRecord {
  id: string;
  version: string;
  cluster_uuids: string[];
  user_defined_items_names: string[];
  status: 'RUNNING' | 'FINISHED' | 'FAILED';
  sim: SimTiming;
  /** Set when the job finishes: each item's level per cluster (fault point `inspector:item:<name>`). */
  results?: { item: string; target: string; level: 'PASS' | 'CRITICAL' }[];
}

export interface InspectorExportRecord {
  filename: string;
  job_id: string;
  format: string;
  options: { cluster_uuid: string; items_names: string[]; graph_duration_months?: number }[];
  status: 'EXPORT_RUNNING' | 'EXPORT_SUCCEEDED' | 'EXPORT_FAILED';
  requestedAt: number;
  sha256?: string;
  size?: number;
  entries?: string[];
  downloads: number;
  sim: SimTiming;
}

export interface InspectorState {
  jobs: InspectorJobRecord[];
  exports: InspectorExportRecord[];
  [key: string]: unknown;
}

function ensure<T>(holder: Record<string, unknown>, key: string, make: () => T): T {
  if (holder[key] === undefined) holder[key] = make();
  return holder[key] as T;
}

/** The CloudTower section of the shared state, with every collection this module uses present. */
export function towerState(ctx: SimContext): CloudTowerState {
  const s = ctx.state.cloudtower as unknown as Record<string, unknown>;
  ensure(s, 'organizations', () => []);
  ensure(s, 'datacenters', () => []);
  ensure(s, 'connectedClusters', () => []);
  ensure(s, 'tasks', () => []);
  ensure(s, 'alertRules', () => []);
  ensure(s, 'clusterSettings', () => ({}));
  ensure(s, 'ntp', () => []);
  ensure(s, 'dns', () => []);
  ensure(s, 'networkIds', () => ({}));
  ensure(s, 'vlansCreated', () => []);
  ensure(s, 'applicationPackages', () => []);
  ensure(s, 'effects', () => ({}));
  ensure(s, 'logins', () => 0);
  ensure(s, 'rootUserCreated', () => false);
  return s as unknown as CloudTowerState;
}

export function obsState(ctx: SimContext): ObsState {
  const s = ctx.state.obs;
  ensure(s, 'uploads', () => []);
  ensure(s, 'packages', () => []);
  ensure(s, 'instances', () => []);
  return s as ObsState;
}

export function backupState(ctx: SimContext): BackupState {
  const s = ctx.state.backup;
  ensure(s, 'uploadTasks', () => []);
  ensure(s, 'services', () => []);
  return s as BackupState;
}

export function inspectorState(ctx: SimContext): InspectorState {
  const s = ctx.state.inspector;
  ensure(s, 'jobs', () => []);
  ensure(s, 'exports', () => []);
  return s as InspectorState;
}

/** Counts one successful mutation so tests can assert exactly-once effects. */
export function countEffect(ctx: SimContext, key: string): void {
  const effects = towerState(ctx).effects;
  effects[key] = (effects[key] ?? 0) + 1;
}

export type { SimState };
