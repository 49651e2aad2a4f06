// Login accounts of every machine that speaks SSH. Passwords live only here (never in state or logs);
// changes are recorded in state.passwordChanges without the password.
import type { SimState } from '../core/contract.js';

export class SshAccounts {
  private readonly byMachine = new Map<string, Map<string, string>>();

  constructor(
    private readonly state: SimState,
    private readonly now: () => number,
    /** Called after a machine's passwords changed (the machine's /etc/shadow follows). */
    private readonly onChange: (machine: string) => void = () => undefined,
  ) {}

  /** A machine's users and passwords (for its /etc/shadow). */
  passwords(machine: string): Map<string, string> {
    return new Map(this.byMachine.get(machine) ?? []);
  }

  set(machine: string, user: string, password: string): void {
    const users = this.byMachine.get(machine) ?? new Map<string, string>();
    users.set(user, password);
    this.byMachine.set(machine, users);
    this.onChange(machine);
  }

  /** A password change the way `chpasswd` makes it: recorded (user, machine, how), not the password. */
  change(machine: string, user: string, password: string, via: string): boolean {
    const users = this.byMachine.get(machine);
    if (!users?.has(user)) return false;
    users.set(user, password);
    this.state.passwordChanges.push({ machine, user, via, at: this.now() });
    this.onChange(machine);
    return true;
  }

  check(machine: string, user: string, password: string): boolean {
    return this.byMachine.get(machine)?.get(user) === password;
  }

  has(machine: string, user: string): boolean {
    return this.byMachine.get(machine)?.has(user) ?? false;
  }
}
