// GraphQL: first-run setup (root user, organization), login, CloudTower NTP and the license.
import { z } from 'zod';
import {
  checkRootPassword,
  decodeEncodedPassword,
  issueSession,
  sessionCookies,
  setRootPassword,
} from '../auth.js';
import { cuid, isoNow, uuid } from '../ids.js';
import { countEffect, towerState } from '../store.js';
import { organizationNode } from './nodes.js';
import { filterPage } from './paging.js';
import { defineField, GqlError } from './types.js';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected a DateTime');
/** `effect: {encoded: true}`: the password argument is encoded (see auth.ts). */
const effect = z.object({ encoded: z.boolean().nullish() }).nullish();
const page = {
  skip: z.number().int().nonnegative().nullish(),
  first: z.number().int().nonnegative().nullish(),
};

export const setupFields = [
  defineField({
    field: 'createUser',
    auth: 'none',
    args: z.object({
      data: z.looseObject({
        username: z.literal('root'),
        password: z.string().min(1),
        password_updated_at: isoDate.nullish(),
      }),
      effect,
    }),
    resolve({ args, ctx }) {
      const tower = towerState(ctx);
      // Assumption: a second createUser for root fails like Prisma's unique constraint does; the
      // orchestrator checks `userCreated` (checkTowerIsSetup) first.
      if (tower.rootUserCreated)
        throw new GqlError('Unique constraint failed on the fields: (`username`)', 'ALREADY_EXISTS');
      const password = args.effect?.encoded ? decodeEncodedPassword(args.data.password) : args.data.password;
      if (password === undefined) throw new GqlError('password cannot be decoded', 'INVALID_ARGUMENT');
      setRootPassword(ctx, password, 'graphql:createRootUser');
      tower.rootUserCreated = true;
      tower.rootUser = { id: cuid(ctx), createdAt: args.data.password_updated_at ?? isoNow(ctx) };
      countEffect(ctx, 'graphql:createRootUser');
      return {
        id: tower.rootUser.id,
        name: 'root',
        username: 'root',
        role: 'ROOT',
        source: 'LOCAL',
        __typename: 'User',
      };
    },
  }),
  defineField({
    field: 'createOrganization',
    auth: 'setup',
    args: z.object({ data: z.object({ name: z.string().min(1) }) }),
    resolve({ args, ctx }) {
      const tower = towerState(ctx);
      if (tower.organizations.some((o) => o.name === args.data.name)) {
        throw new GqlError('Unique constraint failed on the fields: (`name`)', 'ALREADY_EXISTS');
      }
      const org = { id: cuid(ctx), name: args.data.name };
      tower.organizations.push(org);
      countEffect(ctx, 'graphql:createOrganization');
      return organizationNode(ctx, org);
    },
  }),
  defineField({
    field: 'organizations',
    auth: 'none',
    args: z.object({ where: z.unknown().optional(), ...page }),
    resolve({ args, ctx }) {
      return filterPage(towerState(ctx).organizations, args).map((o) => organizationNode(ctx, o));
    },
  }),
  defineField({
    field: 'userCreated',
    auth: 'none',
    args: z.object({}),
    resolve({ ctx }) {
      return { created: towerState(ctx).rootUserCreated, __typename: 'UserCreatedData' };
    },
  }),
  defineField({
    field: 'login',
    auth: 'none',
    args: z.object({
      data: z.object({
        username: z.string().min(1),
        password: z.string().min(1),
        source: z.enum(['LOCAL', 'LDAP', 'AUTHN']),
        auth_config_id: z.string().nullish(),
      }),
      effect,
    }),
    resolve({ args, ctx, headers }) {
      const tower = towerState(ctx);
      const password = args.effect?.encoded ? decodeEncodedPassword(args.data.password) : args.data.password;
      const ok =
        tower.rootUserCreated &&
        args.data.username === 'root' &&
        args.data.source === 'LOCAL' &&
        password !== undefined &&
        checkRootPassword(ctx, password);
      if (!ok) throw new GqlError('username or password is incorrect', 'LOGIN_FAILED');
      const session = issueSession(ctx, tower.rootUser?.id ?? 'root');
      tower.logins += 1;
      headers['set-cookie'] = sessionCookies(session);
      ctx.log('cloudtower.login', { via: 'graphql', user: args.data.username });
      return { token: session.token, uid: null, need_mfa: null, mfa_meta: null, __typename: 'Login' };
    },
  }),
  defineField({
    field: 'updateCloudTowerNtpUrl',
    auth: 'session',
    args: z.object({ data: z.object({ ntp_service_url: z.string().min(1) }) }),
    resolve({ args, ctx }) {
      const servers = args.data.ntp_service_url
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (servers.length === 0) throw new GqlError('ntp_service_url names no server', 'INVALID_ARGUMENT');
      const tower = towerState(ctx);
      tower.ntp = servers;
      countEffect(ctx, 'graphql:updateCloudTowerNtpUrl');
      // The real server answers with the list joined by ';' (seed 003).
      return { ntp_service_url: servers.join(';'), __typename: 'UpdateNtpCommonResult' };
    },
  }),
  defineField({
    field: 'deploys',
    auth: 'session',
    args: z.object(page),
    resolve({ args, ctx }) {
      const tower = towerState(ctx);
      // The installer may have recorded a license; otherwise one is issued on first read (TRIAL,
      // 90 days, as a fresh CloudTower has).
      if (!tower.license || typeof tower.license.license_serial !== 'string') {
        const signed = isoNow(ctx);
        tower.license = {
          deploy_id: uuid(ctx),
          id: cuid(ctx),
          license_serial: uuid(ctx),
          sign_date: signed,
          expire_date: new Date(Date.parse(signed) + 90 * 86400_000).toISOString(),
          ...(tower.license ?? {}),
        };
      }
      const lic = tower.license;
      const deploy = {
        id: lic.deploy_id ?? 'dac36138-22d1-4a67-a386-0d3625b5c824',
        license: {
          id: lic.id,
          license_serial: lic.license_serial,
          maintenance_end_date: null,
          maintenance_start_date: null,
          max_chunk_num: 0,
          max_cluster_num: 0,
          max_vm_num: 0,
          used_vm_num: 0,
          sign_date: lic.sign_date,
          expire_date: lic.expire_date,
          software_edition: lic.software_edition ?? 'ENTERPRISE',
          type: lic.type ?? 'TRIAL',
          vendor: lic.vendor ?? 'SMTX',
          __typename: 'License',
        },
        __typename: 'Deploy',
      };
      return filterPage([deploy], args);
    },
  }),
];
