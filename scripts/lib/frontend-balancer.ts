// One client address in front of the cluster's frontends, as a TCP load balancer gives a real
// deployment: each new connection goes to the next frontend that accepts it, so when a node dies its
// clients' connections close and their reconnections land on a live node. Bytes are piped, not read:
// gRPC (HTTP/2) passes through untouched.
import net from 'node:net';

export interface FrontendBalancer {
  address: string;
  /** Connections accepted per frontend (host:port). */
  counts: Map<string, number>;
  close(): Promise<void>;
}

function connectFirst(targets: string[], start: number): Promise<{ socket: net.Socket; target: string }> {
  return new Promise((resolve, reject) => {
    const tryAt = (k: number) => {
      if (k >= targets.length) return reject(new Error('no frontend accepts connections'));
      const target = targets[(start + k) % targets.length];
      const [host, port] = target.split(/:(?=\d+$)/);
      const s = net.connect({ host, port: Number(port) });
      s.once('connect', () => {
        s.removeAllListeners('error');
        resolve({ socket: s, target });
      });
      s.once('error', () => {
        s.destroy();
        tryAt(k + 1);
      });
    };
    tryAt(0);
  });
}

export async function startFrontendBalancer(listen: string, targets: string[]): Promise<FrontendBalancer> {
  const [host, port] = listen.split(/:(?=\d+$)/);
  const counts = new Map<string, number>(targets.map((t) => [t, 0]));
  const open = new Set<net.Socket>();
  let next = 0;
  const server = net.createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    connectFirst(targets, next++ % targets.length).then(
      ({ socket, target }) => {
        counts.set(target, (counts.get(target) ?? 0) + 1);
        open.add(socket);
        socket.once('close', () => (open.delete(socket), client.destroy()));
        socket.on('error', () => socket.destroy());
        client.once('close', () => socket.destroy());
        client.pipe(socket);
        socket.pipe(client);
        client.resume();
      },
      () => client.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: Number(port), exclusive: true }, () => resolve());
  });
  return {
    address: `${host}:${(server.address() as net.AddressInfo).port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
