// GraphQL: datacenters, clusters, cluster settings (default storage policy) and alert rules.
import { z } from 'zod';
import { ensureCatalogue } from '../clusters.js';
import { countEffect, towerState } from '../store.js';
import {
  alertRuleNode,
  clusterNode,
  datacenterNode,
  globalAlertRuleNode,
  matchingAlertRules,
  settingsNode,
} from './nodes.js';
import { filterPage, pageOf } from './paging.js';
import { defineField, GqlError } from './types.js';

const threshold = z.object({
  value: z.number(),
  severity: z.enum(['INFO', 'NOTICE', 'WARNING', 'CRITICAL']),
  quantile: z.number().nullish(),
});

const nullableInt = z.number().int().nullish();
const list = {
  where: z.unknown().optional(),
  orderBy: z.string().nullish(),
  skip: z.number().int().nonnegative().nullish(),
  first: z.number().int().nonnegative().nullish(),
};

/** `<field>_ASC` / `<field>_DESC` over plain records. */
function ordered<T extends object>(items: T[], orderBy: string | null | undefined): T[] {
  const m = /^(\w+)_(ASC|DESC)$/.exec(orderBy ?? '');
  if (!m) return items;
  const key = m[1] as keyof T;
  const sorted = [...items].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  return m[2] === 'DESC' ? sorted.reverse() : sorted;
}

export const clusterFields = [
  defineField({
    field: 'datacenters',
    auth: 'session',
    args: z.object(list),
    resolve({ args, ctx }) {
      return filterPage(towerState(ctx).datacenters, args).map((d) => datacenterNode(ctx, d));
    },
  }),
  defineField({
    field: 'clusters',
    auth: 'session',
    args: z.object(list),
    resolve({ args, ctx }) {
      const all = ordered(towerState(ctx).connectedClusters, args.orderBy);
      return filterPage(all, args).map((c) => clusterNode(ctx, c));
    },
  }),
  defineField({
    field: 'updateClusterSettings',
    auth: 'session',
    args: z.object({
      where: z.object({ id: z.string().min(1) }),
      data: z.object({
        default_storage_policy: z.string().nullish(),
        default_storage_policy_replica_num: nullableInt,
        default_storage_policy_ec_k: nullableInt,
        default_storage_policy_ec_m: nullableInt,
        default_storage_policy_thin_provision: z.boolean().nullish(),
        default_ha: z.boolean().nullish(),
        default_ha_priority: z.string().nullish(),
        enabled_iscsi: z.boolean().nullish(),
        default_storage_encryption: z.unknown().optional(),
      }),
    }),
    resolve({ args, ctx }) {
      const settings = towerState(ctx).clusterSettings[args.where.id];
      if (!settings)
        throw new GqlError(`No ClusterSettings found for where: {"id":"${args.where.id}"}`, 'NOT_FOUND');
      for (const [key, value] of Object.entries(args.data)) if (value !== undefined) settings[key] = value;
      settings.updates = Number(settings.updates ?? 0) + 1;
      if (typeof args.data.default_storage_policy === 'string') {
        ctx.state.cluster.defaultStoragePolicy = args.data.default_storage_policy;
      }
      countEffect(ctx, 'graphql:updateClusterSettings');
      return settingsNode(ctx, args.where.id);
    },
  }),
  defineField({
    field: 'globalAlertRules',
    auth: 'session',
    args: z.object(list),
    resolve({ args, ctx }) {
      const rules = ordered(ensureCatalogue(ctx), args.orderBy);
      return filterPage(rules, args).map((r) => globalAlertRuleNode(ctx, r));
    },
  }),
  defineField({
    field: 'globalAlertRulesConnection',
    auth: 'session',
    args: z.object({ where: z.unknown().optional() }),
    resolve({ args, ctx }) {
      const count = filterPage(ensureCatalogue(ctx), args).length;
      return {
        aggregate: { count, __typename: 'AggregateGlobalAlertRule' },
        __typename: 'GlobalAlertRuleConnection',
      };
    },
  }),
  defineField({
    field: 'alertRules',
    auth: 'session',
    args: z.object(list),
    resolve({ args, ctx }) {
      const all = ensureCatalogue(ctx).flatMap((rule) =>
        matchingAlertRules(ctx, rule, args.where).map((r) => alertRuleNode(ctx, rule, r)),
      );
      return pageOf(all, args);
    },
  }),
  defineField({
    field: 'updateGlobalAlertRule',
    auth: 'session',
    args: z.object({
      where: z.object({ id: z.string().min(1) }),
      data: z.object({
        thresholds: z.array(threshold).nullish(),
        disabled: z.boolean().nullish(),
        alert_rules: z
          .object({
            update: z
              .array(
                z.object({
                  where: z.object({ id: z.string().min(1) }),
                  data: z.object({
                    customized: z.boolean().nullish(),
                    disabled: z.boolean().nullish(),
                    thresholds: z.array(threshold).nullish(),
                  }),
                }),
              )
              .nullish(),
          })
          .nullish(),
      }),
    }),
    resolve({ args, ctx }) {
      const rule = ensureCatalogue(ctx).find((r) => r.id === args.where.id);
      if (!rule)
        throw new GqlError(`No GlobalAlertRule found for where: {"id":"${args.where.id}"}`, 'NOT_FOUND');
      const updates = args.data.alert_rules?.update ?? [];
      // Check every nested id before changing anything (the real server runs it in one transaction).
      for (const u of updates) {
        if (!rule.alert_rules.some((r) => r.id === u.where.id)) {
          throw new GqlError(`No AlertRule found for where: {"id":"${u.where.id}"}`, 'NOT_FOUND');
        }
      }
      const strip = (items: z.infer<typeof threshold>[]) =>
        items.map((t) => ({ severity: t.severity, value: t.value, quantile: t.quantile ?? 0 }));
      if (args.data.thresholds) rule.thresholds = strip(args.data.thresholds);
      if (typeof args.data.disabled === 'boolean') rule.disabled = args.data.disabled;
      for (const u of updates) {
        const target = rule.alert_rules.find((r) => r.id === u.where.id)!;
        if (typeof u.data.customized === 'boolean') target.customized = u.data.customized;
        if (typeof u.data.disabled === 'boolean') target.disabled = u.data.disabled;
        if (u.data.thresholds) target.thresholds = strip(u.data.thresholds);
      }
      rule.updates += 1;
      countEffect(ctx, 'graphql:updateGlobalAlertRule');
      return globalAlertRuleNode(ctx, rule);
    },
  }),
];
