// Every command of `hci-bringup`: summary, arguments, options (with defaults) and examples. The
// commands parse their argv with these same objects (command-spec.ts), and the help prints them.
import { STAGES } from '../run/stages.js';
import type { CommandSpec } from './command-spec.js';

const ID = '<workflow-id>';

export const validateSpec: CommandSpec = {
  name: 'validate',
  summary: {
    zh: '检查规划表；给出 --packages 时同时检查安装包目录',
    en: 'check a planning workbook; with --packages also check the package folder',
  },
  args: '<workbook.xlsx>',
  options: {
    json: { type: 'boolean', default: false, help: { zh: '以 JSON 输出', en: 'print JSON' } },
    'allow-small-cluster': {
      type: 'boolean',
      default: false,
      help: { zh: '允许少于 3 台主机', en: 'allow fewer than 3 hosts' },
    },
    packages: {
      type: 'string',
      value: '<dir>',
      help: {
        zh: '同时检查该目录下部署所需的安装包 (CloudTower/VMTools ISO, OBS, 备份)',
        en: 'also check that this folder holds the packages the plan needs (CloudTower/VMTools ISO, OBS, Backup)',
      },
    },
  },
  notes: {
    zh: '退出码: 0 有效, 1 有错误, 2 文件无法读取或用法错误',
    en: 'exit codes: 0 valid, 1 errors found, 2 unreadable file or bad usage',
  },
  examples: ['hci-bringup validate plan.xlsx --packages ./packages', 'hci-bringup validate plan.xlsx --json'],
};

export const samplePlanSpec: CommandSpec = {
  name: 'sample-plan',
  summary: {
    zh: '生成示例规划表 (全部为回环地址，用于演练)',
    en: 'write a sample workbook (loopback addresses only, for rehearsals)',
  },
  args: '[<plan.xlsx>]',
  options: {
    out: { type: 'string', short: 'o', value: '<plan.xlsx>', help: { zh: '输出文件', en: 'file to write' } },
    hosts: { type: 'string', value: '3-16', default: '3', help: { zh: '主机数量', en: 'number of hosts' } },
    arch: {
      type: 'string',
      value: '<arch>',
      default: 'three-separate',
      help: {
        zh: '网络架构: 三网独立|存储独立 (或 three-separate|storage-separate)',
        en: 'network architecture: three-separate|storage-separate (or 三网独立|存储独立)',
      },
    },
    storage: {
      type: 'string',
      value: 'hybrid|all-flash',
      default: 'hybrid',
      help: { zh: '存储架构 (也接受 混闪-分层|全闪-不分层)', en: 'storage architecture' },
    },
    boost: { type: 'boolean', default: false, help: { zh: '启用 Boost 模式', en: 'enable Boost mode' } },
    business: {
      type: 'string',
      value: '0-11',
      default: '2',
      help: { zh: '业务网络数量', en: 'number of business networks' },
    },
    'cluster-name': { type: 'string', value: '<name>', help: { zh: '集群名称', en: 'cluster name' } },
    force: {
      type: 'boolean',
      default: false,
      help: { zh: '覆盖已有文件', en: 'overwrite an existing file' },
    },
  },
  examples: ['hci-bringup sample-plan --out plan.xlsx --hosts 4'],
};

export const samplePackagesSpec: CommandSpec = {
  name: 'sample-packages',
  summary: {
    zh: '生成演练用的安装包替身 (稀疏文件，不占磁盘)',
    en: 'write stand-in package files for rehearsals (sparse, no disk cost)',
  },
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: '<dir>',
      default: 'packages',
      help: { zh: '输出目录', en: 'folder to write' },
    },
  },
  notes: {
    zh: '只用于模拟器演练；现场请放入真实的安装包。',
    en: 'for simulator rehearsals only; on site, put the real packages there.',
  },
  examples: ['hci-bringup sample-packages --out ./packages'],
};

export const startSpec: CommandSpec = {
  name: 'start',
  summary: { zh: '按规划表启动部署', en: 'start a bring-up from a planning workbook' },
  options: {
    plan: {
      type: 'string',
      value: '<workbook.xlsx>',
      help: { zh: '规划表 (必填)', en: 'planning workbook (required)' },
    },
    endpoints: {
      type: 'string',
      value: '<endpoints.json>',
      help: {
        zh: '模拟器写出的端点映射 (演练/测试)',
        en: 'endpoint map written by the simulator (rehearsal/tests)',
      },
    },
    direct: {
      type: 'boolean',
      default: false,
      help: { zh: '现场直连规划表中的地址', en: 'on site: connect to the workbook addresses' },
    },
    packages: {
      type: 'string',
      value: '<dir>',
      default: 'packages',
      help: {
        zh: '安装包目录 (启动前检查所需的包)',
        en: 'package folder (checked for the needed packages before starting)',
      },
    },
    artifacts: {
      type: 'string',
      value: '<dir>',
      help: { zh: '产物目录 (默认 artifacts/<id>)', en: 'artifacts folder (default artifacts/<id>)' },
    },
    obs: {
      type: 'string',
      value: 'auto|ask|skip',
      default: 'ask',
      help: { zh: '可观测性 (OBS) 组件', en: 'Observability (OBS) component' },
    },
    backup: {
      type: 'string',
      value: 'auto|ask|skip',
      default: 'ask',
      help: { zh: '备份组件', en: 'Backup component' },
    },
    testload: {
      type: 'string',
      value: 'auto|ask|skip',
      default: 'skip',
      help: {
        zh: '测试负载 (阶段 09 测试虚拟机与阶段 10 性能测试)',
        en: 'test load (stage 09 test VMs, then stage 10 performance tests)',
      },
    },
    'approval-timeout': {
      type: 'string',
      value: '<seconds>',
      help: { zh: '等待批准的超时秒数', en: 'seconds to wait for an approval' },
    },
    'on-approval-timeout': {
      type: 'string',
      value: 'skip|approve',
      default: 'skip',
      help: { zh: '批准超时后的做法', en: 'what to do when the approval times out' },
    },
    speed: {
      type: 'string',
      value: '<n>',
      help: { zh: '模拟器加速倍数 (仅演练)', en: 'simulator speed-up (rehearsals only)' },
    },
    site: {
      type: 'string',
      value: '<name>',
      help: {
        zh: '站点名 (小写字母/数字/-): 由该站点的 worker (任务队列 hci-bringup.<name>) 执行; 默认 HCI_SITE',
        en: "site name (a-z, 0-9, -): run by that site's worker (task queue hci-bringup.<name>); default HCI_SITE",
      },
    },
    schedule: {
      type: 'string',
      value: 'overlapped|sequential',
      default: 'overlapped',
      help: {
        zh: '调度: overlapped 按依赖并行 (docs/schedule.md), sequential 按种子顺序逐阶段',
        en: "schedule: overlapped runs independent work side by side (docs/schedule.md), sequential one stage after another in the seed's order",
      },
    },
    'stop-after': {
      type: 'string',
      value: '<stage>',
      help: {
        zh: `完成该阶段后停止: ${STAGES.join(', ')}`,
        en: `stop after this stage: ${STAGES.join(', ')}`,
      },
    },
    id: {
      type: 'string',
      value: ID,
      help: {
        zh: '运行 ID (默认 bringup-<集群名>，有站点时 bringup-<站点>-<集群名>)',
        en: 'run id (default bringup-<cluster name>, with a site bringup-<site>-<cluster name>)',
      },
    },
    wait: {
      type: 'boolean',
      default: false,
      help: { zh: '跟随运行直到结束', en: 'follow the run until it ends' },
    },
    'fail-fast': {
      type: 'boolean',
      default: false,
      help: {
        zh: '步骤失败即结束运行 (默认等待修复后 retry)',
        en: 'end the run when a step fails (default: wait for retry)',
      },
    },
    'keep-test-vms': {
      type: 'boolean',
      default: false,
      help: {
        zh: '收尾清理 (阶段 11) 保留测试虚拟机 (默认删除)',
        en: 'stage 11 (cleanup) keeps the test VMs (default: deletes them)',
      },
    },
    'disruptive-tests': {
      type: 'string',
      value: 'refuse|maintenance',
      default: 'refuse',
      help: {
        zh: '阶段 10 破坏性测试, 仅对本次运行的明确批准: maintenance = 一台主机进入维护模式再退出 (需 ≥3 台主机与测试负载)',
        en: 'stage 10 disruptive test, an explicit approval for this run only: maintenance = one host into maintenance mode and back (needs ≥3 hosts and the test load)',
      },
    },
    'disruptive-host': {
      type: 'string',
      value: '<hostname>',
      help: {
        zh: '进入维护模式的主机 (主机规划 H 列); 默认: 规划中最后一台不运行 CloudTower/OBS/备份虚拟机的主机',
        en: 'the host for maintenance mode (主机规划 column H); default: the last plan host running no CloudTower/OBS/Backup VM',
      },
    },
  },
  notes: {
    zh: '退出码: 0 已启动/成功, 1 失败, 2 用法错误或缺少安装包, 3 有阶段失败并等待 retry, 4 完成但需关注 (可选组件失败)',
    en: 'exit codes: 0 started/succeeded, 1 failed, 2 bad usage or missing packages, 3 a stage failed and waits for retry, 4 completed with failures (an optional component failed)',
  },
  examples: [
    'hci-bringup start --plan plan.xlsx --endpoints sim/endpoints.json --packages ./packages --wait',
    'hci-bringup start --plan plan.xlsx --direct --packages /data/packages --obs auto --backup skip',
    'hci-bringup start --plan plan.xlsx --direct --site bj-dc1   # run by `npm run worker -- --site bj-dc1`',
  ],
};

export const listSpec: CommandSpec = {
  name: 'list',
  summary: { zh: '列出最近的部署运行', en: 'list recent bring-up runs' },
  options: {
    limit: {
      type: 'string',
      value: '<n>',
      default: '20',
      help: { zh: '最多显示条数', en: 'at most this many' },
    },
    json: { type: 'boolean', default: false, help: { zh: '以 JSON 输出', en: 'print JSON' } },
  },
  examples: ['hci-bringup list', 'hci-bringup list --limit 5 --json'],
};

export const watchSpec: CommandSpec = {
  name: 'watch',
  summary: {
    zh: '实时跟随运行直到结束 (含失败、retry 与批准等待)',
    en: 'follow a run until it ends (through failures, retries and approvals)',
  },
  args: ID,
  options: {
    interval: {
      type: 'string',
      value: '<ms>',
      default: '1000',
      help: { zh: '刷新间隔 (毫秒)', en: 'refresh interval (milliseconds)' },
    },
  },
  notes: {
    zh: '退出码: 0 成功 (或按要求停止), 1 失败、终止或取消, 4 完成但需关注 (可选组件失败)。终端上原地刷新；输出到日志时只打印变化的行',
    en: 'exit codes: 0 succeeded (or stopped as asked), 1 failed, terminated or cancelled, 4 completed with failures (an optional component failed). Redraws in place on a terminal; in a log, prints only the lines that changed',
  },
  examples: ['hci-bringup watch bringup-CN-BJ-SMTX-Prod-Cls01'],
};

export const codecServerSpec: CommandSpec = {
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

export const statusSpec: CommandSpec = {
  name: 'status',
  summary: { zh: '查看一次运行状态', en: 'show a run once' },
  args: ID,
  options: { json: { type: 'boolean', default: false, help: { zh: '以 JSON 输出', en: 'print JSON' } } },
  notes: {
    zh: '退出码: 0 成功/进行中, 1 失败、终止或取消, 3 有阶段失败并等待 retry, 4 完成但需关注 (可选组件失败)',
    en: 'exit codes: 0 succeeded/in progress, 1 failed, terminated or cancelled, 3 a stage failed and waits for retry, 4 completed with failures (an optional component failed)',
  },
  examples: ['hci-bringup status bringup-CN-BJ-SMTX-Prod-Cls01 --json'],
};

const decisionSpec = (name: 'approve' | 'skip', summary: CommandSpec['summary']): CommandSpec => ({
  name,
  summary,
  ...(name === 'skip'
    ? {
        notes: {
          zh: '对已失败并等待 retry 的组件执行 skip: 接受失败，运行以“完成但需关注”结束',
          en: 'skip on a component that failed and waits for retry: leave it failed; the run ends "completed with failures"',
        },
      }
    : {}),
  args: `${ID} <obs|backup|testload>`,
  options: {},
  examples: [`hci-bringup ${name} bringup-CN-BJ-SMTX-Prod-Cls01 obs`],
});

export const approveSpec = decisionSpec('approve', {
  zh: '批准等待中的可选组件 (obs|backup|testload)',
  en: 'approve an optional component that waits (obs|backup|testload)',
});
export const skipSpec = decisionSpec('skip', {
  zh: '跳过等待中的可选组件 (obs|backup|testload)',
  en: 'skip an optional component that waits (obs|backup|testload)',
});

export const retrySpec: CommandSpec = {
  name: 'retry',
  summary: {
    zh: '修复问题后重试失败的阶段或可选组件',
    en: 'retry the failed stage or optional component after fixing its cause',
  },
  args: ID,
  options: {},
  notes: {
    zh: '作为 Temporal Update 发送: 回答重新开始的阶段或组件；没有失败时被拒绝。退出码: 0 已重新开始, 1 被拒绝 (没有失败) 或运行已结束',
    en: 'sent as a Temporal Update: answers which stage or component restarted; refused when nothing has failed. Exit codes: 0 restarted, 1 refused (nothing failed) or the run has ended',
  },
  examples: ['hci-bringup retry bringup-CN-BJ-SMTX-Prod-Cls01'],
};

export const serveSpec: CommandSpec = {
  name: 'serve',
  summary: {
    zh: '启动部署服务 HTTP API (部署信息、健康检查、日志、指标)',
    en: 'serve the deploy HTTP API (deployment info, health, logs, metrics)',
  },
  options: {
    host: {
      type: 'string',
      value: '<address>',
      default: '127.0.0.1',
      help: {
        zh: '监听地址 (非回环地址需 --allow-remote)',
        en: 'listen address (non-loopback needs --allow-remote)',
      },
    },
    port: { type: 'string', value: '<port>', default: '8080', help: { zh: '监听端口', en: 'listen port' } },
    'allow-remote': {
      type: 'boolean',
      default: false,
      help: {
        zh: '允许监听非回环地址 (请同时设置 HCI_API_TOKEN)',
        en: 'allow a non-loopback listen address (set HCI_API_TOKEN too)',
      },
    },
  },
  notes: {
    zh: '设置 HCI_API_TOKEN 后，每个请求都需要 Authorization: Bearer <token>，否则返回 401。接口说明: docs/deploy-service.md',
    en: 'with HCI_API_TOKEN set, every request needs Authorization: Bearer <token>, else 401. API: docs/deploy-service.md',
  },
  examples: [
    'hci-bringup serve',
    'HCI_API_TOKEN=… hci-bringup serve --host 0.0.0.0 --port 8080 --allow-remote',
  ],
};

export const reportSpec: CommandSpec = {
  name: 'report',
  summary: {
    zh: '生成一次运行的 HTML 报告 (单个文件，可打印为 PDF)',
    en: "write a run's HTML report (one self-contained file, prints to PDF)",
  },
  args: ID,
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: '<report.html>',
      help: {
        zh: '输出文件 (默认 artifacts/<id>/report.html)',
        en: 'file to write (default artifacts/<id>/report.html)',
      },
    },
  },
  notes: {
    zh: '报告不含任何密码；运行中的运行也可生成 (显示当前进度)。',
    en: 'the report holds no password; a run still in progress gets a report of its progress so far.',
  },
  examples: [
    'hci-bringup report bringup-CN-BJ-SMTX-Prod-Cls01',
    'hci-bringup report bringup-CN-BJ-SMTX-Prod-Cls01 --out report.html --lang en',
  ],
};

export const cleanupSpec: CommandSpec = {
  name: 'cleanup',
  summary: {
    zh: '清理一次失败或放弃的运行所创建的资源 (只清理该运行创建的，按创建的逆序)',
    en: 'remove what a failed or abandoned run created (only what that run created, newest first)',
  },
  args: ID,
  options: {
    'dry-run': {
      type: 'boolean',
      default: false,
      help: { zh: '只列出将要清理的内容，不做任何删除', en: 'list what would be removed; remove nothing' },
    },
    json: {
      type: 'boolean',
      default: false,
      help: { zh: '以 JSON 输出结果', en: 'print the result as JSON' },
    },
  },
  notes: {
    zh: '运行仍在进行时拒绝 (先取消它)。运行之前已存在的资源从不删除；无法通过 API 撤销的 (已部署的集群需重装主机) 只列为人工处理。退出码: 0 完成, 1 有失败或被拒绝',
    en: 'refused while the run is still running (cancel it first). Nothing that existed before the run is ever removed; what no API can undo (a deployed cluster needs its hosts reinstalled) is listed as manual work. Exit codes: 0 done, 1 something failed or was refused',
  },
  examples: [
    'hci-bringup cleanup bringup-CN-BJ-SMTX-Prod-Cls01 --dry-run',
    'hci-bringup cleanup bringup-CN-BJ-SMTX-Prod-Cls01 --lang en',
  ],
};

export const deployPackageSpec: CommandSpec = {
  name: 'deploy-package',
  summary: {
    zh: '把版本化的制品 (.tar.gz) 经 SSH 部署到一组机器 (先金丝雀，再分批；检查失败自动回滚)',
    en: 'roll a versioned artifact (.tar.gz) onto machines over SSH (canary first, then batches; automatic rollback on a failed check)',
  },
  options: {
    plan: {
      type: 'string',
      value: '<workbook.xlsx>',
      help: {
        zh: '目标为规划表中的主机 (SSH 账号取自规划表)',
        en: "target the workbook's hosts (their SSH login)",
      },
    },
    hosts: {
      type: 'string',
      value: '<a,b,…>',
      help: {
        zh: '目标地址列表 (逗号分隔); 密码由 worker 从 HCI_SECRET_DEPLOY_SSH_PASSWORD 或密钥文件读取',
        en: 'target addresses (comma-separated); the worker reads the password from HCI_SECRET_DEPLOY_SSH_PASSWORD or its secrets file',
      },
    },
    'ssh-user': {
      type: 'string',
      value: '<user>',
      default: 'root',
      help: {
        zh: '--hosts 的 SSH 用户 (非 root 时用 sudo)',
        en: 'SSH user for --hosts (sudo when not root)',
      },
    },
    artifact: {
      type: 'string',
      value: '<file.tar.gz>',
      help: { zh: '制品 (必填)', en: 'the artifact (required)' },
    },
    service: {
      type: 'string',
      value: '<name>',
      help: { zh: 'systemd 服务名 (必填)', en: 'systemd service name (required)' },
    },
    keep: {
      type: 'string',
      value: '<n>',
      default: '3',
      help: { zh: '每台保留的版本数', en: 'releases kept per machine' },
    },
    concurrency: {
      type: 'string',
      value: '<n>',
      default: '4',
      help: { zh: '金丝雀之后同时部署的机器数', en: 'machines deployed at once after the canary' },
    },
    health: {
      type: 'string',
      value: '<url>',
      help: {
        zh: 'HTTP 健康检查地址; 主机名 localhost/{host} 指每台机器自身',
        en: 'HTTP health URL; host localhost/{host} means each machine itself',
      },
    },
    'tcp-port': { type: 'string', value: '<port>', help: { zh: 'TCP 检查端口', en: 'TCP check port' } },
    process: {
      type: 'string',
      value: '<name>',
      help: { zh: '进程检查 (pgrep -x)', en: 'process check (pgrep -x)' },
    },
    'check-timeout': {
      type: 'string',
      value: '<seconds>',
      default: '30',
      help: { zh: '重启后检查通过的最长等待', en: 'how long the checks may take to pass after a restart' },
    },
    endpoints: {
      type: 'string',
      value: '<endpoints.json>',
      help: {
        zh: '模拟器写出的端点映射 (演练/测试)',
        en: 'endpoint map written by the simulator (rehearsal/tests)',
      },
    },
    direct: {
      type: 'boolean',
      default: false,
      help: { zh: '现场直连目标地址', en: 'on site: connect to the target addresses' },
    },
    site: {
      type: 'string',
      value: '<name>',
      help: {
        zh: '站点名: 由该站点的 worker 执行; 默认 HCI_SITE',
        en: "site name: run by that site's worker; default HCI_SITE",
      },
    },
    speed: {
      type: 'string',
      value: '<n>',
      help: { zh: '模拟器加速倍数 (仅演练)', en: 'simulator speed-up (rehearsals only)' },
    },
    id: {
      type: 'string',
      value: ID,
      help: { zh: '部署 ID (默认 pkg-<服务>-<时间>)', en: 'deployment id (default pkg-<service>-<time>)' },
    },
    wait: {
      type: 'boolean',
      default: false,
      help: { zh: '等待结束并打印每台机器的结果', en: "wait for the end and print each machine's result" },
    },
  },
  notes: {
    zh: '退出码: 0 已启动/全部成功, 1 有机器失败或回滚, 2 用法错误',
    en: 'exit codes: 0 started/all deployed, 1 a machine failed or was rolled back, 2 bad usage',
  },
  examples: [
    'hci-bringup deploy-package --hosts 10.0.20.11,10.0.20.12,10.0.20.13 --artifact demo-1.2.0.tar.gz --service demo --health http://localhost:8080/health --endpoints sim/endpoints.json --wait',
    'hci-bringup deploy-package --plan plan.xlsx --artifact agent-2.0.tar.gz --service agent --keep 3 --concurrency 4 --direct',
  ],
};

export const rollbackSpec: CommandSpec = {
  name: 'rollback',
  summary: {
    zh: '把一次软件包部署整体回滚到之前的版本',
    en: 'roll a whole package deployment back to the previous version',
  },
  args: '<deployment_id>',
  options: {
    wait: {
      type: 'boolean',
      default: false,
      help: { zh: '等待结束并打印每台机器的结果', en: "wait for the end and print each machine's result" },
    },
  },
  examples: ['hci-bringup rollback pkg-demo-20261130-0400 --wait'],
};
