// The simulator's side of the appliance programs (sandbox/programs.ts): a line protocol on a loopback
// TCP port of the site's network (bound inside it: the real machine has no such port). A connection starts with `<token> <verb> [args]`; the token names the machine and is
// readable only by root inside it. Replies are `out TEXT`, `err TEXT` and a final `exit N`.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createInterface } from 'node:readline';

export interface AgentConnection {
  /** Lines sent by the program after the first one. */
  lines: AsyncIterable<string>;
  /** Sends a reply line; false once the program is gone. */
  send(line: string): boolean;
  /** Resolves when the program's end of the connection closes. */
  closed: Promise<void>;
  end(): void;
}

type AgentHandler = (machine: string, args: string[], conn: AgentConnection) => Promise<void>;

export class Agent {
  private server?: net.Server;
  private readonly tokens = new Map<string, string>();
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly handlers: Record<string, AgentHandler>) {}

  /** Serves `server`, a socket listening at 127.0.0.1 inside the site's network. */
  start(server: net.Server): void {
    this.server = server;
    server.on('connection', (socket: net.Socket) => this.accept(socket));
    this.port = (server.address() as net.AddressInfo).port;
  }

  /** The `port token` line a machine's /etc/sim/agent holds. */
  register(machine: string): string {
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, machine);
    return `${this.port} ${token}`;
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    void closed.then(() => this.sockets.delete(socket));
    const rl = createInterface({ input: socket, crlfDelay: Infinity });
    const it = rl[Symbol.asyncIterator]();
    void (async () => {
      const first = await it.next();
      if (first.done) return socket.destroy();
      const [token = '', verb = '', ...args] = first.value.trim().split(/ +/);
      const machine = this.tokens.get(token);
      const handler = Object.hasOwn(this.handlers, verb) ? this.handlers[verb] : undefined;
      if (!machine || !handler) return socket.destroy();
      const conn: AgentConnection = {
        lines: { [Symbol.asyncIterator]: () => it },
        send: (line) => {
          if (socket.destroyed || !socket.writable) return false;
          socket.write(`${line.replace(/\n/g, ' ')}\n`);
          return true;
        },
        closed,
        end: () => socket.end(),
      };
      try {
        await handler(machine, args, conn);
      } catch {
        conn.send('err internal error');
        conn.send('exit 1');
      }
      conn.end();
    })();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
