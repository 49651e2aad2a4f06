// A port an appliance owns from the moment it is written into the endpoint map, while the
// appliance is still off. A port chosen at start and bound only when the appliance boots (the
// CloudTower VM after its install, minutes later) could meanwhile become some process's ephemeral
// port, and the appliance would fail to start (issue 24). A bound socket that does not listen keeps
// the port: the kernel skips it for ephemeral ports and other binders get EADDRINUSE, while
// connections to it are refused, exactly as a machine that is off answers. When the appliance
// boots, its server listens on that very socket, so the port is never free in between.
//
// Node's public API binds only while listening, so the bound-but-not-listening socket comes from
// the runtime's TCP binding, the handle `net.Server.listen(handle)` documents it accepts.
import { getSystemErrorName } from 'node:util';

interface TcpHandle {
  bind(address: string, port: number): number;
  getsockname(out: { port?: number }): number;
  close(): void;
}

interface TcpBinding {
  TCP: new (type: number) => TcpHandle;
  constants: { SERVER: number };
}

const tcp = (process as unknown as { binding(name: 'tcp_wrap'): TcpBinding }).binding('tcp_wrap');

export class PortHold {
  private handle: TcpHandle | undefined;

  private constructor(
    readonly host: string,
    readonly port: number,
    handle: TcpHandle,
  ) {
    this.handle = handle;
  }

  /** Binds host:port (0: a port the kernel picks) without listening. Throws like listen() does. */
  static take(host: string, port = 0): PortHold {
    const handle = new tcp.TCP(tcp.constants.SERVER);
    const fail = (err: number, syscall: string): never => {
      handle.close();
      const code = getSystemErrorName(err);
      throw Object.assign(new Error(`${syscall} ${code} ${host}:${port}`), { code, syscall });
    };
    const bound = handle.bind(host, port);
    if (bound !== 0) fail(bound, 'bind');
    const out: { port?: number } = {};
    const named = handle.getsockname(out);
    if (named !== 0 || out.port === undefined) fail(named, 'getsockname');
    return new PortHold(host, out.port!, handle);
  }

  /** The bound socket, for `server.listen(handle)`; from then on the server owns it. */
  consume(): object {
    const h = this.handle;
    if (!h) throw new Error(`the port hold on ${this.host}:${this.port} was already used`);
    this.handle = undefined;
    return h;
  }

  get held(): boolean {
    return this.handle !== undefined;
  }

  release(): void {
    this.handle?.close();
    this.handle = undefined;
  }
}
