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
import { defineOp, GqlError } from './types.js';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected a DateTime');

/** `effect: {encoded: true}` in the query text means the password variable is encoded. */
function encodedEffect(query: string): boolean {
  return /effect:\s*\{\s*encoded:\s*true\s*\}/.test(query);
}

export const setupOps = [
  defineOp({
    name: 'createRootUser',
    field: 'createUser',
    auth: 'none',
    variables: z.object({ root_password: z.string().min(1), now: isoDate }),
    resolve({ vars, query, ctx }) {
      const tower = towerState(ctx);
      // Assumption: a second createUser for root fails like Prisma's unique constraint does; the
      // orchestrator checks `userCreated` (checkTowerIsSetup) first.
      if (tower.rootUserCreated)
        throw new GqlError('Unique constraint failed on the fields: (`username`)', 'ALREADY_EXISTS');
      const password = encodedEffect(query) ? decodeEncodedPassword(vars.root_password) : vars.root_password;
      if (password === undefined) throw new GqlError('password cannot be decoded', 'INVALID_ARGUMENT');
      setRootPassword(ctx, password, 'graphql:createRootUser');
      tower.rootUserCreated = true;
      tower.rootUser = { id: cuid(ctx), createdAt: vars.now };
      countEffect(ctx, 'graphql:createRootUser');
      return { createUser: { id: tower.rootUser.id, __typename: 'User' } };
    },
  }),
  defineOp({
    name: 'createOrganization',
    field: 'createOrganization',
    auth: 'setup',
    variables: z.object({ data: z.object({ name: z.string().min(1) }) }),
    resolve({ vars, ctx }) {
      const tower = towerState(ctx);
      if (tower.organizations.some((o) => o.name === vars.data.name)) {
        throw new GqlError('Unique constraint failed on the fields: (`name`)', 'ALREADY_EXISTS');
      }
      const org = { id: cuid(ctx), name: vars.data.name };
      tower.organizations.push(org);
      countEffect(ctx, 'graphql:createOrganization');
      return { createOrganization: { id: org.id, __typename: 'Organization' } };
    },
  }),
  defineOp({
    name: 'checkTowerIsSetup',
    field: 'organizations',
    auth: 'none',
    variables: z.looseObject({}),
    resolve({ ctx }) {
      const tower = towerState(ctx);
      return {
        organizations: tower.organizations
          .slice(0, 1)
          .map((o) => ({ id: o.id, name: o.name, __typename: 'Organization' })),
        userCreated: { created: tower.rootUserCreated, __typename: 'UserCreatedData' },
      };
    },
  }),
  defineOp({
    name: 'login',
    field: 'login',
    auth: 'none',
    variables: z.object({
      data: z.object({
        username: z.string().min(1),
        password: z.string().min(1),
        source: z.enum(['LOCAL', 'LDAP', 'AUTHN']),
        auth_config_id: z.string().nullable().optional(),
      }),
    }),
    resolve({ vars, query, ctx, headers }) {
      const tower = towerState(ctx);
      const password = encodedEffect(query) ? decodeEncodedPassword(vars.data.password) : vars.data.password;
      const ok =
        tower.rootUserCreated &&
        vars.data.username === 'root' &&
        vars.data.source === 'LOCAL' &&
        password !== undefined &&
        checkRootPassword(ctx, password);
      if (!ok) throw new GqlError('username or password is incorrect', 'LOGIN_FAILED');
      const session = issueSession(ctx, tower.rootUser?.id ?? 'root');
      tower.logins += 1;
      headers['set-cookie'] = sessionCookies(session);
      ctx.log('cloudtower.login', { via: 'graphql', user: vars.data.username });
      return {
        login: { token: session.token, uid: null, need_mfa: null, mfa_meta: null, __typename: 'Login' },
      };
    },
  }),
  defineOp({
    name: 'updateCloudTowerNtpUrl',
    field: 'updateCloudTowerNtpUrl',
    auth: 'session',
    variables: z.object({ data: z.object({ ntp_service_url: z.string().min(1) }) }),
    resolve({ vars, ctx }) {
      const servers = vars.data.ntp_service_url
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (servers.length === 0) throw new GqlError('ntp_service_url names no server', 'INVALID_ARGUMENT');
      const tower = towerState(ctx);
      tower.ntp = servers;
      countEffect(ctx, 'graphql:updateCloudTowerNtpUrl');
      // The real server answers with the list joined by ';' (seed 003).
      return {
        updateCloudTowerNtpUrl: { ntp_service_url: servers.join(';'), __typename: 'UpdateNtpCommonResult' },
      };
    },
  }),
  defineOp({
    name: 'deployedLicense',
    field: 'deploys',
    auth: 'session',
    variables: z.looseObject({}),
    resolve({ ctx }) {
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
      return {
        deploys: [
          {
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
          },
        ],
      };
    },
  }),
];
