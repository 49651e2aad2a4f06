// Observability package upload through CloudTower's OVM operator — seed 003 §07 "上传Observability安装包"
// (seed 000 step 4): create (v3) → 4 MiB parts (v1, multipart `file` + `id`) → commit (v3 `…:commit`).
// Auth is HTTP Basic `o11y:HC!r0cks` (a fixed product credential, per the seed) plus the CloudTower web
// session cookie `connect.sid` from the GraphQL `login`; on 401 the cookie is renewed once.
//
// Seed 003 shows the part request with `content-type: ultipart/form-data` (sic) and
// `content-encoding: gzip`, copied from a browser capture; a plain, uncompressed multipart body is sent.
import { z } from 'zod';
import type { CookieSource } from './cloudtower-graphql.js';
import type { EndpointResolver } from './endpoints.js';
import { SmartxHttpError } from './errors.js';
import { OBS_OPERATOR_PASSWORD, OBS_OPERATOR_USER } from './default-passwords.js';
import { SmartxHttp, type SessionAuth } from './http.js';
import { multipartBody, type FileData } from './multipart.js';

export const OBS_PART_SIZE = 4 * 1024 * 1024;

const uploadSchema = z.looseObject({
  id: z.string(),
  // v3 answers offset as a string ("0"), v1 as a number (4194304).
  offset: z.union([z.string(), z.number()]).transform((v) => Number(v)),
  status: z.union([z.string(), z.number()]).optional(),
  origin_file_name: z.string().optional(),
  error_code: z.string().nullish(),
  error_message: z.string().nullish(),
});
type ObsChunkedUpload = z.infer<typeof uploadSchema>;

export class ObsOperatorClient {
  readonly http: SmartxHttp;

  constructor(
    resolver: EndpointResolver,
    cloudtowerAddress: string,
    cookies: CookieSource,
    options: { timeoutMs?: number } = {},
  ) {
    const basic = `Basic ${Buffer.from(`${OBS_OPERATOR_USER}:${OBS_OPERATOR_PASSWORD}`).toString('base64')}`;
    const auth: SessionAuth = {
      headers: async () => ({ authorization: basic, cookie: await cookies.cookie() }),
      renew: () => cookies.renew(),
    };
    this.http = new SmartxHttp({
      resolver,
      address: cloudtowerAddress,
      timeoutMs: options.timeoutMs,
      auth,
      secrets: () => [OBS_OPERATOR_PASSWORD],
    });
  }

  /** POST /api/ovm-operator/api/v3/chunkedUploads {origin_file_name} → upload id, offset 0. */
  async create(originFileName: string): Promise<ObsChunkedUpload> {
    return this.http.call({
      method: 'POST',
      path: '/api/ovm-operator/api/v3/chunkedUploads',
      json: { origin_file_name: originFileName },
      parse: 'json',
      schema: uploadSchema,
    });
  }

  /**
   * GET /api/ovm-operator/api/v3/chunkedUploads — not in seed 003 nor any published SDK: the grpc-gateway
   * List convention (`{chunked_uploads: [...]}`), a recorded guess. Finds the upload of a create whose
   * answer was lost; undefined when the operator does not answer it (then nothing can be found).
   */
  async list(): Promise<ObsChunkedUpload[] | undefined> {
    try {
      const out = await this.http.call({
        method: 'GET',
        path: '/api/ovm-operator/api/v3/chunkedUploads',
        parse: 'json',
        schema: z.looseObject({ chunked_uploads: z.array(uploadSchema).nullish() }),
      });
      return out.chunked_uploads ?? [];
    } catch (err) {
      if (err instanceof SmartxHttpError && (err.kind === 'not-found' || err.kind === 'bad-request'))
        return undefined;
      throw err;
    }
  }

  /** POST /api/ovm-operator/api/v1/chunkedUploads, multipart `file` (≤ 4 MiB, streamed) + `id` → new offset. */
  async uploadPart(input: { id: string; data: FileData; size?: number }): Promise<ObsChunkedUpload> {
    return this.http.call({
      method: 'POST',
      path: '/api/ovm-operator/api/v1/chunkedUploads',
      body: multipartBody([
        {
          name: 'file',
          filename: 'blob',
          contentType: 'application/octet-stream',
          data: input.data,
          size: input.size,
        },
        { name: 'id', value: input.id },
      ]),
      parse: 'json',
      schema: uploadSchema,
      timeoutMs: 300_000,
    });
  }

  /** POST /api/ovm-operator/api/v3/chunkedUploads/{id}:commit (seed adds `x-user-id`: the CloudTower user id). */
  async commit(id: string, userId?: string): Promise<unknown> {
    return this.http.call({
      method: 'POST',
      path: `/api/ovm-operator/api/v3/chunkedUploads/${encodeURIComponent(id)}:commit`,
      headers: userId ? { 'x-user-id': userId } : undefined,
      parse: 'none',
      schema: z.unknown(),
      timeoutMs: 120_000,
    });
  }
}
