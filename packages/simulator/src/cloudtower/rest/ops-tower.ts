// REST: login, the root user (create-root-user, update-user), organizations, datacenters and tasks.
import { z } from 'zod';
import type { SimContext, SimRoute } from '../../core/contract.js';
import { checkRootPassword, issueSession, setRootPassword } from '../auth.js';
import { cuid, isoNow } from '../ids.js';
import type { CloudTowerSimOptions } from '../options.js';
import { countEffect, towerState, type DatacenterRecord } from '../store.js';
import { taskView } from '../tasks.js';
import { listOf, oneOrMany } from '../validate.js';
import { filterPage, matchesWhere } from '../where.js';
import { RestError, restRoute } from './route.js';

export const listArgs = z.object({
  where: z.record(z.string(), z.unknown()).optional(),
  first: z.number().int().nonnegative().optional(),
  skip: z.number().int().nonnegative().optional(),
  orderBy: z.unknown().optional(),
});

/** A `get-*` list route: the rows `rows` gives, filtered and paged by the body's where/skip/first. */
export function listRoute(
  options: CloudTowerSimOptions,
  op: string,
  rows: (ctx: SimContext) => unknown[],
): SimRoute {
  return restRoute(options, {
    op,
    auth: true,
    schema: listArgs,
    handle: ({ body, ctx }) => filterPage(rows(ctx), body),
  });
}

// Request bodies as the official SDKs document them (LoginInput, RootUserCreationParams,
// UserUpdationParams); unknown fields are refused like the real server's schema validation does.
const loginBody = z.strictObject({
  username: z.string().min(1),
  password: z.string().min(1),
  source: z.enum(['LOCAL', 'LDAP', 'AUTHN']).default('LOCAL'),
  auth_config_id: z.string().nullish(),
  mfa_type: z.enum(['Mail', 'SMS']).nullish(),
});

const rootUserBody = z.strictObject({ password: z.string().min(1) });

const updateUserBody = z.strictObject({
  where: z.record(z.string(), z.unknown()),
  data: z.strictObject({
    email_address: z.string().optional(),
    internal: z.boolean().optional(),
    mobile_phone: z.string().optional(),
    name: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    role_id: z.string().optional(),
    username: z.string().min(1).optional(),
  }),
});

/** The root user as get-users / update-user answer it (the fields the SDK's User has that we keep). */
function rootUserView(ctx: Parameters<typeof towerState>[0]): Record<string, unknown> | undefined {
  const tower = towerState(ctx);
  if (!tower.rootUserCreated) return undefined;
  return {
    id: tower.rootUser?.id ?? 'root',
    name: 'root',
    username: 'root',
    display_username: 'root',
    role: 'ROOT',
    source: 'LOCAL',
    internal: false,
    email_address: null,
    mobile_phone: null,
    password_updated_at: tower.rootPassword?.updatedAt ?? tower.rootUser?.createdAt ?? null,
  };
}

const datacenterInput = z.object({ organization_id: z.string().min(1), name: z.string().min(1) });
const datacenterBody = oneOrMany(datacenterInput);

function datacenterView(
  ctx: Parameters<typeof towerState>[0],
  dc: DatacenterRecord,
): Record<string, unknown> {
  const tower = towerState(ctx);
  const org = tower.organizations.find((o) => o.id === dc.organization_id);
  const clusters = tower.connectedClusters.filter((c) => c.datacenter_id === dc.id);
  return {
    id: dc.id,
    name: dc.name,
    cluster_num: clusters.length,
    host_num: 0,
    vm_num: 0,
    total_data_capacity: null,
    used_data_space: null,
    failure_data_space: null,
    total_cpu_hz: null,
    used_cpu_hz: null,
    total_memory_bytes: null,
    used_memory_bytes: null,
    organization: org ? { id: org.id, name: org.name } : null,
    clusters: clusters.map((c) => ({ id: c.id, name: c.name })),
    labels: [],
  };
}

export function towerRestRoutes(options: CloudTowerSimOptions): SimRoute[] {
  return [
    restRoute(options, {
      op: 'login',
      auth: false,
      schema: loginBody,
      handle({ body, ctx }) {
        const tower = towerState(ctx);
        if (
          !tower.rootUserCreated ||
          body.username !== 'root' ||
          body.source !== 'LOCAL' ||
          !checkRootPassword(ctx, body.password)
        ) {
          throw new RestError(400, 'LoginFailed', 'username or password is incorrect');
        }
        const session = issueSession(ctx, tower.rootUser?.id ?? 'root');
        tower.logins += 1;
        ctx.log('cloudtower.login', { via: 'rest', user: body.username });
        return { data: { token: session.token }, task_id: null };
      },
    }),
    restRoute(options, {
      op: 'create-root-user',
      auth: false,
      schema: rootUserBody,
      handle({ body, ctx }) {
        const tower = towerState(ctx);
        // Assumption (docs/simulator-cloudtower.md): once root exists the call is refused, like the
        // GraphQL createUser's unique constraint; it never changes an existing password.
        if (tower.rootUserCreated) throw new RestError(400, 'UserExisted', 'root user already exists');
        tower.rootUserCreated = true;
        tower.rootUser = { id: cuid(ctx), createdAt: isoNow(ctx) };
        setRootPassword(ctx, body.password, 'rest:create-root-user');
        countEffect(ctx, 'rest:create-root-user');
        return { task_id: null, data: rootUserView(ctx) };
      },
    }),
    restRoute(options, {
      op: 'update-user',
      auth: true,
      schema: updateUserBody,
      handle({ body, ctx }) {
        const root = rootUserView(ctx);
        // Only root exists here; a `where` that does not select it updates nothing.
        if (!root || !matchesWhere(root, body.where)) return [];
        if (body.data.username !== undefined && body.data.username !== 'root') {
          throw new RestError(400, 'InvalidParams', 'the root user cannot be renamed');
        }
        if (body.data.password !== undefined) {
          setRootPassword(ctx, body.data.password, 'rest:update-user');
          countEffect(ctx, 'rest:update-user');
        }
        return [{ task_id: null, data: rootUserView(ctx) }];
      },
    }),
    restRoute(options, {
      op: 'get-organizations',
      auth: true,
      schema: listArgs,
      handle({ body, ctx }) {
        const tower = towerState(ctx);
        const orgs = tower.organizations.map((o) => ({
          datacenters: tower.datacenters
            .filter((d) => d.organization_id === o.id)
            .map((d) => ({ id: d.id, name: d.name })),
          id: o.id,
          name: o.name,
        }));
        return filterPage(orgs, body);
      },
    }),
    restRoute(options, {
      op: 'get-datacenters',
      auth: true,
      schema: listArgs,
      handle({ body, ctx }) {
        const views = towerState(ctx).datacenters.map((dc) => datacenterView(ctx, dc));
        return filterPage(views, body);
      },
    }),
    restRoute(options, {
      op: 'create-datacenter',
      auth: true,
      schema: datacenterBody,
      handle({ body, ctx }) {
        const tower = towerState(ctx);
        const inputs = listOf(body);
        // Validate everything first so a bad item leaves no partial effect.
        for (const input of inputs) {
          if (!tower.organizations.some((o) => o.id === input.organization_id)) {
            throw new RestError(
              400,
              'OrganizationNotFound',
              `organization ${input.organization_id} not found`,
            );
          }
          // Assumption: datacenter names are unique within an organization (the real server
          // refuses a duplicate); the orchestrator looks the name up with get-organizations first.
          if (
            tower.datacenters.some(
              (d) => d.organization_id === input.organization_id && d.name === input.name,
            )
          ) {
            throw new RestError(
              400,
              'DuplicateName',
              `datacenter "${input.name}" already exists in this organization`,
            );
          }
        }
        const out = inputs.map((input) => {
          const dc: DatacenterRecord = {
            id: cuid(ctx),
            name: input.name,
            organization_id: input.organization_id,
          };
          tower.datacenters.push(dc);
          countEffect(ctx, 'rest:create-datacenter');
          return { data: datacenterView(ctx, dc), task_id: null };
        });
        return Array.isArray(body) ? out : out[0];
      },
    }),
    restRoute(options, {
      op: 'get-tasks',
      auth: true,
      schema: listArgs,
      handle({ body, ctx }) {
        const views = towerState(ctx).tasks.map((t) => taskView(ctx, t));
        return filterPage(views, body);
      },
    }),
  ];
}
