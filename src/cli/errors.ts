// What the Temporal client throws, said as an operator reads it: both languages on one line (the
// operator may be reading in the other one), naming the run id, with the command that helps next.
import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { NamespaceNotFoundError, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { temporalTarget } from '../config/temporal-connection.js';
import { CLI } from './invocation.js';

/** An operator message for a known client error, or undefined (then the raw message is shown). */
export function explainClientError(err: unknown): string | undefined {
  if (err instanceof WorkflowNotFoundError) {
    const id = err.workflowId;
    return [
      `错误: 找不到运行 ${id}（ID 有误，或运行已过保留期） / error: no run ${id} (wrong id, or past retention)`,
      `查看最近的运行 / recent runs: ${CLI} list`,
    ].join('\n');
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    const id = err.workflowId;
    return [
      `错误: 运行 ${id} 已在进行中，未重复启动 / error: run ${id} is already running; not started twice`,
      `查看进度 / follow it: ${CLI} watch ${id}   (另起一次运行 / a separate run: --id <new-id>)`,
    ].join('\n');
  }
  if (err instanceof NamespaceNotFoundError) {
    return `错误: Temporal 命名空间 ${err.namespace} 不存在 / error: Temporal namespace ${err.namespace} does not exist (TEMPORAL_NAMESPACE)`;
  }
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof ServiceError && err.cause ? err.cause.message : '';
  if (/Failed to connect|ECONNREFUSED|UNAVAILABLE|TransportError/i.test(`${message} ${cause}`)) {
    const { address } = temporalTarget();
    return [
      `错误: 无法连接 Temporal 服务 ${address} / error: cannot reach the Temporal server at ${address}`,
      '启动本地开发服务器 / start the dev server: npm run temporal:ensure   (或设置 / or set TEMPORAL_ADDRESS)',
    ].join('\n');
  }
  return undefined;
}
