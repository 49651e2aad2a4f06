// Fisheye v3 users: POST /api/v3/users:setupRoot and POST /api/v3/sessions. v3 answers bare objects
// (reference/setup-root-response.json) and grpc-gateway errors {"code","message","details"}.
import { z } from 'zod';
import type { SimReply, SimRoute } from '../core/contract.js';
import { describeIssues, grpcFail, json } from '../core/envelope.js';
import type { SmtxWorld } from './world.js';

const setupRootSchema = z.strictObject({
  password: z.string().min(1),
  repeat: z.string().min(1),
  encrypted: z.boolean().optional(),
});
const sessionSchema = z.strictObject({
  username: z.string().min(1),
  password: z.string(),
  encrypted: z.boolean().optional(),
});

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
      handler: async (req) => {
        const nd = notDeployed();
        if (nd) return nd;
        const parsed = setupRootSchema.safeParse(await req.json());
        if (!parsed.success) return grpcFail(400, 3, describeIssues(parsed.error.issues));
        if (parsed.data.password !== parsed.data.repeat)
          return grpcFail(400, 3, 'password and repeat do not match');
        // Already initialized: the real API refuses a second setup (ALREADY_EXISTS).
        if (world.rootPassword !== undefined) return grpcFail(409, 6, 'root user has already been set up');
        world.rootPassword = parsed.data.password;
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
      handler: async (req) => {
        const nd = notDeployed();
        if (nd) return nd;
        const parsed = sessionSchema.safeParse(await req.json());
        if (!parsed.success) return grpcFail(400, 3, describeIssues(parsed.error.issues));
        const { username, password } = parsed.data;
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
