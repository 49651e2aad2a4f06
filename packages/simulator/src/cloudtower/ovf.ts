// OvfApi of the official SDKs, as the simulator plays it: `upload-elf-file` (multipart, one chunk per
// request, appended in order; the answer is the UploadTask) and `parse-ovf` (multipart descriptor →
// ParsedOVF). Both are multipart, so they are routes of their own rather than JSON restRoutes; the
// JSON side (get-upload-tasks, get-vm-volumes) is in rest/ops-vms.ts. Shapes the SDKs leave open are
// documented in docs/simulator-cloudtower.md "Test VMs".
import { open } from 'node:fs/promises';
import type { SimContext, SimReply, SimRequest, SimRoute } from '../core/contract.js';
import { MultipartError, MultipartReader, boundaryOf, type MultipartPart } from '../core/multipart.js';
import { frameworks, sdk } from '../core/evidence.js';
import { advanceAll } from './advance.js';
import { authenticate } from './auth.js';
import { findCluster } from './clusters.js';
import { dataPath } from './files.js';
import { cuid, isoAt } from './ids.js';
import type { CloudTowerSimOptions } from './options.js';
import { jsonReply, restError } from './replies.js';
import { withLock } from './runtime.js';
import { countEffect } from './store.js';
import { vmState, type ElfUploadRecord } from './vms.js';

/** The server's chunk size for upload-elf-file (what it answers as chunk_size). */
export const ELF_UPLOAD_CHUNK_SIZE = 8 * 1024 * 1024;
const SIZE_UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

export function uploadTaskView(u: ElfUploadRecord): Record<string, unknown> {
  return {
    id: u.id,
    status: u.status,
    current_chunk: u.current_chunk,
    chunk_size: u.chunk_size,
    size: u.size,
    resource_type: 'OVF',
    args: { name: u.name, cluster_id: u.cluster_id, size: u.size },
    started_at: u.started_at,
    updated_at: u.updated_at,
    finished_at: u.finished_at,
  };
}

class BadRequest extends Error {}

/** Form fields the SDK's form does not have are skipped, the request marked `lenient`. */
function markUnread(req: SimRequest, fields: Record<string, string>, known: string[]): void {
  for (const name of Object.keys(fields)) if (!known.includes(name)) req.lenient(`unknown-part:${name}`);
}

/** Reads text fields until the `file` part; returns them and the file part (unread). */
async function fieldsAndFile(
  reader: MultipartReader,
): Promise<{ fields: Record<string, string>; file?: MultipartPart }> {
  const fields: Record<string, string> = {};
  for (;;) {
    const part = await reader.next();
    if (!part) return { fields };
    if (part.isFile) {
      if (part.name !== 'file') throw new BadRequest(`unexpected file part "${part.name}"`);
      return { fields, file: part };
    }
    fields[part.name] = await part.text(4096);
  }
}

function authed(
  options: CloudTowerSimOptions,
  op: string,
  handle: (req: SimRequest, ctx: SimContext, reader: MultipartReader) => Promise<SimReply>,
): SimRoute {
  const path = `/v2/api/${op}`;
  return {
    method: 'POST',
    pattern: path,
    name: `cloudtower.rest.${op}`,
    request: {
      body: 'multipart',
      // Form fields the operation does not read are skipped (marked `lenient` by the handlers).
      unknownKeys: 'lenient',
      refusals: [
        {
          status: 400,
          message: 'BadRequest expected a multipart/form-data body',
          source: frameworks.multipartBoundary,
        },
        {
          status: 400,
          message: 'InvalidParams <multipart error>',
          source: sdk(`cloudtower-node-sdk OvfApi ${op}: a multipart form with a file part`),
        },
      ],
    },
    async handler(req, ctx) {
      await advanceAll(ctx);
      const auth = authenticate(ctx, options, req, { token: true, cookie: false });
      if (!auth.ok) {
        req.raw.resume();
        return restError(
          path,
          401,
          'Unauthorized',
          auth.reason === 'expired' ? 'token expired' : 'Unauthorized',
        );
      }
      const contentType = req.headers['content-type'];
      if (!boundaryOf(contentType)) {
        req.raw.resume();
        return restError(path, 400, 'BadRequest', 'expected a multipart/form-data body');
      }
      let reader: MultipartReader | undefined;
      try {
        reader = new MultipartReader(req.raw, contentType!);
        return await handle(req, ctx, reader);
      } catch (err) {
        await reader?.drain().catch(() => undefined);
        if (err instanceof BadRequest || err instanceof MultipartError)
          return restError(path, 400, 'InvalidParams', err.message);
        throw err;
      }
    },
  };
}

async function writeChunk(u: ElfUploadRecord, part: MultipartPart): Promise<number> {
  const index = u.current_chunk;
  const expected = Math.min(u.chunk_size, u.size - index * u.chunk_size);
  const fh = await open(u.file, 'r+');
  let size = 0;
  try {
    let position = index * u.chunk_size;
    for await (const chunk of part.body()) {
      size += chunk.length;
      if (size > expected) continue;
      await fh.write(chunk, 0, chunk.length, position);
      position += chunk.length;
    }
  } finally {
    await fh.close();
  }
  if (size !== expected) throw new BadRequest(`chunk ${index} has ${size} bytes, expected ${expected}`);
  return size;
}

/**
 * The last chunk: the upload task SUCCESSED. No volume appears by itself: as in the SDKs, an
 * upload task is consumed by `import-vm` (rest/ops-vms.ts), which makes the VM and its volume.
 */
function finish(ctx: SimContext, u: ElfUploadRecord): void {
  u.status = 'SUCCESSED';
  u.finished_at = isoAt(ctx.clock.now());
  countEffect(ctx, 'rest:upload-elf-file.done');
  ctx.log('cloudtower.elf-upload-done', { name: u.name, size: u.size });
}

function uploadElfFile(options: CloudTowerSimOptions): SimRoute {
  return authed(options, 'upload-elf-file', async (req, ctx, reader) => {
    const { fields, file } = await fieldsAndFile(reader);
    markUnread(req, fields, ['cluster_id', 'name', 'size', 'size_unit', 'upload_task_id']);
    if (!file) throw new BadRequest('file: required');
    const state = vmState(ctx);
    const taskId = fields.upload_task_id;
    let u: ElfUploadRecord | undefined;
    if (taskId) {
      u = state.elfUploads.find((t) => t.id === taskId);
      if (!u) throw new BadRequest(`upload_task_id: no upload task ${taskId}`);
      if (u.status !== 'UPLOADING') throw new BadRequest(`upload task ${taskId} is ${u.status}`);
    } else {
      const clusterId = fields.cluster_id;
      if (!clusterId || !findCluster(ctx, clusterId))
        throw new BadRequest(`cluster_id: no cluster ${clusterId ?? ''}`);
      if (!fields.name) throw new BadRequest('name: required');
      const unit = SIZE_UNITS[fields.size_unit ?? 'B'];
      const amount = Number(fields.size);
      if (!unit || !Number.isInteger(amount) || amount <= 0)
        throw new BadRequest(
          `size/size_unit: a positive size is required (got ${fields.size} ${fields.size_unit ?? ''})`,
        );
      const now = isoAt(ctx.clock.now());
      const id = cuid(ctx);
      u = {
        id,
        name: fields.name,
        cluster_id: clusterId,
        size: amount * unit,
        chunk_size: ELF_UPLOAD_CHUNK_SIZE,
        current_chunk: 0,
        status: 'UPLOADING',
        started_at: now,
        updated_at: now,
        finished_at: null,
        file: await dataPath(ctx, 'elf-uploads', `${id}.bin`),
      };
      const fh = await open(u.file, 'w');
      await fh.truncate(u.size);
      await fh.close();
      state.elfUploads.push(u);
      countEffect(ctx, 'rest:upload-elf-file.task');
    }
    const task = u;
    return withLock(ctx.state, `elf-upload:${task.id}`, async () => {
      await writeChunk(task, file);
      await reader.drain();
      task.current_chunk++;
      task.updated_at = isoAt(ctx.clock.now());
      if (task.current_chunk * task.chunk_size >= task.size) finish(ctx, task);
      return jsonReply(200, uploadTaskView(task));
    });
  });
}

/** The numbers a DMTF OVF descriptor gives (regular expressions: the descriptor is small and flat). */
export function parseOvfDescriptor(xml: string): Record<string, unknown> {
  if (!/<(?:\w+:)?Envelope\b/.test(xml) || !/<(?:\w+:)?VirtualSystem\b/.test(xml))
    throw new BadRequest('file: not an OVF descriptor (no Envelope/VirtualSystem)');
  const items = [...xml.matchAll(/<(?:\w+:)?Item>([\s\S]*?)<\/(?:\w+:)?Item>/g)].map((m) => m[1]);
  const field = (item: string, name: string) =>
    new RegExp(`<rasd:${name}>([^<]*)</rasd:${name}>`).exec(item)?.[1]?.trim();
  const ofType = (t: number) => items.filter((i) => field(i, 'ResourceType') === String(t));
  const vcpu = Number(field(ofType(3)[0] ?? '', 'VirtualQuantity') ?? 1);
  const memItem = ofType(4)[0] ?? '';
  const memQty = Number(field(memItem, 'VirtualQuantity') ?? 1024);
  const memUnit = field(memItem, 'AllocationUnits') ?? 'byte * 2^20';
  const exp = /2\^(\d+)/.exec(memUnit)?.[1];
  const memory = memQty * 2 ** Number(exp ?? 20);
  // ParsedOVF as the official SDKs type it: disks {size, type, bus, name}, nics {mac}.
  const files = [...xml.matchAll(/<File\b([^>]*)\/?>/g)].map((m) => ({
    name: /ovf:href="([^"]+)"/.exec(m[1])?.[1] ?? '',
    size: Number(/ovf:size="(\d+)"/.exec(m[1])?.[1] ?? 0),
    type: 'DISK',
    bus: 'VIRTIO',
  }));
  if (!Number.isInteger(vcpu) || vcpu < 1)
    throw new BadRequest('file: the descriptor has no valid CPU count');
  return {
    name: /<(?:\w+:)?Name>([^<]*)<\/(?:\w+:)?Name>/.exec(xml)?.[1] ?? '',
    description: '',
    vcpu,
    cpu: { sockets: vcpu, cores: 1 },
    memory,
    firmware: /efi/i.test(xml) ? 'UEFI' : 'BIOS',
    disks: files,
    nics: ofType(10).map((item) => ({ mac: field(item, 'Address') ?? '' })),
  };
}

function parseOvf(options: CloudTowerSimOptions): SimRoute {
  return authed(options, 'parse-ovf', async (req, ctx, reader) => {
    const fields: Record<string, string> = {};
    let xml: string | undefined;
    for (let part = await reader.next(); part; part = await reader.next()) {
      if (part.name === 'file') xml = await part.text(1024 * 1024);
      else fields[part.name] = await part.text(4096);
    }
    markUnread(req, fields, ['cluster_id']);
    if (!fields.cluster_id || !findCluster(ctx, fields.cluster_id))
      throw new BadRequest(`cluster_id: no cluster ${fields.cluster_id ?? ''}`);
    if (xml === undefined) throw new BadRequest('file: required');
    countEffect(ctx, 'rest:parse-ovf');
    return jsonReply(200, parseOvfDescriptor(xml));
  });
}

export function ovfRoutes(options: CloudTowerSimOptions): SimRoute[] {
  return [uploadElfFile(options), parseOvf(options)];
}
