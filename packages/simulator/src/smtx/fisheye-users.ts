// Fisheye v3 users: POST /api/v3/users:setupRoot and POST /api/v3/sessions. v3 answers bare objects
// (reference/setup-root-response.json) and grpc-gateway errors {"code","message","details"}.
import { z } from 'zod';
import type { SimReply, SimRoute } from '../core/contract.js';
import { grpcFail, json } from '../core/envelope.js';
import { frameworks, type RequestRules } from '../core/evidence.js';
import { checkBody, protojsonMessage } from '../core/request-body.js';
import type { SmtxWorld } from './world.js';

// Fisheye v3 is grpc-gateway over protobuf messages: unknown keys are dropped, a missing field is
// its zero value (proto3 has no required fields), a value of the wrong JSON type fails to unmarshal.
const setupRootSchema = z.object({
  password: z.string().default(''),
  repeat: z.string().default(''),
  encrypted: z.boolean().optional(),
});
const sessionSchema = z.object({
  username: z.string().default(''),
  password: z.string().default(''),
  encrypted: z.boolean().optional(),
});

const v3Rules: RequestRules = {
  body: 'json',
  unknownKeys: 'drop',
  unknownKeysSource: frameworks.grpcGatewayDiscard,
  refusals: [
    {
      status: 400,
      message: 'proto: syntax error (line 1:1): invalid value for field <field>',
      source: frameworks.protojsonTypes,
    },
  ],
};

/** RFC 3339 with nanoseconds, as Go prints it (2025-09-27T22:38:57.921456349Z). */
function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}Z`;
}

export function userRoutes(world: SmtxWorld): SimRoute[] {
  const notDeployed = (): SimReply | undefined =>
    world.state.cluster.deployed ? undefined : grpcFail(503, 14, 'cluster is not deployed yet');
  return [
    {
      method: 'POST',
      pattern: '/api/v3/users:setupRoot',
      name: 'fisheye.users.setupRoot',
      request: v3Rules,
      handler: async (req) => {
        const nd = notDeployed();
        if (nd) return nd;
        const parsed = checkBody(req, setupRootSchema, await req.json());
        if (!parsed.ok) return grpcFail(400, 3, protojsonMessage(parsed.issues));
        const body = parsed.value;
        // Not seen on a real appliance (docs/simulator-cloudtower.md, guesses): an empty password.
        if (body.password === '') return grpcFail(400, 3, 'password must not be empty');
        if (body.password !== body.repeat) return grpcFail(400, 3, 'password and repeat do not match');
        // Already initialized: the real API refuses a second setup (ALREADY_EXISTS).
        if (world.rootPassword !== undefined) return grpcFail(409, 6, 'root user has already been set up');
        world.rootPassword = body.password;
        world.state.cluster.rootSetUp = true;
        return json({
          id: 'root',
          username: 'root',
          password: '',
          email: 'root@test.com',
          role: 'ROOT',
          annotation: '',
          auth_provider_id: 'local',
        });
      },
    },
    {
      method: 'POST',
      pattern: '/api/v3/sessions',
      name: 'fisheye.sessions.create',
      request: v3Rules,
      handler: async (req) => {
        const nd = notDeployed();
        if (nd) return nd;
        const parsed = checkBody(req, sessionSchema, await req.json());
        if (!parsed.ok) return grpcFail(400, 3, protojsonMessage(parsed.issues));
        const { username, password } = parsed.value;
        if (username !== 'root' || world.rootPassword === undefined || password !== world.rootPassword) {
          return grpcFail(401, 16, 'invalid username or password');
        }
        const { token, session } = world.newSession(username);
        return json({
          user_id: username,
          token,
          create_time: goTime(session.createdAt),
          expire_time: goTime(session.expiresAt),
          update_time: goTime(session.createdAt),
        });
      },
    },
  ];
}
