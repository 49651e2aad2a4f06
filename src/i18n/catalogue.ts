// The message catalogue: every sentence an operator reads, by a stable key, in Chinese and English.
// `{name}` marks a parameter; the English and Chinese texts of a key take the same parameters
// (test/i18n/catalogue.test.ts checks it). Pure data: workflows, activities, the CLI and the report
// import it. Plan issues (validate) keep their richer per-rule functions in src/plan/messages.ts,
// reached through src/i18n/index.ts; stage and step names are in ./names.ts.

export const MESSAGES = {
  // ---- failures raised by activities (src/activities/support/failures.ts) ----
  // `{step}` is the activity's code name; the renderer shows its human name (./names.ts).
  'failure.notMapped': {
    en: '{step}: {detail}. Fix: add the address to the endpoint map (or use --direct on site).',
    zh: '地址未映射（{step}：{detail}）。处理：把该地址加入端点映射表（现场直连时用 --direct）。',
  },
  'failure.http.auth': {
    en: '{step}: {detail}. Fix: check the credentials in the workbook.',
    zh: '设备拒绝了登录（{step}：{detail}）。处理：检查规划表中的账号和密码。',
  },
  'failure.noZoneYet': {
    en: '{step}: CloudTower shows no zone of cluster {cluster} yet; retried.',
    zh: '{step}：CloudTower 上还没有集群 {cluster} 的可用域，自动重试。',
  },
  'failure.noNodeYet': {
    en: '{step}: CloudTower shows no node for host {host} yet; retried.',
    zh: '{step}：CloudTower 上还没有主机 {host} 的节点，自动重试。',
  },
  'failure.noHostsYet': {
    en: '{step}: CloudTower lists no hosts of cluster {cluster} yet; retried.',
    zh: '{step}：CloudTower 还没有列出集群 {cluster} 的主机，自动重试。',
  },
  'failure.vmBusy': {
    en: '{step}: the VM is {state}; retried.',
    zh: '{step}：虚拟机处于 {state} 状态，自动重试。',
  },
  'failure.importNoVm': {
    en: '{step}: import-vm answered no VM; retried.',
    zh: '{step}：import-vm 没有返回虚拟机，自动重试。',
  },
  'failure.uploadTaskStuck': {
    en: '{step}: upload task {task} has every chunk but is {status}; retried.',
    zh: '{step}：上传任务 {task} 已收到全部分块，但状态为 {status}，自动重试。',
  },
  'failure.deployNotConfirmed': {
    en: '{step}: the deploy on {api} is not confirmed after {seconds} s (deploy_status {state}, stage {stage} {info}). Fix: check the SMTX OS installer on the host; a retry keeps following the same deploy and never posts again.',
    zh: '{step}：{api} 上的部署在 {seconds} 秒后仍未确认（deploy_status {state}，阶段 {stage} {info}）。处理：检查主机上的 SMTX OS 安装程序；重试会继续跟随同一次部署，不会再次提交。',
  },
  'failure.pollTimeout': {
    en: '{step}: still not done after {seconds} s.',
    zh: '{step}：{seconds} 秒后仍未完成。',
  },
  'failure.jobTimeout': {
    en: '{step}: appliance job {job} @ {address} still not done after {seconds} s.',
    zh: '{step}：设备任务 {job} @ {address} 在 {seconds} 秒后仍未完成。',
  },
  'failure.http.busy': {
    en: '{step}: {detail}. The appliance is busy or unreachable.',
    zh: '设备繁忙或无法连接（{step}：{detail}）。',
  },
  'failure.http.rejected': {
    en: '{step}: {detail}. Fix: the appliance rejected the request; check the workbook values it was built from.',
    zh: '设备拒绝了请求（{step}：{detail}）。处理：检查生成该请求的规划表取值。',
  },
  'failure.ssh.auth': {
    en: '{step}: {detail}. Fix: check the SSH user and password in the workbook.',
    zh: 'SSH 登录被拒绝（{step}：{detail}）。处理：检查规划表中的 SSH 用户名和密码。',
  },
  'failure.ssh': { en: '{step}: {detail}', zh: 'SSH 出错（{step}：{detail}）' },
  'failure.other': { en: '{step}: {detail}', zh: '步骤出错（{step}：{detail}）' },
  /** Added by the console to the last failure of a step that is still being retried. */
  'failure.retrying': { en: 'retried automatically', zh: '正在自动重试' },
  'failure.isoMissing': {
    en: 'No CloudTower ISO in {dir} ({detail}): expected a file named cloudtower-<version>.<os>.<arch>.iso, e.g. cloudtower-v4.6.2.oe2003.x86_64.iso. Fix: copy the ISO into that directory and retry.',
    zh: '{dir} 中没有 CloudTower ISO（{detail}）：文件名应为 cloudtower-<版本>.<系统>.<架构>.iso，例如 cloudtower-v4.6.2.oe2003.x86_64.iso。处理：把 ISO 放入该目录后执行 retry。',
  },
  'failure.packageMissing': {
    en: "{what} for {arch} not found in {dir} (pattern {pattern}): {detail}. Fix: put the package file there, or choose the component's skip option.",
    zh: '{dir} 中没有 {arch} 的{what}（文件名模式 {pattern}）：{detail}。处理：把安装包放入该目录，或对该组件选择 skip。',
  },
  'failure.dirUnreadable': {
    en: 'the directory cannot be read ({code})',
    zh: '目录无法读取（{code}）',
  },
  'failure.noMatchingFile': { en: 'no matching file', zh: '没有符合的文件' },
  'failure.onlyEmptyFiles': { en: 'only empty files match', zh: '符合的文件都是空文件' },
  'failure.otherArchOnly': {
    en: 'only other architectures are there ({files})',
    zh: '只有其他架构的文件（{files}）',
  },
  'package.obs': { en: 'Observability package', zh: '可观测性安装包' },
  'package.backup': { en: 'Backup package', zh: '备份安装包' },
  'failure.noPackageDir': { en: 'no package directory given', zh: '未指定安装包目录' },
  'failure.secretsFileUnreadable': {
    en: 'the secrets file HCI_SECRETS_FILE={file} cannot be read ({why}). Fix: give the worker a JSON object of reference → value, or unset HCI_SECRETS_FILE.',
    zh: '密钥文件 HCI_SECRETS_FILE={file} 无法读取（{why}）。处理：给 worker 一个「引用 → 值」的 JSON 对象，或取消 HCI_SECRETS_FILE。',
  },
  'failure.secretsFileInvalid': {
    en: 'the secrets file HCI_SECRETS_FILE={file} is not a JSON object of reference → string value. Fix: e.g. {"plan:fisheye.password": "..."}.',
    zh: '密钥文件 HCI_SECRETS_FILE={file} 格式不对，应为「引用 → 字符串值」的 JSON 对象。处理：例如 {"plan:fisheye.password": "..."}。',
  },
  'failure.secretNotReference': {
    en: 'a password arrived without a secret reference (secretRef). Fix: start the run with this version of hci-bringup (payloads carry references, never values).',
    zh: '密码不是引用（缺少 secretRef）。处理：用当前版本的 hci-bringup 重新发起运行（负载中只带引用，不带密码）。',
  },
  'failure.secretUnresolved': {
    en: "cannot resolve the secret reference {ref}: {why}. Fix: put the workbook at {workbook} on the worker's machine, or give the worker the value in HCI_SECRETS_FILE (a JSON object with the key {ref}) or {envName}; then retry.",
    zh: '无法解析密码引用 {ref}：{why}。处理：把规划表放到 worker 所在机器的 {workbook}，或通过 HCI_SECRETS_FILE（以 {ref} 为键的 JSON 对象）或 {envName} 提供该值，然后执行 retry。',
  },
  'failure.cloudtowerIpEmpty': {
    en: 'cloudtowerIp is empty: fill 集群管理信息!E3 (CloudTower IP)',
    zh: 'CloudTower IP 为空：请填写 集群管理信息!E3（CloudTower IP）',
  },
  'failure.cloudtowerPasswordEmpty': {
    en: 'the CloudTower root password is empty: fill 集群管理信息!G3 (CloudTower 管理员密码)',
    zh: 'CloudTower root 密码为空：请填写 集群管理信息!G3（CloudTower 管理员密码）',
  },
  'failure.noHosts': { en: 'prepare/scan-hosts: no hosts to scan', zh: '主机扫描：没有要扫描的主机' },
  'failure.duplicateIp': {
    en: 'prepare/scan-hosts: management IP {ips} listed twice',
    zh: '主机扫描：管理 IP {ips} 重复出现',
  },
  'failure.precheck': {
    en: 'prepare/precheck-addresses: {problems}',
    zh: '地址预检未通过：{problems}',
  },

  // ---- stage notes, component decisions and warnings the workflows record (in English) ----
  'note.noAddress': { en: 'no address for it in the workbook', zh: '规划表中没有该组件的地址' },
  'note.skipped': { en: 'skipped ({how})', zh: '已跳过（{how}）' },
  'note.notRun': {
    en: 'not run: stopped after {stage} as the input asked',
    zh: '未执行：按要求在「{stage}」之后停止',
  },
  'note.installer': { en: 'installer {status}', zh: '安装程序：{status}' },
  'how.policyAuto': { en: 'policy auto', zh: '策略为 auto' },
  'how.policySkip': { en: 'policy skip', zh: '策略为 skip' },
  'how.operatorSignal': { en: 'operator signal', zh: '操作员决定' },
  'how.deadline': { en: 'deadline passed ({seconds} s)', zh: '超过审批时限（{seconds} 秒）' },
  'how.rerun': { en: 'rerun by operator retry', zh: '操作员 retry 后重跑' },
  'value.installed': { en: 'installed', zh: '已安装' },
  'value.created': { en: 'created', zh: '已创建' },
  'value.existing': { en: 'existing', zh: '已存在' },
  'value.uploaded': { en: 'uploaded', zh: '已上传' },
  'value.reused': { en: 'reused', zh: '复用已有' },
  'value.deployed': { en: 'deployed', zh: '已部署' },
  'value.connected': { en: 'connected', zh: '已关联' },
  'value.alreadyConnected': { en: 'already connected', zh: '此前已关联' },
  'value.hosts': { en: '{count} hosts', zh: '{count} 台主机' },
  'value.vlans': { en: '{count} VLANs', zh: '{count} 个 VLAN' },
  'value.graphs': { en: '{count} graphs', zh: '{count} 个图表' },
  'value.image': { en: 'image {id}', zh: '镜像 {id}' },
  'value.hostsPlaced': { en: '{placed} of {total} hosts placed', zh: '{total} 台主机中已放置 {placed} 台' },
  'value.at': { en: '{id} at {address}', zh: '{id}，地址 {address}' },
  'note.fisheyeRoot': {
    en: 'Fisheye root {root}; passwords changed on {changed}, already set on {already}',
    zh: 'Fisheye root 用户{root}；{changed} 台主机已修改密码，{already} 台已是规划密码',
  },
  'value.alreadyInstalled': { en: 'already-installed', zh: '此前已安装' },
  'warn.ipmi': {
    en: 'IPMI account of {hostname} (BMC {bmc}) not accepted: {reason}',
    zh: '{hostname} 的 IPMI 账号（BMC {bmc}）未被接受：{reason}',
  },
  'warn.vmtoolsMissing': {
    en: 'VMTools (SVT) ISO not found in the package directory: not uploaded',
    zh: '安装包目录中没有 VMTools (SVT) ISO：未上传',
  },
  'warn.isoChunkRecreated': {
    en: 'CloudTower ISO upload: a chunk kept failing, the upload volume was recreated once',
    zh: 'CloudTower ISO 上传：有分片反复失败，已重建一次上传卷',
  },
  'warn.noRetry': {
    en: 'no retry of {components} within {seconds} s: the run ended, still failed',
    zh: '{seconds} 秒内未对 {components} 执行 retry：运行结束，该组件保持失败',
  },
  'warn.noDecision': {
    en: 'no decision for {component} within {seconds} s: {decision} as the input says',
    zh: '{seconds} 秒内未对 {component} 作出决定：按设置{decision}',
  },
  'warn.alreadyDeployed': {
    en: 'the cluster is already deployed (deploy_verify on {host}): continuing an earlier bring-up; VIP and component addresses are expected to answer',
    zh: '集群已经部署（{host} 上 deploy_verify 通过）：继续之前的部署；VIP 和各组件地址应能应答',
  },
  'word.skipped': { en: 'skipped', zh: '跳过' },
  'word.approved': { en: 'approved', zh: '批准' },

  // ---- the command line: usage errors and client errors ----
  'cli.unknownOption': { en: 'error: unknown option {flag}', zh: '错误: 未知参数 {flag}' },
  'cli.missingValue': { en: 'error: option {flag} needs a value', zh: '错误: 参数 {flag} 需要一个值' },
  'cli.takesNoValue': { en: 'error: option {flag} takes no value', zh: '错误: 参数 {flag} 不接受值' },
  'cli.unexpectedArgument': { en: 'error: unexpected argument {arg}', zh: '错误: 多余的参数 {arg}' },
  'cli.missingArgument': { en: 'error: missing {what}', zh: '错误: 缺少参数 {what}' },
  'cli.unknownCommand': { en: 'error: unknown command {name}', zh: '错误: 未知命令 {name}' },
  'cli.badLang': { en: 'error: --lang must be zh or en', zh: '错误: --lang 只能是 zh 或 en' },
  'cli.badLimit': {
    en: 'error: --limit needs a whole number 1-1000',
    zh: '错误: --limit 需要 1-1000 的整数',
  },
  'cli.runNotFound': {
    en: 'error: no run {id} (wrong id, or past retention)',
    zh: '错误: 找不到运行 {id}（ID 有误，或运行已过保留期）',
  },
  'cli.recentRuns': { en: 'recent runs', zh: '查看最近的运行' },
  'cli.alreadyRunning': {
    en: 'error: run {id} is already running; not started twice',
    zh: '错误: 运行 {id} 已在进行中，未重复启动',
  },
  'cli.followIt': { en: 'follow it', zh: '查看进度' },
  'cli.separateRun': { en: 'a separate run', zh: '另起一次运行' },
  'cli.noNamespace': {
    en: 'error: Temporal namespace {namespace} does not exist (TEMPORAL_NAMESPACE)',
    zh: '错误: Temporal 命名空间 {namespace} 不存在 (TEMPORAL_NAMESPACE)',
  },
  'cli.unreachable': {
    en: 'error: cannot reach the Temporal server at {address}',
    zh: '错误: 无法连接 Temporal 服务 {address}',
  },
  'cli.startDevServer': { en: 'start the dev server', zh: '启动本地开发服务器' },
  'cli.orSet': { en: 'or set', zh: '或设置' },
  'cli.progressUnavailable': {
    en: 'progress unavailable ({detail}); is a worker running?',
    zh: '暂时无法读取进度（{detail}）；worker 是否在运行？',
  },

  // ---- the report ----
  'report.failures': { en: 'Failures', zh: '失败项' },
  'report.whatToDo': { en: 'What to do', zh: '处理方法' },

  'report.whatToDoOpen': {
    en: 'Fix the cause, then run {command}: the failed stage or component starts again, everything done stays done.',
    zh: '修复原因后执行 {command}：失败的阶段或组件重新执行，已完成的部分保持不变。',
  },
  'report.whatToDoClosed': {
    en: 'The run has ended. Fix the cause, then start the bring-up again with the same workbook ({command}): finished steps are found, not redone.',
    zh: '运行已结束。修复原因后用同一规划表重新执行 {command}：已完成的步骤会被识别，不会重做。',
  },

  // ---- issue 23 deployer/cleanup ----
  'deployer.notOnVersion': {
    en: '{machine} runs {actual}, not {expected}',
    zh: '{machine} 上运行的是 {actual}，不是 {expected}',
  },
  'deployer.notRolledBack': {
    en: '{why}; not rolled back: {then}',
    zh: '{why}；未能回滚: {then}',
  },
  'deployer.stillUnhealthy': {
    en: '{why}; after the rollback to {version} the service is still unhealthy',
    zh: '{why}；回滚到 {version} 后服务仍不健康',
  },
  'deployer.rollbackFailed': { en: '{why}; the rollback failed: {detail}', zh: '{why}；回滚失败: {detail}' },
  'deployer.healthFailed': { en: 'health check failed ({checks})', zh: '健康检查未通过（{checks}）' },
  'deployer.cleanupFailed': {
    en: 'cleanup of old releases failed: {detail}',
    zh: '清理旧版本失败: {detail}',
  },
  'deployer.stepFailed': { en: 'step {what} failed: {detail}', zh: '步骤 {what} 失败: {detail}' },
  'deployer.artifactUnusable': {
    en: 'the artifact cannot be used: {detail}',
    zh: '制品无法使用: {detail}',
  },
  'deployer.canaryFailed': {
    en: 'the canary {machine} did not deploy',
    zh: '金丝雀机器 {machine} 未部署成功',
  },
  'deployer.rollbackOf': { en: 'rollback of {id}', zh: '回滚 {id}' },
  'deployer.noDeployment': {
    en: 'no package deployment {id}. See the runs: {command}',
    zh: '没有软件包部署 {id}。查看运行: {command}',
  },
  'deployer.stillRunning': {
    en: 'the deployment {id} is still running; roll it back once it has ended (follow it: {command})',
    zh: '部署 {id} 仍在进行；结束后再回滚（跟随: {command}）',
  },
  'deployer.noResult': {
    en: 'the deployment {id} has no result (it did not complete): nothing is known to roll back',
    zh: '部署 {id} 没有结果（未正常完成）：不知道要回滚什么',
  },
  'deployer.nothingToRollBack': {
    en: 'no machine of {id} runs its version: nothing to roll back',
    zh: '部署 {id} 没有机器运行其版本：无需回滚',
  },
  'deployer.rollbackSucceeded': {
    en: 'the rollback {rollback} of {id} has ended and succeeded: every machine runs the version it had before. See it: {command}',
    zh: '{id} 的回滚 {rollback} 已结束且成功：每台机器都已回到之前的版本。查看: {command}',
  },
  'deployer.rollbackRunning': {
    en: 'the rollback {rollback} of {id} is running. Follow it: {command}',
    zh: '{id} 的回滚 {rollback} 正在进行。跟随: {command}',
  },
  'deployer.artifactMissing': {
    en: 'the artifact {file} does not exist or is not a file. Fix: give --artifact the path of the .tar.gz',
    zh: '制品 {file} 不存在或不是文件。处理：用 --artifact 指定 .tar.gz 的路径',
  },
  'deployer.artifactUnreadable': {
    en: 'the artifact {file} cannot be read ({reason}). Fix: check its permissions',
    zh: '制品 {file} 无法读取（{reason}）。处理：检查文件权限',
  },
  'deployer.artifactNotTarball': {
    en: 'the artifact {file} is not a readable gzip tarball ({reason}). Fix: build it with tar -czf',
    zh: '制品 {file} 不是可读的 gzip 压缩 tar 包（{reason}）。处理：用 tar -czf 打包',
  },
  'deployer.artifactNoVersion': {
    en: 'the version of the artifact {file} cannot be told. Fix: name it {service}-<version>.tar.gz or put {"version": "…"} in manifest.json',
    zh: '无法确定制品 {file} 的版本。处理：命名为 {service}-<版本>.tar.gz，或在 manifest.json 中写入 {"version": "…"}',
  },
  'deployer.artifactBadManifest': {
    en: 'manifest.json in the artifact {file} has no version string. Fix: put {"version": "…"} in it',
    zh: '制品 {file} 中的 manifest.json 没有 version 字符串。处理：写入 {"version": "…"}',
  },
  'deployer.artifactNoUnit': {
    en: 'the artifact {file} has no systemd unit file {unit} at its top level. Fix: add the unit file to the archive',
    zh: '制品 {file} 的顶层没有 systemd 单元文件 {unit}。处理：把单元文件打进制品',
  },
  'deployer.artifactRequired': {
    en: '--artifact <file.tar.gz> is required',
    zh: '缺少制品: 请用 --artifact <文件.tar.gz> 指定',
  },
  'deployer.serviceRequired': {
    en: '--service <name> is required',
    zh: '缺少服务名: 请用 --service <名称> 指定',
  },
  'deployer.serviceInvalid': {
    en: 'the service name takes letters, digits and . _ @ - (at most 64, starting with a letter or digit)',
    zh: '服务名只能包含字母、数字及 . _ @ -（最多 64 个，以字母或数字开头）',
  },
  'deployer.badService': {
    en: 'invalid service name {service} (letters, digits, . _ @ -)',
    zh: '服务名无效: {service}（仅限字母、数字及 . _ @ -）',
  },
  'deployer.progressFromHistory': {
    en: 'no worker answers right now: each machine as its last recorded step left it',
    zh: '暂无 worker 应答：以下为各机器最后记录的步骤',
  },
  'cleanup.vmtoolsImage': { en: 'VMTools ISO image ({file})', zh: 'VMTools ISO 镜像（{file}）' },
  'cleanup.hostPassword': {
    en: 'root/smartx passwords of host {host}',
    zh: '主机 {host} 的 root/smartx 密码',
  },
  'cleanup.hostPasswordNote': {
    en: 'set to the workbook password by this run; no API sets it back: if the host had another password before, set it back on the host (passwd root; passwd smartx)',
    zh: '本次运行已改为规划表中的密码，无法通过 API 还原：如主机之前使用其他密码，请在主机上改回（passwd root；passwd smartx）',
  },
  'cleanup.hostPasswordMaybeNote': {
    en: 'the step that sets it to the workbook password did not finish, so it may have changed; no API sets it back: if the host had another password before, set it back on the host (passwd root; passwd smartx)',
    zh: '设置为规划表密码的步骤未完成，密码可能已被修改，无法通过 API 还原：如主机之前使用其他密码，请在主机上改回（passwd root；passwd smartx）',
  },
  'cleanup.ipmiAccount': {
    en: 'IPMI (BMC) account {user}@{bmc} of host {host}',
    zh: '主机 {host} 的 IPMI (BMC) 账号 {user}@{bmc}',
  },
  'cleanup.ipmiAccountNote': {
    en: "registered in the cluster's IPMI settings by this run: remove or change it in the SMTX OS console if unwanted",
    zh: '本次运行已登记到集群的 IPMI 设置：如不需要，请在 SMTX OS 控制台中删除或修改',
  },
  'cleanup.successfulRun': {
    en: 'warning: run {id} succeeded. Cleanup removes what it created, the CloudTower ISO and VM among them: a working installation would be left incomplete',
    zh: '警告: 运行 {id} 已成功完成。cleanup 会删除它创建的资源（包括 CloudTower ISO 与虚拟机），一套可用的安装将不再完整',
  },
  'cleanup.needsForce': {
    en: 'refused: cleaning up a successful run needs --force (see first what it would remove: {command})',
    zh: '已拒绝：清理成功完成的运行需加 --force（先查看将删除的内容: {command}）',
  },
  'cleanup.dryRunNeedsForce': {
    en: '--dry-run: nothing was removed; a real cleanup of this successful run needs --force',
    zh: '--dry-run: 未删除任何内容；真正清理这次已成功的运行需加 --force',
  },
  'cleanup.forceHelp': {
    en: 'clean up a run that succeeded (refused without it)',
    zh: '清理一次已成功完成的运行（不加则拒绝）',
  },
  // ---- issue 23 flow ----
  'failure.retryBudgetSpent': {
    en: '{detail} Gave up: the step kept failing for its whole retry budget. Fix: make sure the appliance is up and answers the worker, then run retry.',
    zh: '{detail} 已放弃：该步骤在整个重试时限内一直失败。处理：确认设备已正常运行且 worker 能访问到它，然后执行 retry。',
  },
  'watch.attempt': { en: 'attempt {n}', zh: '第 {n} 次尝试' },
  'watch.lastFailure': { en: 'last failure: {detail}', zh: '上次失败: {detail}' },
  'watch.retryingFor': { en: 'retried automatically, gives up in {left}', zh: '正在自动重试，{left} 后放弃' },
  'watch.retryingUntil': {
    en: 'retried automatically, gives up at {at} at the latest',
    zh: '正在自动重试，最迟 {at} 放弃',
  },
  'cancel.requested': {
    en: 'cancellation of run {id} requested: its running steps stop, then it ends as cancelled',
    zh: '已请求取消运行 {id}：正在执行的步骤会停止，运行随后以“已取消”结束',
  },
  'cancel.ended': { en: 'run {id}: {state}', zh: '运行 {id}：{state}' },
  'cancel.next': {
    en: 'to see (and then remove) what it created: {command}',
    zh: '查看（再删除）它创建的资源: {command}',
  },
  'cancel.stillClosing': {
    en: 'run {id} is still ending (its steps are being stopped); see: {command}',
    zh: '运行 {id} 仍在结束中（正在停止其步骤）；查看: {command}',
  },
  'cancel.alreadyClosed': {
    en: 'run {id} has already ended ({state}): nothing to cancel',
    zh: '运行 {id} 已结束（{state}），无需取消',
  },
  'cleanup.cancelFirst': {
    en: 'error: run {id} is still running and cannot be cleaned up. Cancel it first: {command}',
    zh: '错误: 运行 {id} 仍在进行，不能清理。先取消它: {command}',
  },
  'manual.title': {
    en: 'to do by hand (no documented API deploys these; what the workbook plans for each):',
    zh: '需人工完成（没有文档化的 API 可部署它们；以下为规划表中的计划）:',
  },
  'manual.where': { en: '{name} (集群管理信息 row {row})', zh: '{name}（集群管理信息 第 {row} 行）' },
  'manual.vip': { en: 'VIP {value}', zh: 'VIP 地址 {value}' },
  'manual.controllers': { en: 'controllers {value}', zh: '控制器 {value}' },
  'manual.ip': { en: 'IP {value}', zh: 'IP 地址 {value}' },
  'manual.version': { en: 'version {value}', zh: '版本 {value}' },
  'manual.size': { en: 'size {value}', zh: '规格 {value}' },
  'manual.serial': { en: 'serial {value}', zh: '序列号 {value}' },
  'manual.nothingPlanned': { en: 'named, with no address yet', zh: '已列出，尚未填写地址' },
  'manual.how': {
    en: 'deploy it by hand as the SmartX documentation says, then put its serial into column M of that row',
    zh: '按 SmartX 产品文档手动部署，完成后把序列号填入该行 M 列',
  },
  'manual.heading': { en: 'Manual follow-up', zh: '人工后续步骤' },
  'manual.component': { en: 'component', zh: '组件' },
  'manual.planned': { en: 'planned in the workbook', zh: '规划表中的计划' },
  'manual.todo': { en: 'to do', zh: '处理' },

  // ---- issue 23 words ----
  'cli.badComponent': {
    en: 'error: {value} is not a component that can be approved or skipped; valid: {valid}',
    zh: '错误: {value} 不是可批准或跳过的组件；可用的组件: {valid}',
  },
  'cli.runEnded': {
    en: 'run {id} has ended; {command} cannot reach it (the run is {state}). See it: {status}',
    zh: '运行 {id} 已结束（{state}），{command} 无法送达。查看: {status}',
  },
  'cli.approveSent': { en: 'sent approve {component} to {id}', zh: '已向 {id} 发送批准 {component}' },
  'cli.skipSent': { en: 'sent skip {component} to {id}', zh: '已向 {id} 发送跳过 {component}' },
  'failure.http.uploadRejected': {
    en: '{step}: {detail}. Fix: the appliance refused the upload; check that the package file is complete and made for this appliance version (its answer says why), then retry.',
    zh: '设备拒绝了上传（{step}：{detail}）。处理：确认安装包文件完整、且适用于该设备版本（原因见设备的回答），然后执行 retry。',
  },
  'detail.http': { en: '{kind} error on {endpoint}, {answer}', zh: '{endpoint} 出错：{kind}，{answer}' },
  'detail.httpBare': { en: '{kind} error on {endpoint}', zh: '{endpoint} 出错：{kind}' },
  'detail.httpKind.auth': { en: 'auth', zh: '认证失败' },
  'detail.httpKind.notFound': { en: 'not-found', zh: '资源不存在' },
  'detail.httpKind.conflict': { en: 'conflict', zh: '冲突' },
  'detail.httpKind.badRequest': { en: 'bad-request', zh: '请求被拒绝' },
  'detail.httpKind.remote': { en: 'remote', zh: '设备返回错误' },
  'detail.httpKind.protocol': { en: 'protocol', zh: '应答格式不符' },
  'detail.httpKind.server': { en: 'server', zh: '服务端错误' },
  'detail.httpKind.network': { en: 'network', zh: '网络错误' },
  'validate.exitCodes': {
    en: 'exit codes: 0 valid (with --packages: every package the plan needs is there), 1 errors found in the workbook, 2 unreadable file, bad usage, or (with --packages) packages missing',
    zh: '退出码: 0 规划表有效（给出 --packages 时所需安装包也齐全）, 1 规划表有错误, 2 文件无法读取、用法错误，或（给出 --packages 时）缺少安装包',
  },
  'validate.packagesMissing': {
    en: 'the workbook is valid, but {dir} lacks packages this plan needs (see above): nothing can start until they are there ({file})',
    zh: '规划表有效，但 {dir} 中缺少该规划所需的安装包（见上）：补齐之前无法启动（{file}）',
  },
  'samplePackages.wrote': {
    en: '✔ wrote {count} stand-in packages for rehearsals in {dir} ({size} MiB in size, {disk} MiB on disk: sparse files, for the simulator only):',
    zh: '✔ 已在 {dir} 写入 {count} 个演练用安装包替身（名义大小 {size} MiB，实际占用磁盘 {disk} MiB：稀疏文件，仅供模拟器使用）:',
  },
  'worker.activityFailed': {
    en: '{step} ({code}), attempt {attempt}, failed (run {run}): {reason}',
    zh: '{step}（{code}）第 {attempt} 次尝试失败（运行 {run}）：{reason}',
  },
  'worker.activityFailedFinal': {
    en: '{step} ({code}), attempt {attempt}, failed and is not retried (run {run}): {reason}',
    zh: '{step}（{code}）第 {attempt} 次尝试失败，不再自动重试（运行 {run}）：{reason}',
  },
  'failure.installerFailed': {
    en: 'install CloudTower on {ip}: the installer reported a failure: "{line}". Fix: check {log} on the CloudTower VM; retrying the stage moves the log aside and installs again.',
    zh: '在 {ip} 上安装 CloudTower：安装程序报告失败：“{line}”。处理：查看 CloudTower 虚拟机上的 {log}；执行 retry 时会先把该日志移到一旁，再重新安装。',
  },
  'failure.installerStopped': {
    en: 'install CloudTower on {ip}: the installer stopped without "{success}" {times} times; last line: "{line}". The step is retried automatically.',
    zh: '在 {ip} 上安装 CloudTower：安装程序 {times} 次未输出“{success}”就停止了；最后一行：“{line}”。该步骤会自动重试。',
  },
  'failure.preinstallFailed': {
    en: "run {script} on the CloudTower VM: exit {code}; last output: {line}. Fix: check the VM's console; the step is retried automatically.",
    zh: '在 CloudTower 虚拟机上执行 {script} 失败：退出码 {code}；最后输出：“{line}”。处理：查看该虚拟机的控制台；该步骤会自动重试。',
  },
  'log.installerRestarted': {
    en: 'a previous CloudTower installer died without finishing; its log was moved aside to {movedTo} and the install starts again',
    zh: '之前的 CloudTower 安装程序未完成就已停止；其日志已移到 {movedTo}，重新开始安装',
  },
  'worker.workflowFailed': {
    en: '{type} run {run} failed: {reason}',
    zh: '运行 {run}（{type}）失败：{reason}',
  },
  'note.isoEjected': { en: 'CloudTower ISO ejected', zh: '已弹出 CloudTower ISO' },
  'note.isoStatus': { en: 'CloudTower ISO: {status}', zh: 'CloudTower ISO 状态：{status}' },
  'note.volumesDeleted': {
    en: '{count} leftover upload volume(s) deleted',
    zh: '已删除 {count} 个遗留的上传卷',
  },
  'note.noTestVms': { en: 'no test VMs', zh: '没有测试虚拟机' },
  'note.testVmsKept': {
    en: '{count} test VM(s) kept (--keep-test-vms)',
    zh: '保留 {count} 台测试虚拟机（--keep-test-vms）',
  },
  'note.testVmsDeleted': {
    en: '{removed} of {count} test VM(s) deleted',
    zh: '已删除 {count} 台测试虚拟机中的 {removed} 台',
  },
  'note.testVmsDeletedAfterFailure': {
    en: '{removed} of {count} test VM(s) deleted (left by the failed test load)',
    zh: '已删除失败的测试负载留下的 {count} 台测试虚拟机中的 {removed} 台',
  },
  'note.noSessions': { en: 'no sessions left open', zh: '没有遗留的会话' },
  'note.stepFailedSeeWarnings': { en: '{step} failed (see warnings)', zh: '{step}失败（见警告）' },
  'note.testLoadNotRun': { en: 'test load did not run', zh: '未运行测试负载（未创建测试虚拟机）' },
  'timing.simulator': { en: 'simulator x{speed}', zh: '模拟器 {speed} 倍速' },
  'timing.site': { en: 'site timing', zh: '现场时序' },
  'value.alreadyInitialized': { en: 'already initialized', zh: '此前已初始化' },
  'value.alreadyDeployed': { en: 'already deployed', zh: '此前已部署' },
  'value.alreadyPresent': { en: 'already present', zh: '此前已存在' },
  'value.alreadyEmpty': { en: 'already empty', zh: '此前已弹出' },
  'value.ejected': { en: 'ejected', zh: '已弹出' },
  'value.vmGone': { en: 'VM gone', zh: '虚拟机已不存在' },
  'value.noFile': { en: 'no file', zh: '没有文件' },
  'progress.waitingForJob': { en: 'waiting for job {id}{state}', zh: '等待设备任务 {id}{state} 完成' },
  'progress.waiting': { en: 'waiting for the appliance', zh: '等待设备完成' },
  'network.role.management': { en: 'management', zh: '管理' },
  'network.role.extraManagement': { en: 'extra management', zh: '附加管理' },
  'network.role.storage': { en: 'storage', zh: '存储' },
  'network.role.backup': { en: 'backup', zh: '备份' },
  'network.role.business': { en: 'business', zh: '业务' },
  'ledger.cluster': { en: 'SMTX OS cluster {name}', zh: 'SMTX OS 集群 {name}' },
  'ledger.clusterNote': {
    en: 'a deployed cluster cannot be undone by API: reinstall SMTX OS on its hosts',
    zh: '已部署的集群无法通过 API 撤销：需在其主机上重装 SMTX OS',
  },
  'ledger.businessVds': { en: 'business VDS {name}', zh: '业务虚拟交换机 {name}' },
  'ledger.businessVlan': { en: 'business VLAN {name}', zh: '业务 VLAN {name}' },
  'ledger.businessNote': {
    en: 'business networks are left in place (VMs may use them): remove them in the SMTX OS console if unwanted',
    zh: '业务网络保留不动（可能已有虚拟机在用）：如不需要，请在 SMTX OS 控制台中删除',
  },
  'ledger.vmNetwork': { en: 'VM network {name}', zh: '虚拟机网络 {name}' },
  'ledger.vmNetworkNote': {
    en: 'the management VM network is left in place: remove it in the SMTX OS console if unwanted',
    zh: '管理虚拟机网络保留不动：如不需要，请在 SMTX OS 控制台中删除',
  },
  'ledger.uploadVolumes': {
    en: 'image upload volumes of this run still filling',
    zh: '本次运行中尚未写完的镜像上传卷',
  },
  'ledger.cloudtowerIso': { en: 'CloudTower ISO image ({path})', zh: 'CloudTower ISO 镜像（{path}）' },
  'ledger.cloudtowerVm': { en: 'CloudTower VM {name}', zh: 'CloudTower 虚拟机 {name}' },
  'ledger.cloudtowerVmNote': {
    en: 'stopped, then deleted with its volumes (everything set up inside CloudTower goes with it)',
    zh: '先关机，再连同其虚拟卷删除（CloudTower 中配置的一切随之删除）',
  },
  'ledger.organization': { en: 'organization {name}', zh: '组织 {name}' },
  'ledger.datacenter': { en: 'datacenter', zh: '数据中心' },
  'ledger.clusterConnection': { en: 'cluster connection', zh: '集群与 CloudTower 的关联' },
  'ledger.testVm': { en: 'test VM {name}', zh: '测试虚拟机 {name}' },
  'ledger.testVmNote': {
    en: 'powered off, then deleted through CloudTower',
    zh: '经 CloudTower 关机后删除',
  },
  'ledger.testVmImage': { en: 'test VM image upload {name}', zh: '测试虚拟机镜像上传 {name}' },
  'ledger.testVmImageNote': {
    en: 'kept for the next test load (reused by name): delete it in CloudTower (VM volumes) if unwanted',
    zh: '保留供下次测试负载复用（按名称）：如不需要，请在 CloudTower 的虚拟卷中删除',
  },
  'ledger.obsInstance': {
    en: 'Observability instance (its VM runs on the cluster)',
    zh: '可观测性实例（其虚拟机运行在集群上）',
  },
  'ledger.obsNote': {
    en: 'remove the Observability instance in CloudTower before removing CloudTower',
    zh: '删除 CloudTower 之前，先在 CloudTower 中移除可观测性实例',
  },
  'ledger.backupService': {
    en: 'Backup service (its VM runs on the cluster)',
    zh: '备份服务（其虚拟机运行在集群上）',
  },
  'ledger.backupNote': {
    en: 'remove the backup service in CloudTower before removing CloudTower',
    zh: '删除 CloudTower 之前，先在 CloudTower 中移除备份服务',
  },
  'ledger.towerVmKept': {
    en: 'kept while Observability/Backup created by this run remain: remove them in CloudTower, then run cleanup again',
    zh: '本次运行创建的可观测性/备份仍在，因此保留：先在 CloudTower 中移除它们，再次执行 cleanup',
  },
  'packages.rehearsal': {
    en: 'for a rehearsal, write stand-ins: {command}',
    zh: '演练时可生成替身: {command}',
  },
  'packages.dirUnreadable': {
    en: '✘ the package folder does not exist or cannot be read: {dir}',
    zh: '✘ 安装包目录不存在或无法读取: {dir}',
  },
  'packages.dirUnreadableFix': {
    en: 'fix: point --packages <dir> at the folder that holds the packages',
    zh: '修复: 用 --packages <目录> 指定放有安装包的目录',
  },
  'packages.allThere': { en: '✔ all needed packages are in {dir}', zh: '✔ 安装包齐全: {dir}' },
  'packages.missing': {
    en: '✘ the package folder {dir} lacks these packages; nothing was started:',
    zh: '✘ 安装包目录 {dir} 缺少以下安装包，未启动任何操作:',
  },
  'packages.needs': {
    en: '{what}: needs {pattern} (e.g. {example})',
    zh: '{what}: 需要 {pattern} (例如 {example})',
  },
  'packages.missingFix': {
    en: 'fix: copy the packages into that folder (or rename them as shown); skip an optional component with --obs skip / --backup skip / --testload skip',
    zh: '修复: 把安装包放入该目录 (或按上面的格式改名)；不需要的可选组件可用 --obs skip / --backup skip / --testload skip',
  },
  'cleanup.none': { en: '(none)', zh: '(无)' },
  'cleanup.done': {
    en: 'cleanup done: {removed} removed, {gone} already gone, {failed} failed; {manual} manual item(s)',
    zh: '清理完成: 已删除 {removed}，已不存在 {gone}，失败 {failed}；人工处理 {manual} 项',
  },
  'cleanup.noRun': { en: 'error: no run {id}', zh: '错误: 没有运行 {id}' },
  'cleanup.failed': { en: 'error: {cause}', zh: '错误: {cause}' },
  'cleanup.dryRunNothingRemoved': { en: '--dry-run: nothing was removed', zh: '--dry-run: 未删除任何内容' },
  'rollback.started': { en: 'started rollback {id}: {plan}', zh: '已启动回滚 {id}: {plan}' },
  'rollback.serviceStopped': { en: 'service stopped', zh: '停止服务' },
  'warn.newAlert': { en: 'new alert after the load: {alert}', zh: '负载后新增告警：{alert}' },
  'warn.newInspectionItem': {
    en: 'new failing inspection item after the load: {item}',
    zh: '负载后巡检新增失败项：{item}',
  },
  'note.fio': {
    en: 'fio {count} profiles × {seconds} s in {vm}',
    zh: '在 {vm} 中运行 {count} 组 fio 测试，每组 {seconds} 秒',
  },
  'note.partOfConfigureCloudtower': {
    en: 'part of configure-cloudtower in this run',
    zh: '本次运行中并入「通过 CloudTower 配置」阶段',
  },
  'note.cleanupNotInRun': {
    en: 'not run: the run started before stage 11 existed',
    zh: '未执行：该运行开始时还没有阶段 11（收尾清理）',
  },
  'note.alertsNotCompared': { en: 'alerts not compared: {why}', zh: '未对比告警：{why}' },
  'worker.starting': {
    en: 'hci-bringup worker: {address} namespace={namespace} task queue={taskQueue} site={site} max activities={activities} workflow tasks={workflowTasks} activity pollers={pollers}',
    zh: 'hci-bringup worker：{address} 命名空间={namespace} 任务队列={taskQueue} 站点={site} 最大并发活动={activities} 工作流任务={workflowTasks} 活动轮询={pollers}',
  },
  'cleanup.fixEjectIso': {
    en: 'Fix: eject the ISO from the CloudTower VM in the SMTX OS console (VM → CD-ROM → eject), or run `hci-bringup cleanup` later',
    zh: '处理：在 SMTX OS 控制台中弹出 CloudTower 虚拟机的 ISO（虚拟机 → CD-ROM → 弹出），或稍后执行 `hci-bringup cleanup`',
  },
  'cleanup.fixUploadVolumes': {
    en: 'Fix: delete the upload volumes named in the warning in the SMTX OS console (images still uploading)',
    zh: '处理：在 SMTX OS 控制台中删除警告中列出的上传卷（仍在上传的镜像）',
  },
  'cleanup.fixFindTestVms': {
    en: 'Fix: delete the test VMs in CloudTower',
    zh: '处理：在 CloudTower 中删除测试虚拟机',
  },
  'cleanup.fixDeleteTestVm': {
    en: 'Fix: delete VM {id} in CloudTower, or run `{command}` later',
    zh: '处理：在 CloudTower 中删除虚拟机 {id}，或稍后执行 `{command}`',
  },
  // ---- issue 25 k8s ----
  'k8s.kubeconfigUnreadable': {
    en: '--kubeconfig {path}: {detail}. Fix: give the path of a readable kubeconfig (or set KUBECONFIG); for the local cluster: npm run k8s',
    zh: '--kubeconfig {path}: {detail}。修复: 给出可读的 kubeconfig 路径（或设置 KUBECONFIG）；本地集群: npm run k8s',
  },
  'k8s.contextUnknown': {
    en: '--context {context} is not in kubeconfig {path} (it has: {contexts}). Fix: choose one of those',
    zh: '--context {context} 不在 kubeconfig {path} 中（已有: {contexts}）。修复: 选择其中之一',
  },
  'k8s.unauthorized': {
    en: 'the API server refused the credentials of kubeconfig {path} (HTTP {status}: {detail}). Fix: use a kubeconfig whose user may manage Deployments, Services and pods in the namespace',
    zh: 'API server 拒绝了 kubeconfig {path} 的凭据（HTTP {status}: {detail}）。修复: 使用有权管理该命名空间中 Deployment、Service 和 Pod 的 kubeconfig',
  },
  'k8s.namespaceMissing': {
    en: '--namespace {namespace}: no such namespace on {server}. Fix: create it (kubectl create namespace {namespace}) or choose an existing one',
    zh: '--namespace {namespace}: {server} 上没有这个命名空间。修复: 先创建（kubectl create namespace {namespace}）或选择已有的命名空间',
  },
  'k8s.manifestRefused': {
    en: 'the API server refused the {kind} {name}: {detail}. Fix: correct {flag}',
    zh: 'API server 拒绝了 {kind} {name}: {detail}。修复: 改正 {flag}',
  },
  'k8s.apiError': {
    en: '{what}: HTTP {status} from the API server: {detail}',
    zh: '{what}: API server 返回 HTTP {status}: {detail}',
  },
  'k8s.unreachable': {
    en: 'cannot reach the Kubernetes API server {server} ({detail}) named by kubeconfig {path}, context {context}. Fix: start the cluster (local: npm run k8s) or point --kubeconfig/--context at a reachable API server',
    zh: '无法连接 Kubernetes API server {server}（{detail}），它来自 kubeconfig {path} 的 context {context}。修复: 启动集群（本地: npm run k8s），或用 --kubeconfig/--context 指向可连接的 API server',
  },
  'k8s.superseded': {
    en: 'another deployment ({other}) replaced this one on the Deployment during the rollout',
    zh: '滚动更新期间另一次部署（{other}）替换了本次部署',
  },
  'k8s.rolloutState': {
    en: '{updated}/{replicas} updated, {ready}/{replicas} ready, {old} old',
    zh: '已更新 {updated}/{replicas}，就绪 {ready}/{replicas}，旧副本 {old}',
  },
  'k8s.tooManyRestarts': {
    en: 'pod {pod} restarted {restarts} times (more than {max})',
    zh: 'Pod {pod} 重启了 {restarts} 次（超过 {max}）',
  },
  'k8s.progressDeadline': {
    en: 'the rollout made no progress for {seconds} s (progressDeadlineSeconds; {state})',
    zh: '滚动更新 {seconds} 秒内没有进展（progressDeadlineSeconds；{state}）',
  },
  'k8s.rolloutTimeout': {
    en: 'the rollout did not finish within --rollout-timeout ({state})',
    zh: '滚动更新未在 --rollout-timeout 内完成（{state}）',
  },
  'k8s.deploymentGone': {
    en: 'Deployment {namespace}/{name} no longer exists',
    zh: 'Deployment {namespace}/{name} 已不存在',
  },
  'k8s.notLive': {
    en: '{id} is no longer the live revision of {app}: {current} is. Fix: roll back {current} instead (hci-bringup rollback {current})',
    zh: '{id} 已不是 {app} 当前运行的版本，当前是 {current}。修复: 改为回滚 {current}（hci-bringup rollback {current}）',
  },
  'k8s.revisionGone': {
    en: 'the revision of {deployment} (ReplicaSet {rs}, version {version}) is no longer kept by the Deployment (revisionHistoryLimit). Fix: deploy that version again',
    zh: 'Deployment 已不再保留 {deployment} 的版本（ReplicaSet {rs}，版本 {version}；revisionHistoryLimit）。修复: 重新部署该版本',
  },
  'k8s.podUnknown': {
    en: 'pod {pod} is not a pod of {app} in namespace {namespace}',
    zh: 'Pod {pod} 不属于命名空间 {namespace} 中的 {app}',
  },
  'k8s.noPrevious': {
    en: 'no earlier revision of {app} to roll back to (its first deployment); its pods are left for troubleshooting',
    zh: '{app} 没有更早的版本可回滚（首次部署）；其 Pod 保留以便排查',
  },
  'k8s.serviceRequired': {
    en: '--service is required with --kubernetes: the name of the Deployment and Service (label app)',
    zh: '--kubernetes 需要 --service: Deployment 与 Service 的名称（标签 app）',
  },
  'k8s.serviceInvalid': {
    en: '--service must be a Kubernetes name: lowercase letters, digits and -, starting with a letter, at most 63 (e.g. api-service)',
    zh: '--service 须为 Kubernetes 名称: 小写字母、数字和 -，以字母开头，最多 63 个字符（例如 api-service）',
  },
  'k8s.imageRequired': {
    en: '--image is required with --kubernetes: the container image, e.g. org/api-service:v1.0.0',
    zh: '--kubernetes 需要 --image: 容器镜像，例如 org/api-service:v1.0.0',
  },
  'k8s.labelInvalid': {
    en: '--version must be a label value: letters, digits, - _ ., at most 63, starting and ending with a letter or digit',
    zh: '--version 须为标签值: 字母、数字、- _ .，最多 63 个字符，首尾为字母或数字',
  },
  'k8s.namespaceInvalid': {
    en: '--namespace must be a namespace name: lowercase letters, digits and -, at most 63',
    zh: '--namespace 须为命名空间名: 小写字母、数字和 -，最多 63 个字符',
  },
  'k8s.envInvalid': {
    en: '--env takes NAME=value pairs separated by commas (NAME: letters, digits, _)',
    zh: '--env 取以逗号分隔的 NAME=value（NAME 为字母、数字、_）',
  },
  'k8s.idInvalid': {
    en: '--id of a Kubernetes deployment becomes the label deployment-id: letters, digits, - _ ., at most 63, starting and ending with a letter or digit (a shorter --service or an explicit --id fixes it)',
    zh: 'Kubernetes 部署的 --id 会成为标签 deployment-id: 字母、数字、- _ .，最多 63 个字符，首尾为字母或数字（缩短 --service 或显式给出 --id 即可）',
  },
  'k8s.versionNeeded': {
    en: '--version is needed: the image {image} has no tag that is a label value. Fix: give --version (e.g. v1.0.0) or an image with a tag',
    zh: '需要 --version: 镜像 {image} 没有可作标签值的 tag。修复: 给出 --version（例如 v1.0.0）或带 tag 的镜像',
  },
  'k8s.quantityInvalid': {
    en: 'CPU and memory take Kubernetes quantities, e.g. 100m, 0.5, 128Mi, 1Gi',
    zh: 'CPU 与内存取 Kubernetes 数量格式，例如 100m、0.5、128Mi、1Gi',
  },
  'k8s.replicasInvalid': {
    en: '--replicas needs a whole number from 0 to 1000',
    zh: '--replicas 需要 0 到 1000 的整数',
  },
  'k8s.notKubernetes': {
    en: '{id} is not a Kubernetes deployment (deploy-package --kubernetes); scale works only on those',
    zh: '{id} 不是 Kubernetes 部署（deploy-package --kubernetes）；scale 只适用于这类部署',
  },
  'k8s.started': {
    en: 'started {id} ({app}, image {image}, {replicas} replicas, task queue {queue})\nsee it: hci-bringup status {id}',
    zh: '已启动 {id}（{app}，镜像 {image}，{replicas} 个副本，任务队列 {queue}）\n查看: hci-bringup status {id}',
  },
  'k8s.scaleStarted': {
    en: 'started {id}: scale to {replicas} replicas',
    zh: '已启动 {id}: 副本数调整为 {replicas}',
  },
  'k8s.rollbackStarted': {
    en: 'started rollback {id}: {app} back to version {version}',
    zh: '已启动回滚 {id}: {app} 回到版本 {version}',
  },
  'k8s.resultSucceeded': {
    en: '{id}: succeeded ({app}, version {version}, revision {revision})',
    zh: '{id}: 成功（{app}，版本 {version}，revision {revision}）',
  },
  'k8s.resultFailed': {
    en: '{id}: failed ({app}, version {version}, live revision {revision})',
    zh: '{id}: 失败（{app}，版本 {version}，当前 revision {revision}）',
  },
  'k8s.rolledBackTo': {
    en: 'rolled back automatically to the revision of {deployment} (version {version}, now revision {revision})',
    zh: '已自动回滚到 {deployment} 的版本（版本 {version}，现为 revision {revision}）',
  },
  // ---- issue 23 words ----
  // (point 1: the texts the CLI, validate, the report and a few activities held inline)
  'cli.opt.allowedHost': {
    en: 'host names besides IP addresses and localhost that the Host header may carry (comma separated; others are refused against DNS rebinding)',
    zh: '除 IP 地址和 localhost 外允许出现在 Host 头中的主机名 (逗号分隔; 其他一律拒绝, 防 DNS 重绑定)',
  },
  'cli.opt.lang': {
    en: 'output language (default $HCI_LANG, else zh)',
    zh: '输出语言 (默认 $HCI_LANG，否则 zh)',
  },
  'cli.opt.help': {
    en: 'show this help',
    zh: '显示本帮助',
  },
  'cli.approve.summary': {
    en: 'approve an optional component that waits (obs|backup|testload)',
    zh: '批准等待中的可选组件 (obs|backup|testload)',
  },
  'cli.cancel.summary': {
    en: 'cancel a run (its running steps stop; it ends as cancelled)',
    zh: '取消一次运行 (正在执行的步骤停止，运行以“已取消”结束)',
  },
  'cli.cancel.opt.wait': {
    en: 'how long to wait for the run to end (seconds, 0 = do not wait)',
    zh: '等待运行结束的最长时间 (秒，0 = 不等待)',
  },
  'cli.cancel.notes': {
    en: 'exit codes: 0 cancelled, cancellation requested, or the run had already ended; 1 no such run. Then cleanup <workflow-id> --dry-run lists what it created',
    zh: '退出码: 0 已取消、已请求取消或运行早已结束, 1 找不到运行。之后可用 cleanup <运行ID> --dry-run 查看它创建的资源',
  },
  'cli.cleanup.summary': {
    en: 'remove what a failed or abandoned run created (only what that run created, newest first)',
    zh: '清理一次失败或放弃的运行所创建的资源 (只清理该运行创建的，按创建的逆序)',
  },
  'cli.cleanup.opt.dryRun': {
    en: 'list what would be removed; remove nothing',
    zh: '只列出将要清理的内容，不做任何删除',
  },
  'cli.cleanup.opt.json': {
    en: 'print the result as JSON',
    zh: '以 JSON 输出结果',
  },
  'cli.cleanup.notes': {
    en: 'refused while the run is still running (cancel it first), and for a run that succeeded unless --force. Nothing that existed before the run is ever removed; what no API can undo (a deployed cluster needs its hosts reinstalled) is listed as manual work. Exit codes: 0 done, 1 something failed or was refused',
    zh: '运行仍在进行时拒绝 (先取消它)；已成功完成的运行需加 --force。运行之前已存在的资源从不删除；无法通过 API 撤销的 (已部署的集群需重装主机) 只列为人工处理。退出码: 0 完成, 1 有失败或被拒绝',
  },
  'cli.cleanup.stateWords.planned': {
    en: 'planned',
    zh: '待删除',
  },
  'cli.cleanup.stateWords.removing': {
    en: 'removing',
    zh: '删除中',
  },
  'cli.cleanup.stateWords.removed': {
    en: 'removed',
    zh: '已删除',
  },
  'cli.cleanup.stateWords.alreadyGone': {
    en: 'already gone',
    zh: '已不存在',
  },
  'word.failed': {
    en: 'failed',
    zh: '失败',
  },
  'cli.cleanup.withTowerVmHeading': {
    en: 'go with the CloudTower VM:',
    zh: '随 CloudTower 虚拟机一起删除:',
  },
  'cli.cleanup.manualHeading': {
    en: 'manual work (never attempted):',
    zh: '需人工处理 (不会自动删除):',
  },
  'cli.cleanup.keptHeading': {
    en: 'existed before the run, kept:',
    zh: '运行之前已存在、保留不动:',
  },
  'cli.codecServer.summary': {
    en: 'decrypt payloads for the Web UI and the temporal CLI (Temporal codec-server protocol)',
    zh: '为 Web UI 和 temporal 命令行解密载荷 (Temporal codec server 协议)',
  },
  'cli.codecServer.opt.port': {
    en: 'port to listen on',
    zh: '监听端口',
  },
  'cli.codecServer.opt.host': {
    en: 'address to listen on (beyond loopback, HCI_CODEC_TOKEN is required)',
    zh: '监听地址 (非回环地址需设置 HCI_CODEC_TOKEN)',
  },
  'cli.codecServer.opt.origin': {
    en: 'the Web UI origin allowed by CORS',
    zh: '允许跨域访问的 Web UI 来源',
  },
  'cli.codecServer.notes': {
    en: 'uses HCI_PAYLOAD_KEY (or its key file); with HCI_CODEC_TOKEN set, requests need Authorization: Bearer <token>',
    zh: '使用 HCI_PAYLOAD_KEY (或其密钥文件)；设置 HCI_CODEC_TOKEN 后请求需带 Authorization: Bearer <令牌>',
  },
  'cli.codecServer.noPayloadKey': {
    en: 'error: no payload key is configured, so payloads are plain JSON the Web UI shows without a codec server. For encryption, give the worker and the CLI the same HCI_PAYLOAD_KEY (or HCI_PAYLOAD_KEY_FILE)',
    zh: '错误: 未配置载荷密钥，载荷是明文 JSON，Web UI 可直接查看，无需编解码服务。需要加密时，请为 worker 和 CLI 设置同一个 HCI_PAYLOAD_KEY (或 HCI_PAYLOAD_KEY_FILE)',
  },
  'cli.deployKubernetes.noPods': {
    en: '(no pods)',
    zh: '(无 Pod)',
  },
  'cli.deployPackage.summary': {
    en: 'roll a versioned artifact (.tar.gz) onto machines over SSH (canary first, then batches; automatic rollback on a failed check); with --kubernetes, onto Kubernetes',
    zh: '把版本化的制品 (.tar.gz) 经 SSH 部署到一组机器 (先金丝雀，再分批；检查失败自动回滚)；加 --kubernetes 则部署到 Kubernetes',
  },
  'cli.deployPackage.opt.plan': {
    en: "target the workbook's hosts (their SSH login)",
    zh: '目标为规划表中的主机 (SSH 账号取自规划表)',
  },
  'cli.deployPackage.opt.hosts': {
    en: 'target addresses (comma-separated); the worker reads the password from HCI_SECRET_DEPLOY_SSH_PASSWORD or its secrets file',
    zh: '目标地址列表 (逗号分隔); 密码由 worker 从 HCI_SECRET_DEPLOY_SSH_PASSWORD 或密钥文件读取',
  },
  'cli.deployPackage.opt.sshUser': {
    en: 'SSH user for --hosts (sudo when not root)',
    zh: '--hosts 的 SSH 用户 (非 root 时用 sudo)',
  },
  'cli.deployPackage.opt.artifact': {
    en: 'the artifact (required)',
    zh: '制品 (必填)',
  },
  'cli.deployPackage.opt.service': {
    en: 'systemd service name (required)',
    zh: 'systemd 服务名 (必填)',
  },
  'cli.deployPackage.opt.keep': {
    en: 'releases kept per machine',
    zh: '每台保留的版本数',
  },
  'cli.deployPackage.opt.concurrency': {
    en: 'machines deployed at once after the canary',
    zh: '金丝雀之后同时部署的机器数',
  },
  'cli.deployPackage.opt.tcpPort': {
    en: 'TCP check port',
    zh: 'TCP 检查端口',
  },
  'cli.deployPackage.opt.process': {
    en: 'process check (pgrep -x)',
    zh: '进程检查 (pgrep -x)',
  },
  'cli.deployPackage.opt.checkTimeout': {
    en: 'how long the checks may take to pass after a restart',
    zh: '重启后检查通过的最长等待',
  },
  'cli.deployPackage.opt.direct': {
    en: 'on site: connect to the target addresses',
    zh: '现场直连目标地址',
  },
  'cli.deployPackage.opt.site': {
    en: "site name: run by that site's worker; default HCI_SITE",
    zh: '站点名: 由该站点的 worker 执行; 默认 HCI_SITE',
  },
  'cli.deployPackage.opt.id': {
    en: 'deployment id (default pkg-<service>-<time>)',
    zh: '部署 ID (默认 pkg-<服务>-<时间>)',
  },
  'cli.opt.waitPerMachine': {
    en: "wait for the end and print each machine's result",
    zh: '等待结束并打印每台机器的结果',
  },
  'cli.deployPackage.notes': {
    en: 'exit codes: 0 started/all deployed, 1 a machine failed or was rolled back, 2 bad usage',
    zh: '退出码: 0 已启动/全部成功, 1 有机器失败或回滚, 2 用法错误',
  },
  'cli.deployPackage.planOrHosts': {
    en: 'give exactly one of --plan or --hosts',
    zh: '请给出 --plan 或 --hosts 其中之一',
  },
  'cli.deployPackage.connectError': {
    en: 'give --endpoints <endpoints.json> (rehearsal/tests), or --direct on site',
    zh: '需要 --endpoints <endpoints.json>（演练/测试），或在现场明确使用 --direct',
  },
  'cli.list.summary': {
    en: 'list recent bring-up runs',
    zh: '列出最近的部署运行',
  },
  'cli.list.opt.limit': {
    en: 'at most this many',
    zh: '最多显示条数',
  },
  'cli.opt.json': {
    en: 'print JSON',
    zh: '以 JSON 输出',
  },
  'cli.list.none': {
    en: 'no bring-up runs',
    zh: '没有部署运行记录',
  },
  'cli.report.summary': {
    en: "write a run's HTML report (one self-contained file, prints to PDF)",
    zh: '生成一次运行的 HTML 报告 (单个文件，可打印为 PDF)',
  },
  'cli.report.opt.out': {
    en: 'file to write (default artifacts/<id>/report.html)',
    zh: '输出文件 (默认 artifacts/<id>/report.html)',
  },
  'cli.report.notes': {
    en: 'the report holds no password; a run still in progress gets a report of its progress so far.',
    zh: '报告不含任何密码；运行中的运行也可生成 (显示当前进度)。',
  },
  'cli.retry.summary': {
    en: 'retry the failed stage or optional component after fixing its cause',
    zh: '修复问题后重试失败的阶段或可选组件',
  },
  'cli.retry.notes': {
    en: 'sent as a Temporal Update: answers which stage or component restarted; refused when nothing has failed. Exit codes: 0 restarted, 1 refused (nothing failed) or the run has ended',
    zh: '作为 Temporal Update 发送: 回答重新开始的阶段或组件；没有失败时被拒绝。退出码: 0 已重新开始, 1 被拒绝 (没有失败) 或运行已结束',
  },
  'cli.retry.notRetried': {
    en: 'not retried',
    zh: '未重试',
  },
  'cli.rollback.summary': {
    en: 'roll a whole package deployment back to the previous version (Kubernetes: to the revision live before it)',
    zh: '把一次软件包部署整体回滚到之前的版本 (Kubernetes 部署: 回到部署前的 revision)',
  },
  'cli.samplePackages.summary': {
    en: 'write stand-in package files for rehearsals (sparse: far less on disk than their size)',
    zh: '生成演练用的安装包替身 (稀疏文件，实际占用远小于名义大小)',
  },
  'cli.samplePackages.opt.out': {
    en: 'folder to write',
    zh: '输出目录',
  },
  'cli.samplePackages.notes': {
    en: 'for simulator rehearsals only; on site, put the real packages there.',
    zh: '只用于模拟器演练；现场请放入真实的安装包。',
  },
  'cli.samplePlan.summary': {
    en: 'write a sample workbook (loopback addresses only, for rehearsals)',
    zh: '生成示例规划表 (全部为回环地址，用于演练)',
  },
  'cli.samplePlan.opt.out': {
    en: 'file to write',
    zh: '输出文件',
  },
  'cli.samplePlan.opt.hosts': {
    en: 'number of hosts',
    zh: '主机数量',
  },
  'cli.samplePlan.opt.arch': {
    en: 'network architecture: three-separate|storage-separate (or 三网独立|存储独立)',
    zh: '网络架构: 三网独立|存储独立 (或 three-separate|storage-separate)',
  },
  'cli.samplePlan.opt.storage': {
    en: 'storage architecture',
    zh: '存储架构 (也接受 混闪-分层|全闪-不分层)',
  },
  'cli.samplePlan.opt.boost': {
    en: 'enable Boost mode',
    zh: '启用 Boost 模式',
  },
  'cli.samplePlan.opt.business': {
    en: 'number of business networks',
    zh: '业务网络数量',
  },
  'cli.samplePlan.opt.clusterName': {
    en: 'cluster name',
    zh: '集群名称',
  },
  'cli.samplePlan.opt.force': {
    en: 'overwrite an existing file',
    zh: '覆盖已有文件',
  },
  'cli.scale.summary': {
    en: 'set the replica count of a Kubernetes deployment',
    zh: '调整一次 Kubernetes 部署的副本数',
  },
  'cli.scale.opt.replicas': {
    en: 'replicas (required)',
    zh: '副本数 (必填)',
  },
  'cli.scale.opt.wait': {
    en: 'wait for the end and print the pods',
    zh: '等待结束并打印 Pod',
  },
  'cli.serve.summary': {
    en: 'serve the deploy HTTP API (deployment info, health, logs, metrics)',
    zh: '启动部署服务 HTTP API (部署信息、健康检查、日志、指标)',
  },
  'cli.serve.opt.host': {
    en: 'listen address (non-loopback needs --allow-remote)',
    zh: '监听地址 (非回环地址需 --allow-remote)',
  },
  'cli.serve.opt.port': {
    en: 'listen port',
    zh: '监听端口',
  },
  'cli.serve.opt.allowRemote': {
    en: 'allow a non-loopback listen address (set HCI_API_TOKEN too)',
    zh: '允许监听非回环地址 (请同时设置 HCI_API_TOKEN)',
  },
  'cli.serve.notes': {
    en: 'with HCI_API_TOKEN set, every request needs Authorization: Bearer <token>, else 401. API: docs/deploy-service.md',
    zh: '设置 HCI_API_TOKEN 后，每个请求都需要 Authorization: Bearer <token>，否则返回 401。接口说明: docs/deploy-service.md',
  },
  'cli.serve.noToken': {
    en: 'warning: HCI_API_TOKEN is not set; the API answers anyone who reaches this address',
    zh: '警告: 未设置 HCI_API_TOKEN，非回环地址上的接口无需认证',
  },
  'cli.skip.summary': {
    en: 'skip an optional component that waits (obs|backup|testload)',
    zh: '跳过等待中的可选组件 (obs|backup|testload)',
  },
  'cli.skip.notes': {
    en: 'skip on a component that failed and waits for retry: leave it failed; the run ends "completed with failures"',
    zh: '对已失败并等待 retry 的组件执行 skip: 接受失败，运行以“完成但需关注”结束',
  },
  'cli.start.summary': {
    en: 'start a bring-up from a planning workbook',
    zh: '按规划表启动部署',
  },
  'cli.start.opt.plan': {
    en: 'planning workbook (required)',
    zh: '规划表 (必填)',
  },
  'cli.start.opt.direct': {
    en: 'on site: connect to the workbook addresses',
    zh: '现场直连规划表中的地址',
  },
  'cli.start.opt.packages': {
    en: 'package folder (checked for the needed packages before starting)',
    zh: '安装包目录 (启动前检查所需的包)',
  },
  'cli.start.opt.artifacts': {
    en: 'artifacts folder (default artifacts/<id>)',
    zh: '产物目录 (默认 artifacts/<id>)',
  },
  'cli.start.opt.obs': {
    en: 'Observability (OBS) component',
    zh: '可观测性 (OBS) 组件',
  },
  'cli.start.opt.backup': {
    en: 'Backup component',
    zh: '备份组件',
  },
  'cli.start.opt.testload': {
    en: 'test load (stage 9 test VMs, then stage 10 performance tests)',
    zh: '测试负载 (阶段 9 测试虚拟机与阶段 10 性能测试)',
  },
  'cli.start.opt.approvalTimeout': {
    en: 'seconds to wait for an approval',
    zh: '等待批准的超时秒数',
  },
  'cli.start.opt.onApprovalTimeout': {
    en: 'what to do when the approval times out',
    zh: '批准超时后的做法',
  },
  'cli.start.opt.site': {
    en: "site name (a-z, 0-9, -): run by that site's worker (task queue hci-bringup.<name>); default HCI_SITE",
    zh: '站点名 (小写字母/数字/-): 由该站点的 worker (任务队列 hci-bringup.<name>) 执行; 默认 HCI_SITE',
  },
  'cli.start.opt.schedule': {
    en: "schedule: overlapped runs independent work side by side (docs/schedule.md), sequential one stage after another in the seed's order",
    zh: '调度: overlapped 按依赖并行 (docs/schedule.md), sequential 按种子顺序逐阶段',
  },
  'cli.start.opt.id': {
    en: 'run id (default bringup-<cluster name>, with a site bringup-<site>-<cluster name>)',
    zh: '运行 ID (默认 bringup-<集群名>，有站点时 bringup-<站点>-<集群名>)',
  },
  'cli.start.opt.wait': {
    en: 'follow the run until it ends',
    zh: '跟随运行直到结束',
  },
  'cli.start.opt.failFast': {
    en: 'end the run when a step fails (default: wait for retry)',
    zh: '步骤失败即结束运行 (默认等待修复后 retry)',
  },
  'cli.start.opt.keepTestVms': {
    en: 'stage 11 (cleanup) keeps the test VMs (default: deletes them)',
    zh: '收尾清理 (阶段 11) 保留测试虚拟机 (默认删除)',
  },
  'cli.start.opt.disruptiveTests': {
    en: 'stage 10 disruptive test, an explicit approval for this run only: maintenance = one host into maintenance mode and back (needs ≥3 hosts and the test load)',
    zh: '阶段 10 破坏性测试, 仅对本次运行的明确批准: maintenance = 一台主机进入维护模式再退出 (需 ≥3 台主机与测试负载)',
  },
  'cli.start.opt.disruptiveHost': {
    en: 'the host for maintenance mode (主机规划 column H); default: the last plan host running no CloudTower/OBS/Backup VM',
    zh: '进入维护模式的主机 (主机规划 H 列); 默认: 规划中最后一台不运行 CloudTower/OBS/备份虚拟机的主机',
  },
  'cli.start.notes': {
    en: 'exit codes: 0 started/succeeded, 1 failed, 2 bad usage or missing packages, 3 a stage failed and waits for retry, 4 completed with failures (an optional component failed)',
    zh: '退出码: 0 已启动/成功, 1 失败, 2 用法错误或缺少安装包, 3 有阶段失败并等待 retry, 4 完成但需关注 (可选组件失败)',
  },
  'cli.start.modeError': {
    en: 'give --endpoints <the simulator endpoints.json> (rehearsal/tests), or --direct on site to connect to the workbook addresses',
    zh: '需要 --endpoints <模拟器的 endpoints.json>（演练/测试），或在现场明确使用 --direct 直连规划表地址',
  },
  'cli.status.summary': {
    en: 'show a run once',
    zh: '查看一次运行状态',
  },
  'cli.status.notes': {
    en: 'exit codes: 0 succeeded/in progress, 1 failed, terminated or cancelled, 3 a stage failed and waits for retry, 4 completed with failures (an optional component failed)',
    zh: '退出码: 0 成功/进行中, 1 失败、终止或取消, 3 有阶段失败并等待 retry, 4 完成但需关注 (可选组件失败)',
  },
  'cli.validate.summary': {
    en: 'check a planning workbook; with --packages also check the package folder',
    zh: '检查规划表；给出 --packages 时同时检查安装包目录',
  },
  'cli.validate.opt.allowSmallCluster': {
    en: 'allow fewer than 3 hosts',
    zh: '允许少于 3 台主机',
  },
  'cli.validate.opt.packages': {
    en: 'also check that this folder holds the packages the plan needs (CloudTower/VMTools ISO, OBS, Backup)',
    zh: '同时检查该目录下部署所需的安装包 (CloudTower/VMTools ISO, OBS, 备份)',
  },
  'cli.watch.summary': {
    en: 'follow a run until it ends (through failures, retries and approvals)',
    zh: '实时跟随运行直到结束 (含失败、retry 与批准等待)',
  },
  'cli.watch.opt.interval': {
    en: 'refresh interval (milliseconds)',
    zh: '刷新间隔 (毫秒)',
  },
  'cli.watch.notes': {
    en: 'exit codes: 0 succeeded (or stopped as asked), 1 failed, terminated or cancelled, 4 completed with failures (an optional component failed). Redraws in place on a terminal; in a log, prints only the lines that changed',
    zh: '退出码: 0 成功 (或按要求停止), 1 失败、终止或取消, 4 完成但需关注 (可选组件失败)。终端上原地刷新；输出到日志时只打印变化的行',
  },
  'cli.disruptive.hostWithoutMaintenance': {
    en: '--disruptive-host goes only with --disruptive-tests maintenance',
    zh: '--disruptive-host 仅与 --disruptive-tests maintenance 一起使用',
  },
  'cli.disruptive.needsTestLoad': {
    en: '--disruptive-tests maintenance needs the test load (--testload auto or ask): the test checks that the test VMs still answer while the host is in maintenance',
    zh: '--disruptive-tests maintenance 需要测试负载 (--testload auto 或 ask): 维护期间检查测试虚拟机是否仍可访问',
  },
  'cli.k8sOpt.kubernetes': {
    en: 'deploy to Kubernetes: a Deployment and Service built from the request, rolled out (automatic rollback to the previous revision on failure)',
    zh: '部署到 Kubernetes: 按请求生成 Deployment 与 Service 并滚动更新 (失败自动回滚到上一版本)',
  },
  'cli.k8sOpt.image': {
    en: 'container image (required with --kubernetes)',
    zh: '容器镜像 (--kubernetes 必填)',
  },
  'cli.k8sOpt.version': {
    en: "label `version` (default: the image's tag)",
    zh: '标签 version (默认: 镜像的 tag)',
  },
  'cli.k8sOpt.namespace': {
    en: 'namespace (must exist)',
    zh: '命名空间 (须已存在)',
  },
  'cli.k8sOpt.replicas': {
    en: 'replicas',
    zh: '副本数',
  },
  'cli.k8sOpt.port': {
    en: 'container port',
    zh: '容器端口',
  },
  'cli.k8sOpt.servicePort': {
    en: 'Service port',
    zh: 'Service 端口',
  },
  'cli.k8sOpt.env': {
    en: 'container environment (comma-separated)',
    zh: '容器环境变量 (逗号分隔)',
  },
  'cli.k8sOpt.cpuRequest': {
    en: 'container CPU request',
    zh: '容器 CPU 请求',
  },
  'cli.k8sOpt.memoryRequest': {
    en: 'container memory request',
    zh: '容器内存请求',
  },
  'cli.k8sOpt.cpuLimit': {
    en: 'container CPU limit',
    zh: '容器 CPU 上限',
  },
  'cli.k8sOpt.memoryLimit': {
    en: 'container memory limit',
    zh: '容器内存上限',
  },
  'cli.k8sOpt.readinessPath': {
    en: 'HTTP readiness probe path',
    zh: 'HTTP 就绪探针路径',
  },
  'cli.k8sOpt.kubeconfig': {
    en: "the worker's kubeconfig (default $KUBECONFIG, else ~/.kube/config)",
    zh: 'worker 上的 kubeconfig (默认 $KUBECONFIG，否则 ~/.kube/config)',
  },
  'cli.k8sOpt.context': {
    en: 'context of the kubeconfig',
    zh: 'kubeconfig 中的 context',
  },
  'cli.k8sOpt.rolloutTimeout': {
    en: 'how long the rollout may take (then it is rolled back)',
    zh: '等待滚动更新完成的最长时间 (超时即回滚)',
  },
  'cli.k8sOpt.maxRestarts': {
    en: 'restarts a pod may have during the rollout',
    zh: '滚动更新期间单个 Pod 允许的重启次数',
  },
  'cli.packageStatus.pending': {
    en: 'pending',
    zh: '等待',
  },
  'cli.packageStatus.deploying': {
    en: 'deploying',
    zh: '部署中',
  },
  'cli.packageStatus.rolledBack': {
    en: 'rolled back',
    zh: '已回滚',
  },
  'cli.render.hostState.running': {
    en: 'in progress',
    zh: '进行中',
  },
  'cli.render.hostState.scanned': {
    en: 'scanned',
    zh: '已扫描',
  },
  'cli.render.hostState.changed': {
    en: 'changed',
    zh: '已修改',
  },
  'cli.render.hostState.alreadySet': {
    en: 'already set',
    zh: '已是规划密码',
  },
  'cli.render.hostState.notReached': {
    en: 'unknown',
    zh: '未知',
  },
  'cli.render.hostStep.scanHosts': {
    en: 'host scan',
    zh: '主机扫描',
  },
  'cli.render.hostStep.hostPasswords': {
    en: 'root/smartx password',
    zh: 'root/smartx 密码',
  },
  'cli.opt.endpoints': {
    en: 'endpoint map written by the simulator (rehearsal/tests)',
    zh: '模拟器写出的端点映射 (演练/测试)',
  },
  'cli.opt.speed': {
    en: 'simulator speed-up (rehearsals only)',
    zh: '模拟器加速倍数 (仅演练)',
  },
  'cli.runFlags.endpointsOrDirect': {
    en: 'choose either --endpoints or --direct',
    zh: '--endpoints 与 --direct 只能选一个',
  },
  'report.testResults.title': {
    en: 'Test results',
    zh: '性能测试结果',
  },
  'report.state.running': {
    en: 'running',
    zh: '运行中',
  },
  'report.state.completed': {
    en: 'completed',
    zh: '已结束',
  },
  'report.state.terminated': {
    en: 'terminated',
    zh: '已终止',
  },
  'report.state.cancelled': {
    en: 'cancelled',
    zh: '已取消',
  },
  'report.state.timedOut': {
    en: 'timed out',
    zh: '超时',
  },
  'report.action.approve': {
    en: 'approve',
    zh: '批准',
  },
  'report.action.skip': {
    en: 'skip',
    zh: '跳过',
  },
  'report.action.retry': {
    en: 'retry',
    zh: '重试',
  },
  'cli.help.usage': {
    en: 'usage: hci-bringup {command} [options]',
    zh: '用法: hci-bringup {command} [参数]',
  },
  'cli.help.options': {
    en: 'options:',
    zh: '参数:',
  },
  'cli.help.default': {
    en: 'default: {value}',
    zh: '默认: {value}',
  },
  'cli.help.example': {
    en: 'example:',
    zh: '示例:',
  },
  'cli.help.topUsage': {
    en: 'usage: hci-bringup <command> [options] [--lang zh|en]',
    zh: '用法: hci-bringup <命令> [参数] [--lang zh|en]',
  },
  'cli.help.commands': {
    en: 'commands:',
    zh: '命令:',
  },
  'cli.help.perCommand': {
    en: "a command's options: hci-bringup <command> --help    version: hci-bringup --version",
    zh: '每个命令的参数: hci-bringup <命令> --help    版本: hci-bringup --version',
  },
  'cli.help.temporalConnection': {
    en: 'Temporal connection: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS_CERT/KEY/CA (default: the dev server of temporal-dev.yaml)',
    zh: 'Temporal 连接: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS_CERT/KEY/CA (默认 temporal-dev.yaml 的本地开发服务器)',
  },
  'cli.render.logOffset': {
    en: 'log {size}',
    zh: '日志 {size}',
  },
  'cli.phase.pending': {
    en: 'not started',
    zh: '未开始',
  },
  'cli.phase.done': {
    en: 'done',
    zh: '结束',
  },
  'cli.phase.doneWithFailures': {
    en: 'completed with failures',
    zh: '结束，需关注 (有组件失败)',
  },
  'cli.phase.failed': {
    en: 'failed: {stage}',
    zh: '失败: {stage}',
  },
  'cli.phase.awaitingApproval': {
    en: 'awaiting approval: {component}',
    zh: '等待批准: {component}',
  },
  'cli.skipWouldSkip.obs': {
    en: 'skip would leave out stage {stage}, Observability{at}: no OBS package upload, no OBS instance, no cluster connection; the cluster and CloudTower stay as they are',
    zh: 'skip 将跳过阶段 {stage} 可观测性{at}: 不上传 OBS 安装包、不部署 OBS 实例、不关联集群；集群与 CloudTower 不受影响',
  },
  'cli.skipWouldSkip.backup': {
    en: 'skip would leave out stage {stage}, Backup{at}: no Backup package upload, no backup storage network, no Backup service; the cluster and CloudTower stay as they are',
    zh: 'skip 将跳过阶段 {stage} 备份{at}: 不上传备份安装包、不建备份存储网络、不部署备份服务；集群与 CloudTower 不受影响',
  },
  'cli.render.host': {
    en: 'host',
    zh: '主机',
  },
  'cli.render.managementIp': {
    en: 'management IP',
    zh: '管理 IP',
  },
  'cli.approval.approved': {
    en: 'approved',
    zh: '已批准',
  },
  'cli.approval.skipped': {
    en: 'skipped',
    zh: '已跳过',
  },
  'cli.approval.deadlineSkipped': {
    en: 'deadline passed, skipped as set',
    zh: '超时后按设置跳过',
  },
  'cli.approval.deadlineApproved': {
    en: 'deadline passed, approved as set',
    zh: '超时后按设置批准',
  },
  'cli.approval.decided': {
    en: 'decided',
    zh: '已决定',
  },
  'cli.approval.waited': {
    en: 'approval wait for {component}: {time} → {how}',
    zh: '批准等待 {component}: {time} → {how}',
  },
  'cli.approval.awaiting': {
    en: 'awaiting approval of {component}: {cli} approve {id} {component}  or  {cli} skip {id} {component}',
    zh: '等待批准 {component}: {cli} approve {id} {component}  或  {cli} skip {id} {component}',
  },
  'cli.approval.thenSkip': {
    en: 'skip',
    zh: '跳过',
  },
  'cli.approval.thenApprove': {
    en: 'approve',
    zh: '批准',
  },
  'cli.approval.left': {
    en: '{time} left, ',
    zh: '剩余 {time}，',
  },
  'cli.approval.deadline': {
    en: 'deadline {at} ({left}then the run will {then})',
    zh: '截止 {at} ({left}超时后将{then})',
  },
  'cli.render.runLine': {
    en: 'run {id}  [{state}]',
    zh: '运行 {id}  [{state}]',
  },
  'cli.render.clusterLine': {
    en: 'cluster: {cluster}   phase: {phase} ({code})',
    zh: '集群: {cluster}   阶段: {phase} ({code})',
  },
  'cli.render.retryWait': {
    en: 'waited for retry {time}',
    zh: 'retry 前 {time}',
  },
  'cli.render.stageHeader': {
    en: 'stage|status|time|operator wait|step',
    zh: '阶段|状态|用时|人工等候|步骤',
  },
  'cli.render.or': {
    en: ' or ',
    zh: ' 或 ',
  },
  'cli.render.retryOrSkip': {
    en: 'after fixing the cause: {cli} retry {id} reruns {components}; or {skips} to leave it failed and end  (watch keeps following)',
    zh: '修复问题后执行: {cli} retry {id} 重跑 {components}；或 {skips} 接受失败并结束  (watch 会继续跟随)',
  },
  'cli.render.retryHint': {
    en: 'after fixing the cause: {cli} retry {id}  (watch keeps following)',
    zh: '修复问题后执行: {cli} retry {id}  (watch 会继续跟随)',
  },
  'cli.render.failed': {
    en: 'failed: {error}',
    zh: '失败: {error}',
  },
  'cli.summary.title': {
    en: '=== Bring-up summary: {cluster} — {outcome} ({seconds} s) ===',
    zh: '=== 部署总结: {cluster} — {outcome} ({seconds} s) ===',
  },
  'cli.summary.failedStep': {
    en: 'failed step: {error}',
    zh: '失败步骤: {error}',
  },
  'cli.summary.stages': {
    en: 'stages:',
    zh: '阶段:',
  },
  'cli.summary.created': {
    en: 'created or found:',
    zh: '创建/确认的资源:',
  },
  'cli.summary.addresses': {
    en: 'addresses:',
    zh: '地址:',
  },
  'cli.summary.serials': {
    en: 'serials (written back to the workbook):',
    zh: '序列号 (已写回规划表):',
  },
  'cli.summary.inspectionReport': {
    en: 'inspection report: {path} ({size}, sha256 {sha256})',
    zh: '巡检报告: {path} ({size}, sha256 {sha256})',
  },
  'cli.summary.warnings': {
    en: 'warnings:',
    zh: '警告:',
  },
  'cli.summary.needsAttention': {
    en: 'needs attention — these failed:',
    zh: '需关注 — 以下组件失败:',
  },
  'cli.summary.startAgain': {
    en: 'to do: fix the cause, then start the bring-up again with the same workbook: {cli} start --plan <workbook> {flags} (finished steps are found, not redone); while a run is still open, {cli} retry <run id> reruns the failed component',
    zh: '处理: 修复原因后用同一规划表重新执行 {cli} start --plan <规划表> {flags}（已完成的步骤会被识别，不会重做）；运行未结束时用 {cli} retry <运行ID> 重跑失败的组件',
  },
  'cli.seeUsage': {
    en: 'usage: hci-bringup {command} --help',
    zh: '查看用法: hci-bringup {command} --help',
  },
  'cli.disruptive.needsThreeHosts': {
    en: "--disruptive-tests maintenance needs at least 3 hosts (the plan has {count}): while one host is in maintenance the others must keep the cluster's quorum (a majority) and the data replicas, which {count} hosts cannot",
    zh: '--disruptive-tests maintenance 需要至少 3 台主机 (规划中 {count} 台): 一台进入维护模式时, 其余主机必须保持集群仲裁 (多数派) 与数据副本, {count} 台的集群做不到',
  },
  'cli.disruptive.notAPlanHost': {
    en: '--disruptive-host {host} is not a host of the plan (主机规划 column H: {hosts})',
    zh: '--disruptive-host {host} 不是规划中的主机 (主机规划 H 列: {hosts})',
  },
  'cli.follow.unreachable': {
    en: '(Temporal not reachable for now: {why}; retrying)',
    zh: '(暂时无法连接 Temporal: {why}；继续重试)',
  },
  'cli.follow.stillFollowing': {
    en: '(still following: after `retry` this shows the rerun)',
    zh: '(继续跟随: retry 后本窗口会显示重试进度)',
  },
  'cli.packageStatus.rollbackOf': {
    en: 'rollback of {id}',
    zh: '回滚 {id}',
  },
  'cli.packageStatus.deployment': {
    en: 'package deployment',
    zh: '软件包部署',
  },
  'cli.packageStatus.head': {
    en: '{id}: {what} {service} {version} — {status}{outcome}, {rollbacks} rolled back',
    zh: '{id}: {what} {service} {version} — {status}{outcome}，回滚 {rollbacks} 台',
  },
  'cli.packageStatus.header': {
    en: '  machine|address|state|version|service|pid|exit',
    zh: '  机器|地址|状态|版本|服务|PID|退出码',
  },
  'cli.badPort': {
    en: 'error: --port needs a whole number 0-65535',
    zh: '错误: --port 需要 0-65535 的整数',
  },
  'cli.codecServer.badOrigin': {
    en: 'error: --origin must be scheme://host[:port], e.g. http://localhost:8233',
    zh: '错误: --origin 应为 scheme://host[:port]，如 http://localhost:8233',
  },
  'cli.codecServer.needsToken': {
    en: 'error: listening on {host} (not loopback) needs HCI_CODEC_TOKEN, otherwise anyone could decrypt',
    zh: '错误: 监听非回环地址 {host} 时必须设置 HCI_CODEC_TOKEN (否则任何人都能解密)',
  },
  'cli.codecServer.listening': {
    en: 'codec server listening on {url}  (key id {keyId}, allowed origin {origin}, {token})',
    zh: '编解码服务已启动: {url}  (密钥指纹 {keyId}, 允许来源 {origin}, {token})',
  },
  'cli.codecServer.tokenRequired': {
    en: 'token required',
    zh: '需要令牌',
  },
  'cli.codecServer.noTokenSet': {
    en: 'no token',
    zh: '无令牌',
  },
  'cli.codecServer.howToUse': {
    en: 'Web UI: Settings → Codec Server → {url}; CLI: temporal workflow show --codec-endpoint {url} -w <run id>',
    zh: 'Web UI: 设置 → Codec Server → {url}；命令行: temporal workflow show --codec-endpoint {url} -w <运行ID>',
  },
  'cli.serve.notLoopback': {
    en: 'error: {host} is not a loopback address; to listen on it, add --allow-remote and set HCI_API_TOKEN',
    zh: '错误: {host} 不是回环地址；确需对外监听请加 --allow-remote 并设置 HCI_API_TOKEN',
  },
  'cli.serve.listening': {
    en: 'deploy service listening on {url} (auth: {auth})',
    zh: '部署服务已启动: {url} (认证: {auth})',
  },
  'cli.serve.authBearer': {
    en: 'bearer token',
    zh: 'Bearer 令牌',
  },
  'word.none': {
    en: 'none',
    zh: '无',
  },
  'cli.list.header': {
    en: 'workflow id|cluster|site|stage|state|started',
    zh: '运行 ID|集群|站点|阶段|状态|开始时间',
  },
  'cli.cleanup.removeHeading': {
    en: 'created by run {id}, removed in this order:',
    zh: '运行 {id} 创建的、将按逆序删除的资源:',
  },
  'cli.report.written': {
    en: 'report written to {file}',
    zh: '已写出报告 {file}',
  },
  'cli.report.writtenInProgress': {
    en: 'report written to {file} (the run is still in progress)',
    zh: '已写出报告 {file} (运行尚未结束，报告为当前进度)',
  },
  'cli.retry.failedAtStep': {
    en: ' (it failed at step "{step}", {code})',
    zh: '（上次失败于步骤「{step}」{code}）',
  },
  'cli.retry.restartedStage': {
    en: '{id}: restarted stage "{stage}" from its first step{failedAt}',
    zh: '{id}: 已从第一步重新开始阶段「{stage}」{failedAt}',
  },
  'cli.retry.rerunningComponents': {
    en: '{id}: rerunning component {components} ({stages})',
    zh: '{id}: 已重新运行组件 {components}（{stages}）',
  },
  'cli.deployPackage.opt.health': {
    en: 'HTTP health URL; host localhost/{host} means each machine itself',
    zh: 'HTTP 健康检查地址; 主机名 localhost/{host} 指每台机器自身',
  },
  'cli.deployPackage.hostsNotIpv4': {
    en: '--hosts needs IPv4 addresses: {hosts}',
    zh: '--hosts 需要 IPv4 地址: {hosts}',
  },
  'cli.deployPackage.planErrors': {
    en: 'the workbook has {count} errors (hci-bringup validate)',
    zh: '规划表有 {count} 个错误 (hci-bringup validate)',
  },
  'cli.deployPackage.endpointsMissing': {
    en: 'the endpoint map lacks: {addresses} (never connected directly)',
    zh: '端点映射缺少: {addresses}（不会直连）',
  },
  'cli.deployPackage.started': {
    en: 'started {id} ({service}, {count} machines, task queue {queue})\nsee it: hci-bringup status {id}',
    zh: '已启动 {id}（{service}，{count} 台机器，任务队列 {queue}）\n查看: hci-bringup status {id}',
  },
  'cli.start.opt.stopAfter': {
    en: 'stop after this stage: {stages}',
    zh: '完成该阶段后停止: {stages}',
  },
  'cli.start.planRequired': {
    en: 'the workbook is required: --plan <workbook.xlsx>',
    zh: '缺少规划表',
  },
  'cli.start.badSchedule': {
    en: '--schedule must be sequential or overlapped',
    zh: '--schedule 只能是 sequential 或 overlapped',
  },
  'cli.start.badDisruptiveTests': {
    en: '--disruptive-tests must be refuse or maintenance',
    zh: '--disruptive-tests 只能是 refuse 或 maintenance',
  },
  'cli.start.planErrors': {
    en: 'the workbook has {count} errors; nothing was started:',
    zh: '规划表有 {count} 个错误，未启动:',
  },
  'cli.start.started': {
    en: 'started {id} (cluster {cluster}, {hosts} hosts, {timing}{site})\nfollow it: {cli} watch {id}',
    zh: '已启动 {id}（集群 {cluster}，{hosts} 台主机，{timing}{site}）\n查看进度: {cli} watch {id}',
  },
  'cli.start.startedSite': {
    en: ', site {site}, task queue {queue}',
    zh: '，站点 {site}，任务队列 {queue}',
  },
  'cli.start.endpointsMissing': {
    en: 'the endpoint map {file} lacks these addresses (never connected directly, for safety):',
    zh: '端点映射 {file} 缺少以下地址（安全起见不会直连）:',
  },
  'cli.samplePlan.exists': {
    en: '{file} exists (use --force to overwrite)',
    zh: '文件已存在：{file}（使用 --force 覆盖）',
  },
  'cli.samplePlan.needsBusiness': {
    en: 'three-separate needs at least one business network (--business >= 1)',
    zh: '三网独立至少需要一个业务网络（--business ≥ 1）',
  },
  'cli.samplePlan.written': {
    en: 'Wrote simulation workbook {file}: {hosts} hosts, VIP {vip}, management {management}, storage {storage}, CloudTower {cloudtower}',
    zh: '已写入模拟规划表 {file}：{hosts} 台主机，VIP {vip}，管理网 {management}，存储网 {storage}，CloudTower {cloudtower}',
  },
  'validate.errorsHeading': {
    en: 'Errors',
    zh: '错误',
  },
  'validate.warningsHeading': {
    en: 'Warnings',
    zh: '警告',
  },
  'validate.defaultsHeading': {
    en: 'Defaults applied',
    zh: '已使用默认值',
  },
  'validate.valid': {
    en: 'The workbook is valid: {file}',
    zh: '规划表有效：{file}',
  },
  'validate.invalid': {
    en: 'The workbook has {count} error(s); fix them and run again: {file}',
    zh: '规划表有 {count} 处错误，请修正后重试：{file}',
  },
  'report.reliability.title': {
    en: 'Reliability (inspection and alerts before and after the load)',
    zh: '可靠性（负载前后巡检与告警对比）',
  },
  'report.reliability.counts': {
    en: 'failing items before the load: {before}, after: {after}',
    zh: '负载前失败项 {before}，负载后失败项 {after}',
  },
  'report.reliability.none': {
    en: 'no new failing items',
    zh: '无新增失败项',
  },
  'report.reliability.head': {
    en: 'item|target|level',
    zh: '巡检项|对象|级别',
  },
  'report.reliability.unreadable': {
    en: 'the inspection report could not be read; the alerts were compared instead: {why}',
    zh: '巡检报告无法读取，改用告警对比：{why}',
  },
  'report.reliability.alertCounts': {
    en: 'open alerts before the load: {before}, after: {after}',
    zh: '未结束告警：负载前 {before} 条，负载后 {after} 条',
  },
  'report.reliability.alertsNone': {
    en: 'no new alerts',
    zh: '无新增告警',
  },
  'report.reliability.alertHead': {
    en: 'severity|object|alert',
    zh: '告警级别|对象|告警内容',
  },
  'report.testResults.head': {
    en: 'profile|test VM|IOPS|MB/s|p50 latency (µs)|p99 latency (µs)|runtime (s)',
    zh: '测试项|测试虚拟机|IOPS|MB/s|p50 延迟 (µs)|p99 延迟 (µs)|时长 (s)',
  },
  'report.written': {
    en: 'report: {file}',
    zh: '报告: {file}',
  },
  'report.writeFailed': {
    en: 'could not write the report: {why}',
    zh: '未能生成报告: {why}',
  },
  'report.updateFailed': {
    en: 'could not update the report: {why}',
    zh: '未能更新报告: {why}',
  },
  'stage.prepare': {
    en: 'prepare & prechecks',
    zh: '准备与预检',
  },
  'stage.deployCluster': {
    en: 'deploy cluster',
    zh: '部署集群',
  },
  'stage.configureCluster': {
    en: 'configure cluster',
    zh: '配置集群',
  },
  'stage.deployCloudtower': {
    en: 'deploy CloudTower',
    zh: '部署 CloudTower',
  },
  'stage.attachCluster': {
    en: 'attach cluster',
    zh: '关联集群',
  },
  'stage.configureCloudtower': {
    en: 'configure via CloudTower',
    zh: '通过 CloudTower 配置',
  },
  'stage.dashboard': {
    en: 'monitoring dashboard',
    zh: '监控大屏',
  },
  'stage.rackTopology': {
    en: 'rack topology',
    zh: '机架拓扑',
  },
  'stage.inspection': {
    en: 'health inspection',
    zh: '集群巡检',
  },
  'stage.observability': {
    en: 'Observability (OBS)',
    zh: '可观测性 (OBS)',
  },
  'stage.backup': {
    en: 'Backup',
    zh: '备份',
  },
  'stage.testLoad': {
    en: 'test load',
    zh: '创建测试负载',
  },
  'stage.performanceTest': {
    en: 'performance & reliability tests',
    zh: '性能与可靠性测试',
  },
  'stage.cleanup': {
    en: 'cleanup',
    zh: '收尾清理',
  },
  'config.badSiteName': {
    en: 'a site name is 1-40 lower-case letters, digits or "-"',
    zh: '站点名只能包含小写字母、数字和 "-"，1-40 个字符',
  },
  'config.wholeNumber': {
    en: 'needs a whole number {min}-{max}',
    zh: '需要 {min}-{max} 的整数',
  },
  'validate.plan.noFeatures': {
    en: 'none (no Boost, no RDMA)',
    zh: '无（未启用 Boost、RDMA）',
  },
  'validate.plan.cluster': {
    en: 'Cluster',
    zh: '集群',
  },
  'validate.plan.simulation': {
    en: '   (simulation plan: all loopback)',
    zh: '   （模拟规划：全部为回环地址）',
  },
  'validate.plan.networkArchitecture': {
    en: 'Network architecture',
    zh: '网络架构',
  },
  'validate.plan.storageArchitecture': {
    en: 'Storage',
    zh: '存储架构',
  },
  'validate.plan.features': {
    en: 'Features',
    zh: '集群功能',
  },
  'validate.plan.row': {
    en: 'Row',
    zh: '行',
  },
  'validate.plan.hostname': {
    en: 'Hostname',
    zh: '主机名',
  },
  'validate.plan.managementAddress': {
    en: 'Management',
    zh: '管理地址',
  },
  'validate.plan.storageAddress': {
    en: 'Storage',
    zh: '存储地址',
  },
  'validate.plan.bmcUser': {
    en: 'BMC user',
    zh: 'BMC 账号',
  },
  'validate.plan.sshUser': {
    en: 'SSH user',
    zh: 'SSH 用户',
  },
  'validate.plan.networks': {
    en: 'Networks',
    zh: '网络',
  },
  'validate.plan.role.management': {
    en: 'management',
    zh: '管理',
  },
  'validate.plan.role.extraManagement': {
    en: 'extra-mgmt',
    zh: '附加管理',
  },
  'validate.plan.role.storage': {
    en: 'storage',
    zh: '存储',
  },
  'validate.plan.role.backup': {
    en: 'backup',
    zh: '备份',
  },
  'validate.plan.role.business': {
    en: 'business',
    zh: '业务',
  },
  'validate.plan.role': {
    en: 'Role',
    zh: '用途',
  },
  'validate.plan.network': {
    en: 'Network',
    zh: '网络',
  },
  'validate.plan.subnet': {
    en: 'Subnet',
    zh: '子网',
  },
  'validate.plan.gateway': {
    en: 'Gateway',
    zh: '网关',
  },
  'validate.plan.nics': {
    en: 'NICs',
    zh: '网卡',
  },
  'validate.plan.bond': {
    en: 'Bond',
    zh: '绑定',
  },
  'validate.plan.components': {
    en: 'Components',
    zh: '组件',
  },
  'validate.plan.component': {
    en: 'Component',
    zh: '组件',
  },
  'validate.plan.serial': {
    en: 'Serial',
    zh: '序列号',
  },
  'validate.plan.testIpRange': {
    en: 'Test IP range',
    zh: '测试 IP 范围',
  },
  'validate.plan.organization': {
    en: 'Organization',
    zh: '组织',
  },
  'validate.plan.datacenter': {
    en: 'Datacenter',
    zh: '数据中心',
  },
  'validate.plan.fix': {
    en: 'fix',
    zh: '修正',
  },
  'validate.plan.hosts': {
    en: 'Hosts ({count})',
    zh: '主机（{count} 台）',
  },
  'package.testVmImage': {
    en: '{label} test VM image',
    zh: '{label} 测试虚拟机镜像',
  },
  'package.cloudtowerIso': {
    en: 'CloudTower ISO',
    zh: 'CloudTower 安装镜像',
  },
  'package.vmtoolsIso': {
    en: 'VMTools ISO',
    zh: 'VMTools 镜像',
  },
  'package.obsPackage': {
    en: 'Observability (OBS) package',
    zh: '可观测性 (OBS) 安装包',
  },
  'package.backupPackage': {
    en: 'Backup package',
    zh: '备份安装包',
  },
  'package.nameMismatch': {
    en: 'name does not match {pattern}',
    zh: '文件名不符合 {pattern}',
  },
  'package.notAFile': {
    en: 'not a regular file',
    zh: '不是普通文件',
  },
  'package.emptyFile': {
    en: 'the file is empty',
    zh: '文件为空',
  },
  'package.otherArch': {
    en: 'not for {arch}',
    zh: '架构不是 {arch}',
  },
  'failure.cleanupRunNotFound': {
    en: 'no run with id {id} (or past retention). Fix: check the id with `hci-bringup list`.',
    zh: '没有 id 为 {id} 的运行 (或已超出保留期)。处理：用 `hci-bringup list` 核对 id。',
  },
  'failure.capacityRuleAmbiguous': {
    en: "{step}: rule {rule} has {count} cluster entries and seed 003's list does not say which is cluster {cluster}'s. Fix: set the storage-capacity alert of {cluster} in CloudTower (NOTICE {notice} %, CRITICAL {critical} %), then skip this step.",
    zh: '{step}：告警规则 {rule} 有 {count} 个集群条目，无法确定哪一个属于集群 {cluster}。处理：在 CloudTower 中为 {cluster} 设置存储容量告警（NOTICE {notice} %，CRITICAL {critical} %），然后跳过此步骤。',
  },
  'failure.brickElsewhere': {
    en: '{step}: host {host} already has a brick elsewhere in CloudTower ({where}); the workbook says {rack} U{unit}. Fix: move or delete the brick in CloudTower, or correct 主机规划 P/Q.',
    zh: '{step}：主机 {host} 在 CloudTower 中已放在别处（{where}），规划为 {rack} U{unit}。处理：在 CloudTower 中移动或删除该位置，或更正 主机规划 P/Q 列。',
  },
  'failure.noCpuModel': {
    en: '{step}: GET /api/v2/elf/cluster_recommended_cpu_models answered no model. Fix: check that every host is up and reports its CPU, then retry the stage.',
    zh: '{step}：集群未返回推荐的 CPU 兼容性型号（GET /api/v2/elf/cluster_recommended_cpu_models）。处理：确认每台主机在线并上报 CPU，然后重试该阶段。',
  },
  'failure.cpuModelNotKept': {
    en: '{step}: set {model} (the recommended model) but the cluster reports {reported}. Fix: check the CPU compatibility in the SMTX OS console; the step is retried.',
    zh: '{step}：已设置 CPU 兼容性 {model}（推荐型号），但集群读回 {reported}。处理：在 SMTX OS 控制台检查 CPU 兼容性；该步骤会自动重试。',
  },
  'failure.checksumMismatch': {
    en: 'checksum mismatch on {machine} after upload ({got})',
    zh: '上传后 {machine} 上的校验和不符（{got}）',
  },
  'failure.noPlannedVmNetwork': {
    en: '{step}: no VM network named "{name}" on cluster {cluster} (get-vlans). Fix: it is created with the CloudTower VM (deploy-cloudtower stage); run that stage again or check 虚拟网络 row 4/5.',
    zh: '{step}：集群 {cluster} 上没有名为 "{name}" 的虚拟机网络（get-vlans）。处理：该网络随 CloudTower 虚拟机创建（deploy-cloudtower 阶段）；重跑该阶段，或检查 虚拟网络 第 4/5 行。',
  },
  'failure.noDefaultVmNetwork': {
    en: '{step}: no VM network named "{name}" on cluster {cluster} (get-vlans). Fix: the default network is created with the cluster\'s management VDS; check the cluster\'s networks.',
    zh: '{step}：集群 {cluster} 上没有名为 "{name}" 的虚拟机网络（get-vlans）。处理：默认网络随集群的管理 VDS 创建；请检查集群的网络。',
  },
  'failure.vmNetworkVlan': {
    en: '{step}: the VM network "{name}" has VLAN {found}, the plan says {planned}. Fix: correct the VLAN ID in 虚拟网络 row 4/5 or the network in CloudTower.',
    zh: '{step}：虚拟机网络 "{name}" 的 VLAN 是 {found}，规划表规划的是 {planned}。处理：更正 虚拟网络 第 4/5 行的 VLAN ID，或在 CloudTower 中修改该网络。',
  },
  'failure.rootPasswordRefusedDefault': {
    en: "CloudTower {ip} refuses the workbook's password (集群管理信息!G3, here the factory default) for root: the password was changed outside this run. Fix: put root's current password into 集群管理信息!G3, or reset it in CloudTower, then retry.",
    zh: 'CloudTower {ip} 拒绝了 root 的规划表密码（集群管理信息!G3，此处为出厂默认密码）：密码已在本次运行之外被修改。处理：把当前密码填入 集群管理信息!G3，或在 CloudTower 中重置后重试。',
  },
  'failure.rootPasswordRefused': {
    en: "CloudTower {ip} accepts neither the workbook's password (集群管理信息!G3) nor the factory default for root: the password was changed outside this run. Fix: put root's current password into 集群管理信息!G3, or reset it in CloudTower, then retry.",
    zh: 'CloudTower {ip} 的 root 密码既不是规划表 集群管理信息!G3 中的密码，也不是出厂默认密码：密码已在本次运行之外被修改。处理：把当前密码填入 集群管理信息!G3，或在 CloudTower 中重置后重试。',
  },
  'failure.vmNetworkIsSystem': {
    en: '"{name}" on the management VDS "{vds}" is a system network (type {type}) and cannot carry VM NICs. Fix: give the row {row} network another name in {cells}.',
    zh: '管理VDS "{vds}" 上已有名为 "{name}" 的系统网络（type {type}），不能承载虚拟机网卡。修复：在 {cells} 给第 {row} 行的网络换一个名称。',
  },
  'failure.extraVmNetworkVlan': {
    en: 'the VM network "{name}" on the management VDS "{vds}" has VLAN {found}, the plan ({cells}) says {planned}. Fix: correct the VLAN ID in the workbook, or change or rename that network in the SMTX OS console.',
    zh: '管理VDS "{vds}" 上的虚拟机网络 "{name}" 的 VLAN 是 {found}，规划表 {cells} 规划的是 {planned}。修复：更正规划表中的 VLAN ID，或在 SMTX OS 控制台修改/重命名该网络。',
  },
  'failure.noManagementVmNetwork': {
    en: 'no VM network "{name}" or "{fallback}" on the management VDS "{vds}" (it has {have}). Fix: check {cells}, or plan the extra management network in row 5 (it is then created).',
    zh: '管理VDS "{vds}" 上没有虚拟机网络 "{name}" 或 "{fallback}"（现有：{have}）。修复：检查 {cells}，或在第 5 行规划附加管理网络（将自动创建）。',
  },
  'failure.towerVmVlan': {
    en: 'the CloudTower VM would land on "{network}" (VLAN {found}) on the management VDS "{vds}", but the plan\'s management VLAN ({cells}) is {planned}. Fix: plan the extra management network in 虚拟网络 row 5 (name, VLAN {planned}, subnet, gateway) and it is created on that VDS.',
    zh: 'CloudTower 虚拟机将接入管理VDS "{vds}" 上的网络 "{network}"（VLAN {found}），但规划表 {cells} 规划的管理 VLAN 是 {planned}。修复：在虚拟网络第 5 行规划附加管理网络（名称、VLAN {planned}、子网、网关），工具会在该 VDS 上创建它。',
  },
  'failure.towerVmVlanOrCreate': {
    en: 'the CloudTower VM would land on "{network}" (VLAN {found}) on the management VDS "{vds}", but the plan\'s management VLAN ({cells}) is {planned}. Fix: plan the extra management network in 虚拟网络 row 5 (name, VLAN {planned}, subnet, gateway) and it is created on that VDS, or create a VM network "{name}" with VLAN {planned} in SMTX OS.',
    zh: 'CloudTower 虚拟机将接入管理VDS "{vds}" 上的网络 "{network}"（VLAN {found}），但规划表 {cells} 规划的管理 VLAN 是 {planned}。修复：在虚拟网络第 5 行规划附加管理网络（名称、VLAN {planned}、子网、网关），工具会在该 VDS 上创建它；或在 SMTX OS 中创建名为 "{name}"、VLAN {planned} 的虚拟机网络。',
  },
  // ---- issue 23 workflow words ----
  'failure.nothingToRetry': {
    en: 'nothing has failed, so there is nothing to retry (now: {phase})',
    zh: '没有失败的阶段或组件，无需 retry（当前: {phase}）',
  },
  'failure.cleanupRunStillRunning': {
    en: 'run {id} is still running and cannot be cleaned up. Fix: cancel it first ({command}), then run cleanup.',
    zh: '运行 {id} 仍在进行，不能清理。修复: 先取消它 ({command})，再执行 cleanup',
  },
  'failure.cleanupInputUnreadable': {
    en: "the input of run {id} cannot be read: the cluster's address is unknown",
    zh: '运行 {id} 的输入无法读取，不知道如何连接集群',
  },
  'note.rackTopologySkipped': {
    en: 'rack topology skipped: 主机规划 columns P/Q are empty',
    zh: '机架拓扑已跳过：主机规划 P/Q 列为空',
  },
  'note.hostsWithoutRack': {
    en: '{count} host(s) without a rack position',
    zh: '{count} 台主机没有机架位置',
  },
  'note.disruptiveNotRun': {
    en: 'disruptive tests (host maintenance, power-off) not run: they need an explicit per-run approval',
    zh: '未运行破坏性测试（主机维护模式、断电）：需每次运行明确批准',
  },
  'warn.maintenanceNotExited': {
    en: 'HOST {host} MAY STILL BE IN MAINTENANCE MODE! Fix: in CloudTower, Hosts → {host} → Exit maintenance mode (exit failed: {detail})',
    zh: '主机 {host} 可能仍处于维护模式！请在 CloudTower 中对主机 {host} 执行“退出维护模式”（退出失败：{detail}）',
  },
  'note.disruptiveDone': {
    en: 'disruptive test: host {host} ({chosen}) entered and left maintenance mode; {count} test VMs answered meanwhile',
    zh: '破坏性测试：主机 {host}（{chosen}）进入并退出维护模式，期间 {count} 台测试虚拟机可访问',
  },
  'note.noTestVmUp': {
    en: 'no test VM is up (see the test-load note)',
    zh: '无可用测试虚拟机（见测试负载的说明）',
  },
  'note.inspectionNotCompared': {
    en: 'inspection not compared: the first inspection report is missing',
    zh: '未对比巡检：缺少第一次巡检报告',
  },
  'note.inspectionUnreadable': {
    en: 'the inspection report could not be read ({why}); the CloudTower alerts were compared instead',
    zh: '巡检报告无法读取，改用告警对比（{why}）',
  },
  'note.inspectionNoNewFailures': {
    en: 'inspection after the load: no new failing items ({checked} checked)',
    zh: '巡检对比：无新增失败项（{checked} 项）',
  },
  'note.inspectionNewFailures': {
    en: 'inspection after the load: {count} new failing items: {items}',
    zh: '巡检对比：新增失败项 {count} 个：{items}',
  },
  'note.alertsNoNew': {
    en: 'alerts after the load: no new alerts ({count} open before)',
    zh: '告警对比：无新增告警（负载前 {count} 条未结束）',
  },
  'note.alertsNew': {
    en: 'alerts after the load: {count} new alerts: {alerts}',
    zh: '告警对比：新增告警 {count} 条：{alerts}',
  },
  // ---- issue 23 test load notes ----
  'note.testVmFolderUnreadable': {
    en: 'the package folder {dir} cannot be read ({code}): no test VM is created',
    zh: '安装包目录 {dir} 无法读取（{code}），未创建测试虚拟机',
  },
  'note.testVmImageMissing': {
    en: 'no {label} test VM image in {dir} ({glob}): that VM is left out. Fix: put the OVA/OVF there and retry the component',
    zh: '{dir} 中未找到 {label} 测试虚拟机镜像（{glob}），跳过该虚拟机。修复：把 OVA/OVF 放入该目录后重试该组件',
  },
  'note.testVmMultiDisk': {
    en: '{name}: only single-disk images are supported (this one references {disks}): the {label} VM is left out',
    zh: '{name}：仅支持单磁盘镜像（该镜像引用 {disks} 个磁盘），跳过 {label} 虚拟机',
  },
  'note.testVmImageUnreadable': {
    en: '{name}: the image cannot be read ({why}): the {label} VM is left out',
    zh: '{name}：镜像无法读取（{why}），跳过 {label} 虚拟机',
  },
  'note.testVmNoFreeIp': {
    en: '{label}: no free address in the test IP range ({cells})',
    zh: '{label}：测试 IP 范围中没有空闲地址（{cells}）',
  },
  // ---- issue 24 rss ----
  'worker.memory': {
    en: 'worker memory: the heap grows by at most {growth} of its live size between full collections ({env})',
    zh: 'worker 内存：两次完整垃圾回收之间堆最多增长存活大小的 {growth}（{env}）',
  },
  'worker.memoryV8Growth': {
    en: "V8's own factor (up to 300%)",
    zh: 'V8 自身的系数（最多 300%）',
  },
  'worker.mallocUnset': {
    en: '{names} not set: memory freed after uploads stays with the process (npm run worker sets them; docs/sites.md, "Worker memory")',
    zh: '未设置 {names}：上传后释放的内存不会归还系统（npm run worker 会设置；见 docs/sites.md 的 worker 内存一节）',
  },
} as const;

export type MessageKey = keyof typeof MESSAGES;
