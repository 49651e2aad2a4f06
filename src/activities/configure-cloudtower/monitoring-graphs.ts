// The graphs of the handover dashboard (issue 12 item 1): what a field engineer shows the customer
// after the bring-up. Metric names follow CloudTower's own naming (elf_/zbs_ cluster metrics,
// host_ per-host metrics, as its alert rules are named); see docs/decisions.md "Monitoring
// dashboard" — one list, so a name CloudTower does not know is corrected here only.

export interface DashboardGraph {
  /** Unique within the view: the re-run finds existing graphs by title. */
  title: string;
  resource: 'cluster' | 'host';
  metric: string;
}

export const DASHBOARD_GRAPHS: readonly DashboardGraph[] = [
  {
    title: '集群 CPU 使用率 / Cluster CPU usage',
    resource: 'cluster',
    metric: 'elf_cluster_cpu_overall_usage_percent',
  },
  {
    title: '集群内存使用率 / Cluster memory usage',
    resource: 'cluster',
    metric: 'elf_cluster_memory_usage_percent',
  },
  {
    title: '存储总容量 / Storage capacity',
    resource: 'cluster',
    metric: 'zbs_cluster_total_data_capacity_bytes',
  },
  { title: '存储已用容量 / Storage used', resource: 'cluster', metric: 'zbs_cluster_used_data_space_bytes' },
  { title: '存储使用率 / Storage usage', resource: 'cluster', metric: 'zbs_cluster_data_space_use_rate' },
  { title: '读 IOPS / Read IOPS', resource: 'cluster', metric: 'zbs_cluster_read_iops' },
  { title: '写 IOPS / Write IOPS', resource: 'cluster', metric: 'zbs_cluster_write_iops' },
  { title: '读带宽 / Read bandwidth', resource: 'cluster', metric: 'zbs_cluster_read_speed_bps' },
  { title: '写带宽 / Write bandwidth', resource: 'cluster', metric: 'zbs_cluster_write_speed_bps' },
  { title: '读延迟 / Read latency', resource: 'cluster', metric: 'zbs_cluster_read_latency_ns' },
  { title: '写延迟 / Write latency', resource: 'cluster', metric: 'zbs_cluster_write_latency_ns' },
  { title: '主机 CPU 使用率 / Host CPU usage', resource: 'host', metric: 'host_cpu_overall_usage_percent' },
];

/** The view's name: one dashboard per cluster, found by this name on a re-run. */
export function dashboardName(clusterName: string): string {
  return `${clusterName} 交付监控`;
}
