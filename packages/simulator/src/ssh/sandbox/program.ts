// One appliance program laid over a simulated machine's /usr (programs.ts lists them).
export interface Program {
  /** Absolute path on the simulated machine. */
  path: string;
  text: string;
}
