// The one message catalogue (issue 14 item 3): every key says the same thing in zh and en with the
// same parameters, parameters fill, every key is used, every step the workflows name and every
// activity has a human name, and a catalogue message survives its trip inside an English failure.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as activities from '../../src/activities/index.js';
import { describeFailure } from '../../src/activities/support/failures.js';
import { projectRoot } from '../../src/config/dev-server.js';
import {
  coded,
  decode,
  localizeError,
  localizeRetrying,
  localizeText,
  localizeValue,
  marker,
  MESSAGES,
  REPORT_LABELS,
  stageLabel,
  STEP_NAMES,
  stepLabel,
  stripMarker,
  STAGE_NAMES,
  SUMMARY_KEYS,
  t,
} from '../../src/i18n/index.js';
import { placeholders } from '../../src/i18n/template.js';
import { STAGES } from '../../src/run/stages.js';
import { SmartxHttpError } from '../../src/smartx/index.js';
import { afterRetriesEnded } from '../../src/workflows/describe-error.js';

/** Every .ts file under src/ (the sources, read as text). */
function sources(dir = path.join(projectRoot, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

const CJK = /[\u4e00-\u9fff]/;

describe('the message catalogue', () => {
  it('has zh and en for every key, with the same parameters, and Chinese in zh', () => {
    for (const [key, text] of Object.entries(MESSAGES)) {
      assert.ok(text.zh && text.en, `${key}: both languages`);
      assert.deepEqual(placeholders(text.zh), placeholders(text.en), `${key}: same parameters`);
      assert.ok(CJK.test(text.zh), `${key}: the zh text is Chinese`);
    }
    const tables = { STEP_NAMES, SUMMARY_KEYS, STAGE_NAMES, REPORT_LABELS };
    for (const [table, entries] of Object.entries(tables))
      for (const [key, text] of Object.entries(entries)) {
        assert.ok(text.zh && text.en, `${table}.${key}: both languages`);
      }
  });

  it('renders every entry in both languages: nothing empty, every placeholder filled (issue 23)', () => {
    for (const [key, text] of Object.entries(MESSAGES)) {
      const params = Object.fromEntries(placeholders(text.en).map((p, i) => [p, `v${i}`]));
      for (const lang of ['zh', 'en'] as const) {
        const shown = t(lang, key as keyof typeof MESSAGES, params as never);
        assert.ok(shown.trim().length > 0, `${key} (${lang}) renders to nothing`);
        assert.doesNotMatch(
          shown,
          /\{[A-Za-z][A-Za-z0-9]*\}/,
          `${key} (${lang}): a placeholder left unfilled`,
        );
        for (const v of Object.values(params)) assert.ok(shown.includes(v), `${key} (${lang}) drops ${v}`);
      }
      // The Chinese says it in Chinese: the English words left are names (CloudTower, ISO, SSH…).
      assert.ok(CJK.test(t('zh', key as keyof typeof MESSAGES, params as never)), `${key}: zh is Chinese`);
    }
  });

  it("says a client error in the operator's words; an upload refused is not blamed on the workbook", () => {
    const err = new SmartxHttpError({
      kind: 'bad-request',
      endpoint: 'POST /api/ovm-operator/api/v3/chunkedUploads @ 127.1.1.3',
      status: 400,
      remoteMessage: 'injected fault',
    });
    const upload = describeFailure('uploadObsPackage', err);
    const zh = localizeText(upload.message, 'zh');
    assert.equal(
      zh,
      '设备拒绝了上传（上传 OBS 安装包：POST /api/ovm-operator/api/v3/chunkedUploads @ 127.1.1.3 出错：请求被拒绝，HTTP 400, remote: injected fault）。处理：确认安装包文件完整、且适用于该设备版本（原因见设备的回答），然后执行 retry。',
    );
    assert.doesNotMatch(zh, /规划表|bad-request error/);
    assert.doesNotMatch(localizeText(upload.message, 'en'), /workbook/);
    // Any other rejected request was built from the workbook's values: that fix stays.
    assert.match(
      localizeText(describeFailure('createCloudTowerVm', err).message, 'zh'),
      /检查生成该请求的规划表取值/,
    );
  });

  it('fills parameters, and keeps a missing one visible', () => {
    assert.equal(
      t('zh', 'cli.runNotFound', { id: 'bringup-x' }),
      '错误: 找不到运行 bringup-x（ID 有误，或运行已过保留期）',
    );
    assert.equal(
      t('en', 'note.notRun', { stage: 'inspection' }),
      'not run: stopped after inspection as the input asked',
    );
    assert.equal(t('en', 'how.deadline', {} as { seconds: number }), 'deadline passed ({seconds} s)');
  });

  it('has every key in use somewhere in src (no dead entries)', () => {
    const all = sources().join('\n');
    const catalogue = readFileSync(path.join(projectRoot, 'src', 'i18n', 'catalogue.ts'), 'utf8');
    const localize = readFileSync(path.join(projectRoot, 'src', 'i18n', 'localize.ts'), 'utf8');
    const elsewhere = all.replace(catalogue, '');
    for (const key of Object.keys(MESSAGES)) {
      assert.ok(elsewhere.includes(`'${key}'`) || localize.includes(`'${key}'`), `${key} is never used`);
    }
  });

  it('names every step the workflows name and every activity the worker registers', () => {
    const steps = new Set<string>();
    for (const text of sources()) {
      for (const m of text.matchAll(/(?:ctx|c)\.step\(\s*'([^']+)'/g)) steps.add(m[1]);
    }
    assert.ok(steps.size > 20, `found ${steps.size} steps`);
    for (const s of steps) assert.ok(STEP_NAMES[s], `step '${s}': add it to STEP_NAMES in src/i18n/names.ts`);
    for (const [name, fn] of Object.entries(activities)) {
      if (typeof fn !== 'function') continue;
      assert.ok(STEP_NAMES[name], `activity ${name}: add it to STEP_NAMES in src/i18n/names.ts`);
    }
    assert.equal(stepLabel('deploy-and-verify', 'zh'), '部署并校验集群');
    assert.equal(
      stepLabel('someNewActivity', 'en'),
      'some new activity',
      'an unknown name reads as its words',
    );
  });

  it('names every stage, and the stages other changes are adding', () => {
    for (const id of STAGES) assert.ok(CJK.test(stageLabel(id, 'zh')), id);
    for (const id of ['dashboard', 'rack-topology', 'test-load', 'performance-test', 'cleanup'])
      assert.notEqual(stageLabel(id, 'zh'), id, `${id} has a name before its stage exists`);
  });
});

describe('a catalogue message inside an English failure text', () => {
  it('keeps the English readable and renders in either language', () => {
    const text = coded('failure.packageMissing', {
      what: marker('package.obs'),
      arch: 'x86_64',
      dir: '/srv/../packages',
      pattern: 'Observability-*-v*.tar.gz',
      detail: marker('failure.noMatchingFile'),
    });
    assert.match(
      stripMarker(text),
      /^Observability package for x86_64 not found in \/srv\/\.\.\/packages .*no matching file\. Fix: /,
    );
    assert.equal(
      localizeText(text, 'zh'),
      '/srv/../packages 中没有 x86_64 的可观测性安装包（文件名模式 Observability-*-v*.tar.gz）：没有符合的文件。处理：把安装包放入该目录，或对该组件选择 skip。',
    );
  });

  it('survives the workflow: describeFailure, afterRetriesEnded and the stage/step prefix', () => {
    const err = new SmartxHttpError({
      kind: 'server',
      endpoint: 'POST https://127.0.0.1/api/v2/vms',
      status: 503,
      remoteMessage: 'busy. Try later: ...',
      retryable: true,
    });
    const failure = describeFailure('createCloudTowerVm', err);
    assert.match(failure.message, /the step is retried automatically/);
    const stored = `deploy-cloudtower/create-vm: ${afterRetriesEnded(failure.message)}`;
    assert.doesNotMatch(stored, /retried automatically/);
    const zh = localizeError(stored, 'zh');
    assert.equal(
      zh,
      '部署 CloudTower · 创建 CloudTower 虚拟机 (deploy-cloudtower/create-vm)：' +
        '设备繁忙或无法连接（创建 CloudTower 虚拟机：POST https://127.0.0.1/api/v2/vms 出错：服务端错误，HTTP 503, remote: busy. Try later: ...）。',
    );
    assert.doesNotMatch(zh, /\[\[msg:/);
    const en = localizeError(stored, 'en', { inStage: true });
    assert.match(
      en,
      /^create the CloudTower VM \(deploy-cloudtower\/create-vm\): create the CloudTower VM: server error on POST .* HTTP 503/,
    );
    assert.match(localizeRetrying(failure.message, 'zh'), /（.*）。 \(正在自动重试\)$/);
  });

  it('reads the notes and warnings the workflows record in English', () => {
    assert.equal(localizeText('skipped (operator signal)', 'zh'), '已跳过（操作员决定）');
    assert.equal(localizeText('skipped (deadline passed (600 s))', 'zh'), '已跳过（超过审批时限（600 秒））');
    assert.equal(localizeText('installer installed', 'zh'), '安装程序：已安装');
    assert.equal(
      localizeText('not run: stopped after attach-cluster as the input asked', 'zh'),
      '未执行：按要求在「关联集群」之后停止',
    );
    assert.equal(
      localizeText('IPMI account of node-01 (BMC 10.0.0.1) not accepted: 401', 'zh'),
      'node-01 的 IPMI 账号（BMC 10.0.0.1）未被接受：401',
    );
    assert.equal(localizeText('something new', 'zh'), 'something new', 'unknown text stays as it is');
    assert.equal(decode('plain'), undefined);
  });
});

describe('what the workflows record, said in Chinese (issue 23)', () => {
  it('stage 11 and stage 10 notes, activity statuses, bilingual notes, the timing profile', () => {
    assert.equal(
      localizeText(
        'CloudTower ISO ejected; 0 leftover upload volume(s) deleted; no test VMs; no sessions left open',
        'zh',
      ),
      '已弹出 CloudTower ISO；已删除 0 个遗留的上传卷；没有测试虚拟机；没有遗留的会话',
    );
    assert.equal(localizeText('CloudTower ISO: already-empty', 'zh'), 'CloudTower ISO 状态：此前已弹出');
    assert.equal(localizeText('eject-iso failed (see warnings)', 'zh'), '弹出 CloudTower ISO失败（见警告）');
    assert.equal(
      localizeText('test load did not run / 未创建测试负载', 'zh'),
      '未运行测试负载（未创建测试虚拟机）',
    );
    assert.equal(
      localizeText('Fisheye root already-initialized; passwords changed on 0, already set on 3', 'zh'),
      'Fisheye root 用户此前已初始化；0 台主机已修改密码，3 台已是规划密码',
    );
    assert.equal(localizeValue('SIM-01 (3 hosts, already-deployed)', 'zh'), 'SIM-01（3 台主机，此前已部署）');
    assert.equal(localizeValue('obs.tar.gz (already-present)', 'zh'), 'obs.tar.gz（此前已存在）');
    assert.equal(localizeText('simulator x100', 'zh'), '模拟器 100 倍速');
    assert.equal(
      localizeText('fio 3 profiles × 60 s in C1-fio-test; 未对比告警 / alerts not compared: boom', 'zh'),
      '在 C1-fio-test 中运行 3 组 fio 测试，每组 60 秒；未对比告警：boom',
    );
    assert.equal(
      localizeText(
        '破坏性测试：主机 n3 进入并退出维护模式，期间 2 台测试虚拟机可访问 / disruptive test: host n3 (auto) entered and left maintenance mode; 2 test VMs answered meanwhile',
        'zh',
      ),
      '破坏性测试：主机 n3 进入并退出维护模式，期间 2 台测试虚拟机可访问',
    );
    assert.equal(
      localizeText('负载后新增告警 / new alert after the load: disk full', 'zh'),
      '负载后新增告警：disk full',
    );
    assert.equal(stepLabel('eject-iso', 'zh'), '弹出 CloudTower ISO');
    assert.equal(stepLabel('delete-test-vm C1-pat-test', 'zh'), '删除测试虚拟机 C1-pat-test');
    assert.equal(stepLabel('fio in C1-fio-test', 'zh'), '在 C1-fio-test 中运行 fio');
    assert.equal(stepLabel('host n3 out of maintenance mode', 'zh'), '主机 n3 退出维护模式');
    assert.equal(stepLabel('host n3 out of maintenance mode', 'en'), 'host n3 out of maintenance mode');
    // A cleanup step's warning: the failure and then its fix, both said (two messages in a row).
    const failure = coded('failure.other', { step: 'ejectCloudTowerIso', detail: 'boom' });
    const warning = `cleanup/eject-iso: ${failure} ${coded('cleanup.fixEjectIso')}`;
    const zhWarning = localizeError(warning, 'zh');
    assert.match(
      zhWarning,
      /弹出 CloudTower ISO \(cleanup\/eject-iso\)：步骤出错（弹出 CloudTower ISO：boom） 处理：在 SMTX OS 控制台中弹出/,
    );
    assert.doesNotMatch(zhWarning, /Fix:|\[\[msg:/);
    assert.match(localizeError(warning, 'en'), /boom Fix: eject the ISO/);
    // English readers keep the English as recorded.
    assert.equal(localizeText('no test VMs', 'en'), 'no test VMs');
  });

  it("a `; `-joined note of plain and coded parts says every part, apart, in the reader's language", () => {
    // The test load's note: how it ran, then what it left out (coded by the activity and the workflow).
    const testLoad = [
      'policy auto',
      coded('note.testVmImageMissing', { label: 'PAT', dir: '/pkgs', glob: '*pat*.ova' }),
      coded('note.testVmNoFreeIp', { label: 'FIO', cells: '集群管理信息!E18–E19' }),
    ].join('; ');
    assert.equal(
      localizeText(testLoad, 'zh'),
      '策略为 auto；/pkgs 中未找到 PAT 测试虚拟机镜像（*pat*.ova），跳过该虚拟机。修复：把 OVA/OVF 放入该目录后重试该组件；FIO：测试 IP 范围中没有空闲地址（集群管理信息!E18–E19）',
    );
    assert.equal(localizeText(testLoad, 'en'), testLoad.replace(/ \[\[msg:[^\]]*\]\]/g, ''));
    // Stage 10's note: fio, then the alerts, then the inspection, each coded.
    const stage10 = [
      coded('note.alertsNoNew', { count: 2 }),
      coded('note.inspectionNoNewFailures', { checked: 3 }),
    ].join('; ');
    assert.equal(
      localizeText(stage10, 'zh'),
      '告警对比：无新增告警（负载前 2 条未结束）；巡检对比：无新增失败项（3 项）',
    );
    // A failure and its fix stay one message (no list separator between them).
    const withFix = `${coded('failure.other', { step: 'ejectCloudTowerIso', detail: 'x' })} ${coded('cleanup.fixEjectIso')}`;
    assert.doesNotMatch(localizeText(withFix, 'zh'), /；/);
  });
});

describe("the summary's created values", () => {
  it('keeps names and ids, says the words', () => {
    assert.equal(localizeValue('vDS-Prod (created, 2 VLANs)', 'zh'), 'vDS-Prod（已创建，2 个 VLAN）');
    assert.equal(localizeValue('CN-01 (3 hosts, deployed)', 'zh'), 'CN-01（3 台主机，已部署）');
    assert.equal(localizeValue('x.iso (reused, image 1653820f)', 'zh'), 'x.iso（复用已有，镜像 1653820f）');
    assert.equal(
      localizeValue('obs-1 at 10.0.0.5 (existing, RUNNING)', 'zh'),
      'obs-1，地址 10.0.0.5（已存在，RUNNING）',
    );
    assert.equal(localizeValue('SIM-R01: 3 of 3 hosts placed', 'zh'), 'SIM-R01: 3 台主机中已放置 3 台');
    assert.equal(localizeValue('REPLICA_2_THIN_PROVISION', 'zh'), 'REPLICA_2_THIN_PROVISION');
    assert.equal(localizeValue('vDS-Prod (created, 2 VLANs)', 'en'), 'vDS-Prod (created, 2 VLANs)');
    assert.equal(
      localizeText('Fisheye root created; passwords changed on 3, already set on 0', 'zh'),
      'Fisheye root 用户已创建；3 台主机已修改密码，0 台已是规划密码',
    );
  });
});
