// `hci-bringup codec-server`: Temporal's codec-server protocol for the Web UI and the temporal CLI,
// with the same payload key the worker uses (HCI_PAYLOAD_KEY or its key file).
import { say } from '../../i18n/index.js';
import { parseCommand, str, type Command, type CommandSpec } from '../command-spec.js';
import { ALLOWED_HOST_OPTION } from '../allowed-host-option.js';
import { pickLang } from '../pick-lang.js';

const spec: CommandSpec = {
  name: 'codec-server',
  summary: {
    zh: '为 Web UI 和 temporal 命令行解密载荷 (Temporal codec server 协议)',
    en: 'decrypt payloads for the Web UI and the temporal CLI (Temporal codec-server protocol)',
  },
  options: {
    port: {
      type: 'string',
      value: '<port>',
      default: '8081',
      help: { zh: '监听端口', en: 'port to listen on' },
    },
    host: {
      type: 'string',
      value: '<address>',
      default: '127.0.0.1',
      help: {
        zh: '监听地址 (非回环地址需设置 HCI_CODEC_TOKEN)',
        en: 'address to listen on (beyond loopback, HCI_CODEC_TOKEN is required)',
      },
    },
    ...ALLOWED_HOST_OPTION,
    origin: {
      type: 'string',
      value: '<url>',
      default: 'http://localhost:8233',
      help: { zh: '允许跨域访问的 Web UI 来源', en: 'the Web UI origin allowed by CORS' },
    },
  },
  notes: {
    zh: '使用 HCI_PAYLOAD_KEY (或其密钥文件)；设置 HCI_CODEC_TOKEN 后请求需带 Authorization: Bearer <令牌>',
    en: 'uses HCI_PAYLOAD_KEY (or its key file); with HCI_CODEC_TOKEN set, requests need Authorization: Bearer <token>',
  },
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
    console.error('错误: --port 需要 0-65535 的整数 / error: --port needs a whole number 0-65535');
    return 2;
  }
  if (!origin.success) {
    console.error(
      '错误: --origin 应为 scheme://host[:port]，如 http://localhost:8233 / error: --origin must be scheme://host[:port], e.g. http://localhost:8233',
    );
    return 2;
  }
  const { AesGcmPayloadCodec } = await import('../../codec/aes-gcm-codec.js');
  const { createCodecServer, listen } = await import('../../codec/codec-server.js');
  const { loadPayloadKey, payloadKeyConfigured } = await import('../../codec/key.js');
  const token = process.env.HCI_CODEC_TOKEN || undefined;
  // Whoever reaches this port can decrypt every payload: beyond loopback, a token is required.
  if (!isLoopback(host) && !token) {
    console.error(
      say(lang, {
        zh: `错误: 监听非回环地址 ${host} 时必须设置 HCI_CODEC_TOKEN (否则任何人都能解密)`,
        en: `error: listening on ${host} (not loopback) needs HCI_CODEC_TOKEN, otherwise anyone could decrypt`,
      }),
    );
    return 2;
  }
  // Without a key the payloads are plain JSON already: there is nothing for a codec server to do.
  if (!payloadKeyConfigured()) {
    console.error(
      say(lang, {
        zh: '错误: 未配置载荷密钥，载荷是明文 JSON，Web UI 可直接查看，无需编解码服务。需要加密时，请为 worker 和 CLI 设置同一个 HCI_PAYLOAD_KEY (或 HCI_PAYLOAD_KEY_FILE)',
        en: 'error: no payload key is configured, so payloads are plain JSON the Web UI shows without a codec server. For encryption, give the worker and the CLI the same HCI_PAYLOAD_KEY (or HCI_PAYLOAD_KEY_FILE)',
      }),
    );
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
    say(lang, {
      zh: `编解码服务已启动: ${url}  (密钥指纹 ${keyId}, 允许来源 ${origin.data}, ${token ? '需要令牌' : '无令牌'})`,
      en: `codec server listening on ${url}  (key id ${keyId}, allowed origin ${origin.data}, ${token ? 'token required' : 'no token'})`,
    }),
  );
  console.log(
    say(lang, {
      zh: `Web UI: 设置 → Codec Server → ${url}；命令行: temporal workflow show --codec-endpoint ${url} -w <运行ID>`,
      en: `Web UI: Settings → Codec Server → ${url}; CLI: temporal workflow show --codec-endpoint ${url} -w <run id>`,
    }),
  );
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
