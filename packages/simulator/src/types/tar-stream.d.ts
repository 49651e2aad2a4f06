// The part of tar-stream 2.x the simulator uses (the package ships no types).
declare module 'tar-stream' {
  import type { Readable } from 'node:stream';

  interface Headers {
    name: string;
    type?: 'file' | 'directory' | 'symlink';
    mode?: number;
    uid?: number;
    gid?: number;
    size?: number;
    mtime?: Date;
    linkname?: string;
  }

  interface Pack extends Readable {
    entry(headers: Headers, content?: Buffer | string, callback?: (err?: Error | null) => void): void;
    finalize(): void;
  }

  const tarStream: { pack(): Pack };
  export default tarStream;
}
