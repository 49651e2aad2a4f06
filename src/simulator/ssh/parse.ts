// A small POSIX-shell parser for the command lines the bring-up sends: quotes, `&&`, `||`, `;`,
// `&` (background), pipes, redirects (`>`, `>>`, `<`, `2>&1`, `2>/dev/null`) and here-documents.
// No variables, globbing or subshells: an orchestrator should not need them.

export interface Redirect {
  op: '>' | '>>' | '<' | '<<' | '2>' | '2>>' | '2>&1' | '&>';
  target: string;
}

export interface SimpleCommand {
  argv: string[];
  redirects: Redirect[];
}

export interface AndOr {
  /** Pipelines joined by `&&` / `||` (op of element i joins it to element i-1). */
  pipelines: { op: '&&' | '||' | null; commands: SimpleCommand[] }[];
  background: boolean;
}

type OpToken = { t: 'op'; v: string; body?: string };
type Token = { t: 'word'; v: string } | OpToken;

export class ParseError extends Error {}

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: OpToken[] = [];
  let i = 0;
  let word: string | null = null;
  const flush = () => {
    if (word !== null) tokens.push({ t: 'word', v: word });
    word = null;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ParseError('unterminated quote');
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
      word = (word ?? '') + s;
      i = j + 1;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[i + 1];
      i += 2;
    } else if (c === '\n') {
      flush();
      tokens.push({ t: 'op', v: ';' });
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

export function parse(line: string): AndOr[] {
  const tokens = tokenize(line);
  const lists: AndOr[] = [];
  let current: AndOr = { pipelines: [{ op: null, commands: [] }], background: false };
  let cmd: SimpleCommand = { argv: [], redirects: [] };
  const lastPipeline = () => current.pipelines[current.pipelines.length - 1];
  const endCommand = () => {
    if (cmd.argv.length || cmd.redirects.length) lastPipeline().commands.push(cmd);
    else if (lastPipeline().commands.length || current.pipelines.length > 1)
      throw new ParseError('syntax error near operator');
    cmd = { argv: [], redirects: [] };
  };
  const endList = (background: boolean) => {
    endCommand();
    if (lastPipeline().commands.length) {
      current.background = background;
      lists.push(current);
    }
    current = { pipelines: [{ op: null, commands: [] }], background: false };
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (tok.t === 'word') {
      cmd.argv.push(tok.v);
      continue;
    }
    switch (tok.v) {
      case '|':
        endCommand();
        break;
      case '&&':
      case '||':
        endCommand();
        current.pipelines.push({ op: tok.v, commands: [] });
        break;
      case ';':
        endList(false);
        break;
      case '&':
        endList(true);
        break;
      case '<<':
        cmd.redirects.push({ op: '<<', target: tok.body ?? '' });
        break;
      case '2>&1':
        cmd.redirects.push({ op: '2>&1', target: '' });
        break;
      default: {
        const next = tokens[++k];
        if (!next || next.t !== 'word') throw new ParseError(`syntax error: ${tok.v} without a file`);
        cmd.redirects.push({ op: tok.v as Redirect['op'], target: next.v });
      }
    }
  }
  endList(false);
  return lists;
}
