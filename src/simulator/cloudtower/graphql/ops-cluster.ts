// GraphQL: cluster settings (default storage policy) and alert rules.
import { z } from 'zod';
import type { SimContext } from '../../core/contract.js';
import { ensureCatalogue, findCluster } from '../clusters.js';
import { countEffect, towerState, type GlobalAlertRuleRecord } from '../store.js';
import { matchesWhere } from '../where.js';
import { defineOp, GqlError } from './types.js';

const threshold = z.object({
  value: z.number(),
  severity: z.enum(['INFO', 'NOTICE', 'WARNING', 'CRITICAL']),
  quantile: z.number().optional(),
  __typename: z.string().optional(),
});

const nullableInt = z.number().int().nullable().optional();

function settingsView(s: Record<string, unknown>): Record<string, unknown> {
  return {
    id: s.id,
    default_ha: s.default_ha ?? null,
    default_ha_priority: s.default_ha_priority ?? null,
    enabled_iscsi: s.enabled_iscsi ?? null,
    default_storage_policy: s.default_storage_policy ?? null,
    default_storage_policy_replica_num: s.default_storage_policy_replica_num ?? null,
    default_storage_policy_ec_k: s.default_storage_policy_ec_k ?? null,
    default_storage_policy_ec_m: s.default_storage_policy_ec_m ?? null,
    default_storage_policy_thin_provision: s.default_storage_policy_thin_provision ?? null,
    default_storage_encryption: s.default_storage_encryption ?? null,
    __typename: 'ClusterSettings',
  };
}

function thresholdsView(
  list: { severity: string; value: number }[],
  withValue: boolean,
): Record<string, unknown>[] {
  return list.map((t) =>
    withValue
      ? { value: t.value, severity: t.severity, __typename: 'Thresholds' }
      : { severity: t.severity, __typename: 'Thresholds' },
  );
}

function clusterRef(ctx: SimContext, id: string): Record<string, unknown> | null {
  const c = findCluster(ctx, id);
  return c ? { id: c.id, name: c.name, __typename: 'Cluster' } : null;
}

function ruleListView(rule: GlobalAlertRuleRecord): Record<string, unknown> {
  return {
    message: rule.message,
    thresholds: thresholdsView(rule.thresholds, false),
    object: rule.object,
    id: rule.id,
    disabled: rule.disabled,
    name: rule.name,
    alert_rules: rule.alert_rules.map((r) => ({
      id: r.id,
      customized: r.customized,
      disabled: r.disabled,
      thresholds: r.thresholds.map((t) => ({
        severity: t.severity,
        value: t.value,
        __typename: 'Thresholds',
      })),
      __typename: 'AlertRule',
    })),
    __typename: 'GlobalAlertRule',
  };
}

export const clusterOps = [
  defineOp({
    name: 'updateClusterSettings',
    field: 'updateClusterSettings',
    auth: 'session',
    variables: z.object({
      where: z.object({ id: z.string().min(1) }),
      data: z.object({
        default_storage_policy: z
          .enum([
            'REPLICA_2_THIN_PROVISION',
            'REPLICA_3_THIN_PROVISION',
            'REPLICA_2_THICK_PROVISION',
            'REPLICA_3_THICK_PROVISION',
            'EC_THIN_PROVISION',
            'EC_THICK_PROVISION',
          ])
          .optional(),
        default_storage_policy_replica_num: nullableInt,
        default_storage_policy_ec_k: nullableInt,
        default_storage_policy_ec_m: nullableInt,
        default_storage_policy_thin_provision: z.boolean().nullable().optional(),
        default_ha: z.boolean().nullable().optional(),
        default_ha_priority: z.string().optional(),
        enabled_iscsi: z.boolean().nullable().optional(),
        default_storage_encryption: z.unknown().optional(),
      }),
    }),
    resolve({ vars, ctx }) {
      const settings = towerState(ctx).clusterSettings[vars.where.id];
      if (!settings)
        throw new GqlError(`No ClusterSettings found for where: {"id":"${vars.where.id}"}`, 'NOT_FOUND');
      for (const [key, value] of Object.entries(vars.data)) if (value !== undefined) settings[key] = value;
      settings.updates = Number(settings.updates ?? 0) + 1;
      if (typeof vars.data.default_storage_policy === 'string') {
        ctx.state.cluster.defaultStoragePolicy = vars.data.default_storage_policy;
      }
      countEffect(ctx, 'graphql:updateClusterSettings');
      return { updateClusterSettings: settingsView(settings) };
    },
  }),
  defineOp({
    name: 'globalAlertRules',
    field: 'globalAlertRules',
    auth: 'session',
    variables: z.object({
      skip: z.number().int().nonnegative().optional(),
      first: z.number().int().nonnegative().optional(),
      where: z.record(z.string(), z.unknown()).nullable().optional(),
      orderBy: z.string().optional(),
    }),
    resolve({ vars, ctx }) {
      const rules = [...ensureCatalogue(ctx)];
      if (vars.orderBy === 'id_DESC') rules.reverse();
      const matched = rules.filter((r) => matchesWhere(r, vars.where ?? undefined));
      const start = vars.skip ?? 0;
      const page = matched.slice(start, vars.first === undefined ? undefined : start + vars.first);
      return {
        globalAlertRules: page.map(ruleListView),
        globalAlertRulesConnection: {
          aggregate: { count: matched.length, __typename: 'AggregateGlobalAlertRule' },
          __typename: 'GlobalAlertRuleConnection',
        },
      };
    },
  }),
  defineOp({
    name: 'updateGlobalAlertRule',
    field: 'updateGlobalAlertRule',
    auth: 'session',
    variables: z.object({
      where: z.object({ id: z.string().min(1) }),
      data: z.object({
        thresholds: z.array(threshold).optional(),
        disabled: z.boolean().optional(),
        alert_rules: z
          .object({
            update: z.array(
              z.object({
                where: z.object({ id: z.string().min(1) }),
                data: z.object({
                  customized: z.boolean().optional(),
                  disabled: z.boolean().optional(),
                  thresholds: z.array(threshold).optional(),
                }),
              }),
            ),
          })
          .optional(),
      }),
    }),
    resolve({ vars, ctx }) {
      const rule = ensureCatalogue(ctx).find((r) => r.id === vars.where.id);
      if (!rule)
        throw new GqlError(`No GlobalAlertRule found for where: {"id":"${vars.where.id}"}`, 'NOT_FOUND');
      const updates = vars.data.alert_rules?.update ?? [];
      // Check every nested id before changing anything (the real server runs it in one transaction).
      for (const u of updates) {
        if (!rule.alert_rules.some((r) => r.id === u.where.id)) {
          throw new GqlError(`No AlertRule found for where: {"id":"${u.where.id}"}`, 'NOT_FOUND');
        }
      }
      const strip = (list: z.infer<typeof threshold>[]) =>
        list.map((t) => ({ severity: t.severity, value: t.value, quantile: t.quantile ?? 0 }));
      if (vars.data.thresholds) rule.thresholds = strip(vars.data.thresholds);
      if (vars.data.disabled !== undefined) rule.disabled = vars.data.disabled;
      for (const u of updates) {
        const target = rule.alert_rules.find((r) => r.id === u.where.id)!;
        if (u.data.customized !== undefined) target.customized = u.data.customized;
        if (u.data.disabled !== undefined) target.disabled = u.data.disabled;
        if (u.data.thresholds) target.thresholds = strip(u.data.thresholds);
      }
      rule.updates += 1;
      countEffect(ctx, 'graphql:updateGlobalAlertRule');
      return {
        updateGlobalAlertRule: {
          id: rule.id,
          disabled: rule.disabled,
          thresholds: thresholdsView(rule.thresholds, true),
          alert_rules: rule.alert_rules.map((r) => ({
            id: r.id,
            disabled: r.disabled,
            customized: r.customized,
            thresholds: thresholdsView(r.thresholds, true),
            cluster: clusterRef(ctx, r.cluster_id),
            __typename: 'AlertRule',
          })),
          __typename: 'GlobalAlertRule',
        },
      };
    },
  }),
];
