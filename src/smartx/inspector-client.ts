// Inspection (巡检) through CloudTower's inspector — seed 003 §08: start a job, export the report as
// `word` (a zip), poll the export status (EXPORT_RUNNING → EXPORT_SUCCEEDED), download it to a file.
// Auth: `Authorization: <token>` of the CloudTower REST login (pass CloudTowerRestClient.session).
// `cluster_uuids` / `cluster_uuid` are the cluster's SMTX OS id (CloudTower's `local_id`), not the
// CloudTower object id.
import { z } from 'zod';
import type { EndpointResolver } from './endpoints.js';
import { SmartxHttp, type SessionAuth } from './http.js';
import { readInspectionReportItems } from './inspection-report.js';
import type { InspectionItem } from '../run/inspection-items.js';

/** Inspector version of the seed (FACTS: `1.1.1-rc.11`). */
export const INSPECTOR_VERSION = '1.1.1-rc.11';

/** `user_defined_items_names` of the job request in seed 003 §08 (fixed). */
const INSPECTION_JOB_ITEMS = [
  'master_redundancy_check',
  'cluster_mem_usage_check',
  'cluster_cpu_usage_check',
  'host_disk_remaining_life_percent',
  'host_power_is_on',
  'host_disk_is_healthy',
  'host_unhealthy_disk_is_offline',
  'event_disk_remove',
  'event_slot_disk_remove',
  'event_disk_add',
  'sensor_check',
  'power_health_check',
  'bmc_selftest',
  'fan_check',
  'ipmi_account_is_valid',
  'chassis_selftest',
  'hotfix_package_check',
  'worker_status_check',
  'worker_num_check',
  'job_duration_check',
  'failed_job_check',
  'host_service_health',
  'host_service_resident_memory_bytes',
  'host_service_is_running',
  'log_dir_usage_check',
  'host_cpu_overall_usage_percent',
  'host_memory_usage_percent',
  'host_time_diff_with_ntp_leader_seconds',
  'cluster_can_sync_time_with_external_ntp_server',
  'cluster_can_connect_to_external_ntp_server',
  'mongo_data_size_check',
  'root_disk_usage_check',
  'meta_partition_usage_check',
  'sys_partition_raid_is_normal',
  'sys_boot_health_check',
  'zk_cfg_check',
  'zk_role_check',
  'zk_primary_check',
  'primary_check',
  'status_check',
  'zk_status_check',
  'system_config_check',
  'third_party_software_check',
  'host_storage_network_can_ping',
  'host_management_network_can_ping',
  'host_access_network_can_ping',
  'host_to_host_max_ping_time_ns',
  'host_work_status_is_unknown',
  'host_bond_slave_is_normal',
  'default_gateway_check',
  'associated_nic_num_check',
  'network_loss_package_check',
  'zbs_cluster_data_space_use_rate',
  'zbs_chunk_data_space_use_rate',
  'cluster_storage_usage_check',
  'zbs_cluster_chunks_unsafe_failure_space',
  'partition_status_check',
  'lsm_info_check',
  'zbs_cluster_pending_migrate_bytes',
  'zbs_chunk_avg_readwrite_latency_ns',
  'zbs_chunk_connect_status',
  'zbs_chunk_maintenance_mode',
  'zbs_cluster_chunks_without_topo',
  'zbs_chunk_dirty_cache_ratio',
  'zbs_zone_maximum_proportion_of_rack_space',
  'zbs_rack_maximum_proportion_of_brick_space',
  'disk_max_sectors_kb_check',
  'lsm2db_manifest_size_check',
  'journal_status_check',
  'dead_data_check',
  'cache_status_check',
  'recover_data_check',
  'meta_leader_check',
  'zbs_zk_hosts_cfg_check',
  'elf_cluster_cpu_model_not_recommended',
  'elf_vm_placement_expire',
  'elf_vm_placement_status',
  'elf_cluster_cpu_model_incompatible',
  'elf_host_ha_status',
  'vm_zero_page_refcount_check',
  'vm_uuid_duplicate_check',
  'without_vm_uuid_check',
] as const;

/** `items_names` of the export request in seed 003 §08 (fixed). */
const INSPECTION_EXPORT_ITEMS = [
  'host_power_is_on',
  'host_bond_slave_is_normal',
  'elf_cluster_cpu_model_not_recommended',
  'zbs_cluster_pending_migrate_bytes',
  'master_redundancy_check',
  'cluster_cpu_usage_check',
  'cluster_mem_usage_check',
  'host_disk_remaining_life_percent',
  'event_disk_remove',
  'event_slot_disk_remove',
  'event_disk_add',
  'ipmi_account_is_valid',
  'power_health_check',
  'fan_check',
  'sensor_check',
  'bmc_selftest',
  'chassis_selftest',
  'elf_cluster_cpu_model_incompatible',
  'elf_vm_placement_expire',
  'elf_vm_placement_status',
  'vm_zero_page_refcount_check',
  'vm_uuid_duplicate_check',
  'without_vm_uuid_check',
  'host_management_network_can_ping',
  'host_storage_network_can_ping',
  'host_access_network_can_ping',
  'host_to_host_max_ping_time_ns',
  'host_work_status_is_unknown',
  'network_loss_package_check',
  'default_gateway_check',
  'associated_nic_num_check',
  'hotfix_package_check',
  'worker_status_check',
  'worker_num_check',
  'failed_job_check',
  'job_duration_check',
  'primary_check',
  'status_check',
  'host_service_is_running',
  'host_service_health',
  'host_cpu_overall_usage_percent',
  'root_disk_usage_check',
  'meta_partition_usage_check',
  'log_dir_usage_check',
  'mongo_data_size_check',
  'sys_partition_raid_is_normal',
  'sys_boot_health_check',
  'system_config_check',
  'third_party_software_check',
  'zk_status_check',
  'zk_role_check',
  'zk_primary_check',
  'zk_cfg_check',
  'zbs_cluster_data_space_use_rate',
  'zbs_chunk_avg_readwrite_latency_ns',
  'zbs_chunk_connect_status',
  'zbs_chunk_data_space_use_rate',
  'zbs_chunk_maintenance_mode',
  'zbs_cluster_chunks_without_topo',
  'zbs_cluster_chunks_unsafe_failure_space',
  'zbs_chunk_dirty_cache_ratio',
  'zbs_zone_maximum_proportion_of_rack_space',
  'zbs_rack_maximum_proportion_of_brick_space',
  'meta_leader_check',
  'cache_status_check',
  'journal_status_check',
  'partition_status_check',
  'recover_data_check',
  'dead_data_check',
  'zbs_zk_hosts_cfg_check',
  'cluster_storage_usage_check',
  'lsm2db_manifest_size_check',
  'disk_max_sectors_kb_check',
  'lsm_info_check',
] as const;

const jobSchema = z.looseObject({
  id: z.string(),
  version: z.string().optional(),
  cluster_uuids: z.array(z.string()).optional(),
});
const exportSchema = z.looseObject({ filename: z.string().min(1) });
const exportStatusSchema = z.looseObject({ filename: z.string().optional(), status: z.string() });

export class InspectorClient {
  readonly http: SmartxHttp;

  constructor(
    resolver: EndpointResolver,
    cloudtowerAddress: string,
    restSession: SessionAuth,
    options: { timeoutMs?: number } = {},
  ) {
    this.http = new SmartxHttp({
      resolver,
      address: cloudtowerAddress,
      timeoutMs: options.timeoutMs,
      auth: restSession,
    });
  }

  /** POST /api/inspector/api/v3/jobs {version, cluster_uuids, user_defined_items_names} → job id. */
  async startJob(
    clusterUuids: string[],
    items: readonly string[] = INSPECTION_JOB_ITEMS,
    version = INSPECTOR_VERSION,
  ): Promise<z.infer<typeof jobSchema>> {
    return this.http.call({
      method: 'POST',
      path: '/api/inspector/api/v3/jobs',
      json: { version, cluster_uuids: clusterUuids, user_defined_items_names: items },
      parse: 'json',
      schema: jobSchema,
    });
  }

  /** POST /api/inspector/api/v3/jobs/{id}:exportReport?format=word {options:[…]} → report file name. */
  async exportReport(
    jobId: string,
    clusterUuid: string,
    options: { items?: readonly string[]; graphDurationMonths?: number; format?: string } = {},
  ): Promise<string> {
    const out = await this.http.call({
      method: 'POST',
      path: `/api/inspector/api/v3/jobs/${encodeURIComponent(jobId)}:exportReport`,
      searchParams: { format: options.format ?? 'word' },
      json: {
        options: [
          {
            cluster_uuid: clusterUuid,
            items_names: options.items ?? INSPECTION_EXPORT_ITEMS,
            graph_duration_months: options.graphDurationMonths ?? 6,
          },
        ],
      },
      parse: 'json',
      schema: exportSchema,
    });
    return out.filename;
  }

  /** GET /api/inspector/api/v3/export/status?filename= → EXPORT_RUNNING | EXPORT_SUCCEEDED | … */
  async exportStatus(filename: string): Promise<string> {
    const out = await this.http.call({
      method: 'GET',
      path: '/api/inspector/api/v3/export/status',
      searchParams: { filename },
      parse: 'json',
      schema: exportStatusSchema,
    });
    return out.status;
  }

  /** GET /api/inspector/api/v1/export/download?filename= streamed to `filePath` → size and sha256. */
  async download(filename: string, filePath: string): Promise<{ size: number; sha256: string }> {
    return this.http.download(
      {
        method: 'GET',
        path: '/api/inspector/api/v1/export/download',
        searchParams: { filename },
        timeoutMs: 120_000,
      },
      filePath,
    );
  }

  /**
   * The job's per-item results. Seed 003 §08 has no API answering them (the job id only exports the
   * report), so they come from the downloaded report (see `download`).
   */
  reportItems(reportZipPath: string): Promise<InspectionItem[]> {
    return readInspectionReportItems(reportZipPath);
  }
}
