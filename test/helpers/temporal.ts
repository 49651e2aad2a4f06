import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import * as activities from '../../src/activities/index.js';
import { HEARTBEAT_THROTTLE, workflowsPath } from '../../src/worker-factory.js';
import { clientDataConverter, payloadDataConverter } from '../../src/codec/key.js';
import { secretPreloadInterceptor } from '../../src/activities/support/secret-interceptor.js';

/** The dev server started by scripts/run-tests.ts (never a remote one: tests stay on loopback). */
export function testServerAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address || !/^(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/.test(address)) {
    throw new Error(
      'run the tests with `npm test`: it starts a loopback Temporal dev server and sets TEMPORAL_ADDRESS',
    );
  }
  return address;
}

export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function testClient(): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: testServerAddress() });
  return {
    client: new Client({
      connection,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
      dataConverter: clientDataConverter(),
    }),
    connection,
  };
}

let runtimeInstalled = false;

/** A worker on its own task queue, using the bundle the harness built once. */
export async function testWorker(
  taskQueue: string,
  overrides: Partial<WorkerOptions> = {},
): Promise<{ worker: Worker; connection: NativeConnection }> {
  if (!runtimeInstalled) {
    // The SDK logs every worker state change at INFO; tests only want problems.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const connection = await NativeConnection.connect({ address: testServerAddress() });
  const bundlePath = process.env.HCI_TEST_WORKFLOW_BUNDLE;
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath }),
    activities,
    dataConverter: payloadDataConverter(),
    interceptors: { activity: [secretPreloadInterceptor] },
    shutdownGraceTime: '2s',
    maxHeartbeatThrottleInterval: HEARTBEAT_THROTTLE,
    ...overrides,
  });
  return { worker, connection };
}
