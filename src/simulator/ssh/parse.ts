// A small POSIX-shell parser for the command lines the bring-up sends: quotes, `&&`, `||`, `;`,
// `&` (background), pipes, redirects (`>`, `>>`, `<`, `2>&1`, `2>/dev/null`), here-documents and
// `if … then … elif … else … fi`. No variables, globbing, loops or subshells: an orchestrator should
// not need them.

export interface Redirect {
  op: '>' | '>>' | '<' | '<<' | '2>' | '2>>' | '2>&1' | '&>';
  target: string;
}

export interface SimpleCommand {
  argv: string[];
  redirects: Redirect[];
  /** An `if … then … [elif …] [else …] fi` (argv is then empty; redirects apply to the whole). */
  compound?: IfClause;
}

export interface IfClause {
  branches: { cond: AndOr[]; body: AndOr[] }[];
  otherwise?: AndOr[];
}

export interface AndOr {
  /** Pipelines joined by `&&` / `||` (op of element i joins it to element i-1). */
  pipelines: { op: '&&' | '||' | null; commands: SimpleCommand[] }[];
  background: boolean;
}

/** `nl`: a `;` that was a newline (may follow `&&`, `||`, `|`). */
type OpToken = { t: 'op'; v: string; body?: string; nl?: boolean };
/** `quoted`: some part was quoted, so it is never a reserved word (`'if'`). */
type Token = { t: 'word'; v: string; quoted?: boolean } | OpToken;

export class ParseError extends Error {}

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: OpToken[] = [];
  let i = 0;
  let word: string | null = null;
  let quoted = false;
  const flush = () => {
    if (word !== null) tokens.push(quoted ? { t: 'word', v: word, quoted } : { t: 'word', v: word });
    word = null;
    quoted = false;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ParseError('unterminated quote');
      quoted = true;
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1] ?? '')) j++;
        s += line[j++];
      }
      if (j >= line.length) throw new ParseError('unterminated quote');
      quoted = true;
      word = (word ?? '') + s;
      i = j + 1;
    } else if (c === '\\' && i + 1 < line.length) {
      quoted = true;
      word = (word ?? '') + line[i + 1];
      i += 2;
    } else if (c === '\n') {
      flush();
      tokens.push({ t: 'op', v: ';', nl: true });
      i++;
      // Here-document bodies start on the line after their operator.
      while (pendingHeredocs.length) {
        const tok = pendingHeredocs.shift()!;
        const delim = tok.body!;
        const lines: string[] = [];
        for (;;) {
          const nl = line.indexOf('\n', i);
          const l = nl < 0 ? line.slice(i) : line.slice(i, nl);
          i = nl < 0 ? line.length : nl + 1;
          if (l === delim) break;
          lines.push(l);
          if (nl < 0) break;
        }
        tok.body = lines.map((l) => `${l}\n`).join('');
      }
    } else if (c === ' ' || c === '\t') {
      flush();
      i++;
    } else if (c === '#' && word === null) {
      const nl = line.indexOf('\n', i);
      i = nl < 0 ? line.length : nl;
    } else {
      const op = ['2>&1', '2>>', '&&', '||', '>>', '<<', '&>', '2>', '|', ';', '&', '>', '<'].find(
        (o) => line.startsWith(o, i) && !(o.startsWith('2') && word !== null),
      );
      if (!op) {
        word = (word ?? '') + c;
        i++;
        continue;
      }
      flush();
      i += op.length;
      if (op === '<<') {
        while (line[i] === ' ' || line[i] === '-') i++;
        let delim = '';
        while (i < line.length && !' \t\n;'.includes(line[i])) delim += line[i++];
        const tok: OpToken = { t: 'op', v: '<<', body: delim.replace(/['"]/g, '') };
        tokens.push(tok);
        pendingHeredocs.push(tok);
      } else tokens.push({ t: 'op', v: op });
    }
  }
  flush();
  if (pendingHeredocs.length) throw new ParseError('here-document without body');
  return tokens;
}

const reserved = new Set(['if', 'then', 'elif', 'else', 'fi']);

/** Recursive descent over the tokens: lists, and-or lists, pipelines, simple and `if` commands. */
class Parser {
  private k = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.k];
  }

  private atWord(words: Set<string> | string[]): string | undefined {
    const t = this.peek();
    if (t?.t !== 'word' || t.quoted) return undefined;
    return (Array.isArray(words) ? words.includes(t.v) : words.has(t.v)) ? t.v : undefined;
  }

  /** Lists until the end or one of `stop` in command position. */
  list(stop: string[]): AndOr[] {
    const lists: AndOr[] = [];
    for (;;) {
      while (this.peek()?.t === 'op' && this.peek()!.v === ';') this.k++;
      const t = this.peek();
      if (!t || this.atWord(stop)) return lists;
      if (t.t === 'op' && t.v !== '<<' && !t.v.includes('>') && t.v !== '<')
        throw new ParseError(`syntax error near unexpected token \`${t.v}'`);
      const andOr = this.andOr();
      const sep = this.peek();
      if (sep?.t === 'op' && sep.v === '&') {
        andOr.background = true;
        this.k++;
      } else if (sep?.t === 'op' && sep.v === ';') this.k++;
      else if (sep && !this.atWord(stop))
        throw new ParseError(`syntax error near unexpected token \`${sep.v}'`);
      lists.push(andOr);
    }
  }

  private andOr(): AndOr {
    const current: AndOr = { pipelines: [{ op: null, commands: this.pipeline() }], background: false };
    for (let t = this.peek(); t?.t === 'op' && (t.v === '&&' || t.v === '||'); t = this.peek()) {
      this.k++;
      this.skipNewlines();
      current.pipelines.push({ op: t.v, commands: this.pipeline() });
    }
    return current;
  }

  /** `a &&`, `a ||`, `a |` continue on the next line. */
  private skipNewlines(): void {
    for (let t = this.peek(); t?.t === 'op' && t.nl; t = this.peek()) this.k++;
  }

  /** The token the parse stopped at (none when everything was read). */
  leftover(): Token | undefined {
    return this.peek();
  }

  private pipeline(): SimpleCommand[] {
    const commands = [this.command()];
    while (this.peek()?.t === 'op' && this.peek()!.v === '|') {
      this.k++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return commands;
  }

  private command(): SimpleCommand {
    if (this.atWord(['if'])) {
      this.k++;
      const clause: IfClause = { branches: [] };
      let cond = this.list(['then']);
      for (;;) {
        if (!this.atWord(['then'])) throw new ParseError("syntax error: `if' without `then'");
        this.k++;
        const body = this.list(['elif', 'else', 'fi']);
        if (!cond.length || !body.length) throw new ParseError('syntax error: empty `if` part');
        clause.branches.push({ cond, body });
        const word = this.atWord(['elif', 'else', 'fi']);
        if (!word) throw new ParseError("syntax error: `if' without `fi'");
        this.k++;
        if (word === 'fi') break;
        if (word === 'else') {
          clause.otherwise = this.list(['fi']);
          if (!this.atWord(['fi'])) throw new ParseError("syntax error: `if' without `fi'");
          this.k++;
          break;
        }
        cond = this.list(['then']);
      }
      const cmd: SimpleCommand = { argv: [], redirects: [], compound: clause };
      this.redirectsOnly(cmd);
      return cmd;
    }
    const cmd: SimpleCommand = { argv: [], redirects: [] };
    for (let t = this.peek(); t; t = this.peek()) {
      if (t.t === 'word') {
        if (!cmd.argv.length && !t.quoted && reserved.has(t.v)) break;
        cmd.argv.push(t.v);
        this.k++;
      } else if (!this.redirect(cmd, t)) break;
    }
    if (!cmd.argv.length && !cmd.redirects.length) {
      const t = this.peek();
      throw new ParseError(`syntax error near ${t ? `unexpected token \`${t.v}'` : 'end of line'}`);
    }
    return cmd;
  }

  private redirectsOnly(cmd: SimpleCommand): void {
    for (let t = this.peek(); t?.t === 'op' && this.redirect(cmd, t); t = this.peek());
  }

  /** Consumes a redirect operator (and its file word); false when `t` is not a redirect. */
  private redirect(cmd: SimpleCommand, t: OpToken): boolean {
    if (['|', '&&', '||', ';', '&'].includes(t.v)) return false;
    this.k++;
    if (t.v === '<<') cmd.redirects.push({ op: '<<', target: t.body ?? '' });
    else if (t.v === '2>&1') cmd.redirects.push({ op: '2>&1', target: '' });
    else {
      const next = this.tokens[this.k++];
      if (next?.t !== 'word') throw new ParseError(`syntax error: ${t.v} without a file`);
      cmd.redirects.push({ op: t.v as Redirect['op'], target: next.v });
    }
    return true;
  }
}

export function parse(line: string): AndOr[] {
  const parser = new Parser(tokenize(line));
  const lists = parser.list([]);
  // A reserved word left over (`fi` without `if`, `then` alone) is a syntax error, as in bash.
  const rest = parser.leftover();
  if (rest) throw new ParseError(`syntax error near unexpected token \`${rest.v}'`);
  return lists;
}
