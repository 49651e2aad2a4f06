// Matches a request to a SimRoute. Pattern segments: literal (`users:setupRoot` is literal), or
// `:name` (the whole segment, which may contain `:`), or `:name:suffix` (a parameter followed by a
// literal `:suffix`, e.g. `:id:commit`). Routes with more literal segments win over looser ones.
import type { MachineRole, SimRoute, SimServiceModule } from './contract.js';

interface CompiledRoute {
  route: SimRoute;
  regex: RegExp;
  names: string[];
  literals: number;
}

interface RouteMatch {
  route: SimRoute;
  params: Record<string, string>;
}

export class Router {
  private readonly byRole = new Map<MachineRole, CompiledRoute[]>();

  constructor(modules: SimServiceModule[]) {
    for (const mod of modules) {
      for (const route of mod.routes) {
        const compiled = compile(route);
        for (const role of mod.roles) {
          const list = this.byRole.get(role) ?? [];
          list.push(compiled);
          this.byRole.set(role, list);
        }
      }
    }
    for (const list of this.byRole.values()) list.sort((a, b) => b.literals - a.literals);
  }

  /** `methodMismatch` tells 405 from 404 the way a real server would. */
  match(role: MachineRole, method: string, path: string): RouteMatch | { methodMismatch: boolean } {
    let methodMismatch = false;
    for (const c of this.byRole.get(role) ?? []) {
      const m = c.regex.exec(path);
      if (!m) continue;
      if (c.route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
      return { route: c.route, params };
    }
    return { methodMismatch };
  }

  routes(role: MachineRole): SimRoute[] {
    return (this.byRole.get(role) ?? []).map((c) => c.route);
  }
}

function compile(route: SimRoute): CompiledRoute {
  const names: string[] = [];
  let literals = 0;
  const parts = route.pattern.split('/').map((seg) => {
    const m = /^:([A-Za-z_][A-Za-z0-9_]*)(.*)$/.exec(seg);
    if (!m) {
      literals++;
      return escape(seg);
    }
    names.push(m[1]);
    return `([^/]+?)${escape(m[2])}`;
  });
  return { route, regex: new RegExp(`^${parts.join('/')}/?$`), names, literals };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
