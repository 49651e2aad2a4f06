// The object graph GraphQL resolves over: each builder turns a store record into a plain object
// with every field the schema declares for its type. Relations are functions, which graphql-js's
// default resolver calls only when the query selects them, so `alert_rules { cluster { id } }`
// costs a lookup and an unselected relation costs nothing (and cycles such as
// cluster → settings → cluster are fine).
import type { SimContext } from '../../core/contract.js';
import { clusterView, findCluster } from '../clusters.js';
import { instanceView, systemServiceView } from '../obs/views.js';
import { backupServiceView } from '../backup/service.js';
import {
  obsState,
  towerState,
  type BackupServiceRecord,
  type ConnectedClusterRecord,
  type GlobalAlertRuleRecord,
  type ObsInstanceRecord,
} from '../store.js';
import { matchesWhere } from '../where.js';

type Node = Record<string, unknown>;
type AlertRuleRecord = GlobalAlertRuleRecord['alert_rules'][number];

export function clusterNode(ctx: SimContext, c: ConnectedClusterRecord): Node {
  const view = clusterView(ctx, c);
  return {
    ...view,
    datacenters: () =>
      towerState(ctx)
        .datacenters.filter((d) => d.id === c.datacenter_id)
        .map((d) => datacenterNode(ctx, d)),
    settings: () => settingsNode(ctx, c.settings_id),
    __typename: 'Cluster',
  };
}

function clusterById(ctx: SimContext, id: string): Node | null {
  const c = findCluster(ctx, id);
  return c ? clusterNode(ctx, c) : null;
}

export function settingsNode(ctx: SimContext, id: string): Node | null {
  const s = towerState(ctx).clusterSettings[id];
  if (!s) return null;
  return {
    id,
    default_ha: s.default_ha ?? null,
    default_ha_priority: s.default_ha_priority ?? null,
    enabled_iscsi: s.enabled_iscsi ?? null,
    default_storage_policy: s.default_storage_policy ?? null,
    default_storage_policy_replica_num: s.default_storage_policy_replica_num ?? null,
    default_storage_policy_ec_k: s.default_storage_policy_ec_k ?? null,
    default_storage_policy_ec_m: s.default_storage_policy_ec_m ?? null,
    default_storage_policy_thin_provision: s.default_storage_policy_thin_provision ?? null,
    default_storage_encryption: s.default_storage_encryption ?? null,
    cluster: () => {
      const c = towerState(ctx).connectedClusters.find((x) => x.settings_id === id);
      return c ? clusterNode(ctx, c) : null;
    },
    __typename: 'ClusterSettings',
  };
}

export function organizationNode(ctx: SimContext, o: { id: string; name: string }): Node {
  return {
    id: o.id,
    name: o.name,
    datacenters: () =>
      towerState(ctx)
        .datacenters.filter((d) => d.organization_id === o.id)
        .map((d) => datacenterNode(ctx, d)),
    __typename: 'Organization',
  };
}

export function datacenterNode(
  ctx: SimContext,
  d: { id: string; name: string; organization_id: string },
): Node {
  return {
    id: d.id,
    name: d.name,
    organization: () => {
      const o = towerState(ctx).organizations.find((x) => x.id === d.organization_id);
      return o ? organizationNode(ctx, o) : null;
    },
    clusters: () =>
      towerState(ctx)
        .connectedClusters.filter((c) => c.datacenter_id === d.id)
        .map((c) => clusterNode(ctx, c)),
    __typename: 'Datacenter',
  };
}

function thresholdNodes(list: { severity: string; value: number; quantile?: number }[]): Node[] {
  return list.map((t) => ({
    value: t.value,
    severity: t.severity,
    quantile: t.quantile ?? 0,
    __typename: 'Thresholds',
  }));
}

/** What an AlertRuleWhereInput is matched against (the cluster as an object, not an id). */
function alertRuleFilterView(ctx: SimContext, r: AlertRuleRecord): Node {
  const c = findCluster(ctx, r.cluster_id);
  return {
    id: r.id,
    customized: r.customized,
    disabled: r.disabled,
    cluster: c ? { id: c.id, name: c.name, local_id: c.local_id, ip: c.ip } : null,
  };
}

export function alertRuleNode(ctx: SimContext, rule: GlobalAlertRuleRecord, r: AlertRuleRecord): Node {
  return {
    id: r.id,
    customized: r.customized,
    disabled: r.disabled,
    thresholds: thresholdNodes(r.thresholds),
    cluster: () => clusterById(ctx, r.cluster_id),
    global_alert_rule: () => globalAlertRuleNode(ctx, rule),
    __typename: 'AlertRule',
  };
}

export function matchingAlertRules(
  ctx: SimContext,
  rule: GlobalAlertRuleRecord,
  where: unknown,
): AlertRuleRecord[] {
  return rule.alert_rules.filter((r) => matchesWhere(alertRuleFilterView(ctx, r), where ?? undefined));
}

export function globalAlertRuleNode(ctx: SimContext, rule: GlobalAlertRuleRecord): Node {
  return {
    id: rule.id,
    name: rule.name,
    message: rule.message,
    object: rule.object,
    disabled: rule.disabled,
    thresholds: thresholdNodes(rule.thresholds),
    alert_rules: (args: { where?: unknown }) =>
      matchingAlertRules(ctx, rule, args.where).map((r) => alertRuleNode(ctx, rule, r)),
    __typename: 'GlobalAlertRule',
  };
}

export function obsInstanceNode(ctx: SimContext, inst: ObsInstanceRecord): Node {
  return {
    ...instanceView(ctx, inst),
    error_code: inst.error_code,
    cluster: () => clusterById(ctx, inst.cluster_id),
    connected_clusters: inst.connected_clusters.map((l) => connectedClusterNode(ctx, inst, l)),
    connected_system_services: inst.system_services.map(systemServiceView),
  };
}

function connectedClusterNode(
  ctx: SimContext,
  inst: ObsInstanceRecord,
  link: { id: string; cluster_id: string },
): Node {
  const c = findCluster(ctx, link.cluster_id);
  return {
    id: link.id,
    name: c?.name ?? '',
    status: 'CONNECTED',
    migration_status: null,
    cluster: () => (c ? clusterNode(ctx, c) : null),
    host_plugin: { id: `${link.id}-plugin`, host_plugin_instances: [], __typename: 'HostPlugin' },
    observability_connected_cluster: {
      id: `${link.id}-occ`,
      traffic_enabled: false,
      status: inst.status === 'SUCCESS' ? 'CONNECTED' : 'CONNECTING',
      __typename: 'ObservabilityConnectedCluster',
    },
    bundle_application_instance: () => obsInstanceNode(ctx, inst),
    __typename: 'BundleApplicationConnectedCluster',
  };
}

export function obsConnectedClusterNodes(ctx: SimContext): Node[] {
  return obsState(ctx).instances.flatMap((inst) =>
    inst.connected_clusters.map((l) => connectedClusterNode(ctx, inst, l)),
  );
}

export function backupServiceNode(ctx: SimContext, svc: BackupServiceRecord): Node {
  return {
    ...backupServiceView(ctx, svc),
    backup_clusters: () =>
      svc.backup_clusters.map((id) => clusterById(ctx, id)).filter((c): c is Node => c !== null),
  };
}
