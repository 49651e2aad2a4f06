// One HTTP or HTTPS listener of one machine. Connections are tracked so a machine can be closed
// (and the simulator stopped) even while clients keep sockets alive.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Listener } from './machines.js';
import type { TlsMaterial } from './tls.js';

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export function httpListener(handler: RequestHandler, tls?: TlsMaterial): Listener {
  const opts = { keepAliveTimeout: 30_000, requestTimeout: 0, headersTimeout: 60_000 };
  const server = tls
    ? https.createServer({ ...opts, key: tls.key, cert: tls.cert }, handler)
    : http.createServer(opts, handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  return {
    listen: (hold) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(hold.consume(), () => {
          server.off('error', reject);
          resolve();
        });
      }),
    // The server's own 'connection' handling (TLS included) takes the socket as if it had accepted it.
    accept: (socket) => server.emit('connection', socket),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
