import { Client, Connection } from '@temporalio/client';
import { temporalTarget } from '../config/temporal-connection.js';
import { clientDataConverter } from '../codec/key.js';

/** A client for the Temporal server named by TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE (or the dev server). */
export async function connectClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const target = temporalTarget();
  const connection = await Connection.connect({
    address: target.address,
    tls: target.tls,
    apiKey: target.apiKey,
  });
  return {
    client: new Client({ connection, namespace: target.namespace, dataConverter: clientDataConverter() }),
    close: () => connection.close(),
  };
}
