// `hci-bringup codec-server`: Temporal's codec-server protocol for the Web UI and the temporal CLI,
// with the same payload key the worker uses (HCI_PAYLOAD_KEY or its key file).
import { bilingual, t, tBoth } from '../../i18n/index.js';
import { parseCommand, str, type Command, type CommandSpec } from '../command-spec.js';
import { ALLOWED_HOST_OPTION } from '../allowed-host-option.js';
import { pickLang } from '../pick-lang.js';

const spec: CommandSpec = {
  name: 'codec-server',
  summary: bilingual('cli.codecServer.summary'),
  options: {
    port: {
      type: 'string',
      value: '<port>',
      default: '8081',
      help: bilingual('cli.codecServer.opt.port'),
    },
    host: {
      type: 'string',
      value: '<address>',
      default: '127.0.0.1',
      help: bilingual('cli.codecServer.opt.host'),
    },
    ...ALLOWED_HOST_OPTION,
    origin: {
      type: 'string',
      value: '<url>',
      default: 'http://localhost:8233',
      help: bilingual('cli.codecServer.opt.origin'),
    },
  },
  notes: bilingual('cli.codecServer.notes'),
  examples: [
    'hci-bringup codec-server --port 8081',
    'temporal workflow show -w bringup-CN-BJ-SMTX-Prod-Cls01 --codec-endpoint http://127.0.0.1:8081',
  ],
};

export const codecServerCommand: Command = { spec, run: runCodecServerCommand };

const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(host);

async function runCodecServerCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(spec, argv);
  const lang = pickLang(str(values, 'lang'));
  const { z } = await import('zod');
  const port = z.coerce.number().int().min(0).max(65535).safeParse(str(values, 'port'));
  const origin = z
    .string()
    .url()
    .refine((o) => new URL(o).origin === o, 'an origin is scheme://host[:port], no path')
    .safeParse(str(values, 'origin'));
  const host = str(values, 'host') ?? '127.0.0.1';
  if (!port.success) {
    console.error(tBoth('cli.badPort'));
    return 2;
  }
  if (!origin.success) {
    console.error(tBoth('cli.codecServer.badOrigin'));
    return 2;
  }
  const { AesGcmPayloadCodec } = await import('../../codec/aes-gcm-codec.js');
  const { createCodecServer, listen } = await import('../../codec/codec-server.js');
  const { loadPayloadKey, payloadKeyConfigured } = await import('../../codec/key.js');
  const token = process.env.HCI_CODEC_TOKEN || undefined;
  // Whoever reaches this port can decrypt every payload: beyond loopback, a token is required.
  if (!isLoopback(host) && !token) {
    console.error(t(lang, 'cli.codecServer.needsToken', { host }));
    return 2;
  }
  // Without a key the payloads are plain JSON already: there is nothing for a codec server to do.
  if (!payloadKeyConfigured()) {
    console.error(t(lang, 'cli.codecServer.noPayloadKey'));
    return 2;
  }
  const { key, keyId } = loadPayloadKey();
  const { allowedHostList } = await import('../../config/host-header.js');
  const server = createCodecServer({
    codec: new AesGcmPayloadCodec(key, keyId),
    origin: origin.data,
    token,
    allowedHosts: allowedHostList(str(values, 'allowed-host')),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  const address = await listen(server, port.data, host);
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  console.log(
    t(lang, 'cli.codecServer.listening', {
      url,
      keyId,
      origin: origin.data,
      token: token ? t(lang, 'cli.codecServer.tokenRequired') : t(lang, 'cli.codecServer.noTokenSet'),
    }),
  );
  console.log(t(lang, 'cli.codecServer.howToUse', { url }));
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
