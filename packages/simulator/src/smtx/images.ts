// Images and uploads (seed 003 §03 SVT, §04 CloudTower ISO):
//   GET    /api/v2/images                         ISO images, upload volumes still filling included
//                                                 (`resource_state: "uploading"`, a guess: docs/decisions.md)
//   POST   /api/v2/images/upload/volume?name&size&device=nfs&description&task_id
//   POST   /api/v2/images/upload?zbs_volume_id&chunk_num&image_uuid   multipart `file`
//   DELETE /api/v2/images/:uuid
//   POST   /api/v2/svt_image/create_volume?name&size
//   POST   /api/v2/svt_image/upload_template?zbs_volume_id&chunk_num&image_uuid   multipart `file`
// Fault points: `chunk:<n>` (kind fail/status -> 500 after the body, reset -> connection cut midway).
import type { SimReply, SimRequest, SimRoute } from '../core/contract.js';
import { fail, ok, SimBadRequest } from '../core/envelope.js';
import { seedLine, type RequestRules } from '../core/evidence.js';
import { authed } from './auth.js';
import { multipartType, streamFilePart } from './multipart.js';
import type { Upload, UploadStore } from './upload-store.js';
import type { SmtxWorld } from './world.js';

function imageView(u: Upload): Record<string, unknown> {
  const r = u.record;
  return {
    description: r.description,
    file_name: r.uuid,
    md5: r.md5,
    name: r.name,
    os: null,
    path: r.image_path,
    // Usable from the moment the last chunk is in (the md5 follows once the background hash is done).
    resource_state: r.complete ? 'in-use' : 'uploading',
    size: r.size,
    time: r.time,
    type: u.kind === 'svt' ? 'SVT_IMAGE' : 'ISO_IMAGE',
    uuid: r.uuid,
    vm_snapshots_count: 0,
    vm_templates_count: 0,
    vms_count: 0,
    zbs_volume_id: r.zbs_volume_id,
  };
}

/** The volume is created from the query string (seed 003); its name and size are what it needs. */
const volumeRules = (seed: string, line: number): RequestRules => ({
  body: 'none',
  unknownKeys: 'drop',
  refusals: [
    { status: 400, message: 'EINVALID_ARGUMENT name is required', source: seedLine(seed, line, 'name=') },
    {
      status: 400,
      message: 'EINVALID_ARGUMENT size must be a positive integer (bytes)',
      source: seedLine(seed, line, 'size='),
    },
  ],
});

/** A chunk names its place (`chunk_num`) and is `chunk_size` long (the last one shorter). */
const chunkRules: RequestRules = {
  body: 'multipart',
  // Another form part beside the file is skipped, marked `lenient:unknown-part:<name>`.
  unknownKeys: 'lenient',
  refusals: [
    {
      status: 400,
      message: 'EINVALID_ARGUMENT chunk_num must be an integer in [0, <last>]',
      source: seedLine('002', 123, 'chunk_num'),
    },
    {
      status: 400,
      message: 'EINVALID_ARGUMENT chunk <n> must be <chunk_size> bytes, got <n>',
      source: seedLine('003', 923, 'chunk_size'),
    },
    {
      status: 400,
      message: 'EINVALID_ARGUMENT body must be multipart/form-data with a file part',
      source: seedLine('001', 89, 'multipart/form-data'),
    },
  ],
};

export function imageRoutes(world: SmtxWorld, store: UploadStore): SimRoute[] {
  const createVolume = (kind: 'iso' | 'svt') =>
    authed(world, async (req) => {
      const name = req.query.get('name') ?? '';
      const sizeText = req.query.get('size') ?? '';
      const size = Number(sizeText);
      if (!name) return fail(400, 'EINVALID_ARGUMENT', 'name is required');
      if (!/^\d+$/.test(sizeText) || size <= 0)
        return fail(400, 'EINVALID_ARGUMENT', 'size must be a positive integer (bytes)');
      // Seed 003 sends device=nfs; nothing shows another device refused: served, marked.
      if (kind === 'iso' && (req.query.get('device') ?? 'nfs') !== 'nfs') req.lenient('device:not-nfs');
      const u = await store.create(kind, name, size, req.query.get('description') ?? '');
      const data = {
        chunk_size: u.chunkSize,
        image_path: u.record.image_path,
        image_uuid: u.record.uuid,
        to_upload: store.toUpload(u),
        zbs_volume_id: u.record.zbs_volume_id,
      };
      // The ISO volume sample of seed 003 carries "error": null; the SVT one {}.
      return kind === 'iso' ? { status: 200, body: { data, ec: 'EOK', error: null } } : ok(data);
    });

  const uploadChunk = authed(world, async (req: SimRequest): Promise<SimReply> => {
    const imageUuid = req.query.get('image_uuid') ?? '';
    const volumeId = req.query.get('zbs_volume_id') ?? '';
    const chunkText = req.query.get('chunk_num') ?? '';
    const u = store.find(imageUuid, volumeId);
    if (!u) return fail(404, 'ENOT_FOUND', 'no upload volume with this image_uuid and zbs_volume_id');
    if (!/^\d+$/.test(chunkText) || Number(chunkText) >= u.chunks) {
      return fail(400, 'EINVALID_ARGUMENT', `chunk_num must be an integer in [0, ${u.chunks - 1}]`);
    }
    const n = Number(chunkText);
    const contentType = multipartType(req.headers['content-type']);
    const fault = world.core.faults.fire(`chunk:${n}`);
    if (fault?.kind === 'reset') {
      // Read a little, then cut the connection: the chunk is incomplete on the server.
      await new Promise((r) => setTimeout(r, 5));
      req.raw.socket.destroy();
      return { status: 0 };
    }
    try {
      if (fault && (fault.kind === 'fail' || fault.kind === 'status')) {
        // The server takes the body but fails to store it: the chunk stays in to_upload.
        await streamFilePart(req.raw, contentType, 'file', () => undefined);
        return fail(fault.status ?? 500, fault.ec ?? 'EUPLOAD_FAILED', fault.message ?? `chunk ${n} failed`);
      }
      const arriving = world.core.clock.now();
      await store.writeChunk(u, n, req.raw, contentType, (name) => req.lenient(`unknown-part:${name}`));
      // The reply leaves once the chunk would have crossed the site link (site bandwidth).
      await world.core.siteLink.carried(
        n === u.chunks - 1 ? u.size - n * u.chunkSize : u.chunkSize,
        arriving,
      );
    } catch (err) {
      if (err instanceof SimBadRequest) return fail(err.status, err.ec, err.message);
      throw err;
    }
    const missing = store.toUpload(u);
    if (u.kind === 'svt' && world.opts.svtChunkAnswer === 'next_chunk')
      return ok({ chunk_num: n, next_chunk: missing[0] ?? u.chunks });
    return ok({ chunk_num: n, to_upload: missing });
  });

  return [
    {
      method: 'GET',
      pattern: '/api/v2/images',
      name: 'fisheye.images.list',
      handler: authed(world, async () =>
        ok({
          images: [...store.uploads.values()].filter((u) => u.kind === 'iso').map(imageView),
        }),
      ),
    },
    {
      method: 'POST',
      pattern: '/api/v2/images/upload/volume',
      name: 'fisheye.images.upload_volume',
      request: volumeRules('003', 1108),
      handler: createVolume('iso'),
    },
    {
      method: 'POST',
      pattern: '/api/v2/images/upload',
      name: 'fisheye.images.upload_chunk',
      request: chunkRules,
      handler: uploadChunk,
    },
    {
      method: 'DELETE',
      pattern: '/api/v2/images/:uuid',
      name: 'fisheye.images.delete',
      handler: authed(world, async (req) => {
        const u = store.uploads.get(req.params.uuid);
        if (!u) return fail(404, 'ENOT_FOUND', `image ${req.params.uuid} not found`);
        // An image in a VM's CD-ROM is in use: the appliance refuses to drop it (eject it first).
        const users = world.state.vms.filter((vm) =>
          (vm.disks as { type: string; path?: string }[]).some(
            (d) => d.type === 'cdrom' && d.path && d.path === u.record.image_path,
          ),
        );
        if (users.length > 0)
          return fail(
            400,
            'EIMAGE_IN_USE',
            `image ${req.params.uuid} is mounted by vm ${users.map((v) => String(v.vm_name)).join(', ')}`,
          );
        await store.delete(req.params.uuid);
        return ok({});
      }),
    },
    {
      method: 'POST',
      pattern: '/api/v2/svt_image/create_volume',
      name: 'fisheye.svt.create_volume',
      request: volumeRules('003', 913),
      handler: createVolume('svt'),
    },
    {
      method: 'POST',
      pattern: '/api/v2/svt_image/upload_template',
      name: 'fisheye.svt.upload_chunk',
      request: chunkRules,
      handler: uploadChunk,
    },
    {
      method: 'GET',
      pattern: '/api/v2/svt_image',
      name: 'fisheye.svt.list',
      handler: authed(world, async () =>
        ok({
          images: [...store.uploads.values()].filter((u) => u.kind === 'svt').map(imageView),
        }),
      ),
    },
  ];
}
