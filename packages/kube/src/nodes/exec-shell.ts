/**
 * @module nodes/exec-shell
 * A tiny simulated shell for `kubectl exec`: echo, env/printenv, hostname, ls, cat (mounted ConfigMap
 * and Secret keys), pwd, date, whoami, true/false, exit; `sh -c "…"` runs a `;`/`&&` separated line.
 * Unknown commands exit 127 as a real shell does. Pure apart from the injected clock value.
 */

/** What a container looks like from inside: env, files (mounted keys), hostname. */
export interface ContainerWorld {
  env: Record<string, string>;
  /** Absolute path → content. Directories are implied by paths. */
  files: Map<string, string>;
  hostname: string;
  now: Date;
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** `exit` was called (ends an interactive session). */
  exited?: boolean;
}

const BASE_DIRS = ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'run', 'sys', 'tmp', 'usr', 'var'];

/** Splits a command line into words, honouring single and double quotes. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (cur || has) words.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (cur || has) words.push(cur);
  return words;
}

function expand(word: string, env: Record<string, string>, last: number): string {
  return word.replace(/\$(\?|\{(\w+)\}|(\w+))/g, (_m, all: string, braced?: string, bare?: string) =>
    all === '?' ? String(last) : (env[braced ?? bare ?? ''] ?? ''),
  );
}

function listDir(world: ContainerWorld, dir: string): string[] | undefined {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const names = new Set<string>();
  for (const path of world.files.keys()) {
    if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0]);
  }
  if (dir === '/') for (const d of BASE_DIRS) names.add(d);
  if (names.size === 0 && !BASE_DIRS.includes(dir.replace(/^\//, ''))) return undefined;
  return [...names].sort();
}

/** `date` output as coreutils/busybox print it in UTC: `Thu Jan  1 00:00:00 UTC 2026`. */
function dateLine(d: Date): string {
  const [day, , mon, , time] = d.toUTCString().replace(',', '').split(' ');
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
}

/** Runs one simple command (already split into words). */
export function runCommand(argv: string[], world: ContainerWorld, last = 0): ShellResult {
  const [cmd, ...args] = argv;
  const ok = (stdout: string): ShellResult => ({ stdout, stderr: '', exitCode: 0 });
  const base = cmd?.split('/').pop() ?? '';
  switch (base) {
    case undefined:
    case '':
      return ok('');
    case 'echo': {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ');
      return ok(noNewline ? text : `${text}\n`);
    }
    case 'env':
    case 'printenv':
      if (args.length > 0) {
        const v = world.env[args[0]];
        return v === undefined ? { stdout: '', stderr: '', exitCode: 1 } : ok(`${v}\n`);
      }
      return ok(
        Object.entries(world.env)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      );
    case 'hostname':
      return ok(`${world.hostname}\n`);
    case 'pwd':
      return ok('/\n');
    case 'whoami':
      return ok('root\n');
    case 'id':
      return ok('uid=0(root) gid=0(root) groups=0(root)\n');
    case 'uname':
      return ok(
        args.includes('-a') ? `Linux ${world.hostname} 6.1.0-sphere #1 SMP x86_64 GNU/Linux\n` : 'Linux\n',
      );
    case 'date':
      return ok(`${dateLine(world.now)}\n`);
    case 'true':
      return ok('');
    case 'false':
      return { stdout: '', stderr: '', exitCode: 1 };
    case 'exit':
      return { stdout: '', stderr: '', exitCode: Number(args[0] ?? last) || 0, exited: true };
    case 'sleep':
      return ok('');
    case 'ls': {
      const targets = args.filter((a) => !a.startsWith('-'));
      const out: string[] = [];
      for (const dir of targets.length ? targets : ['/']) {
        const names = listDir(world, dir.replace(/\/+$/, '') || '/');
        if (!names) {
          if (world.files.has(dir)) out.push(dir);
          else
            return { stdout: out.join(''), stderr: `ls: ${dir}: No such file or directory\n`, exitCode: 1 };
        } else out.push(names.map((n) => `${n}\n`).join(''));
      }
      return ok(out.map((o) => (o.endsWith('\n') ? o : `${o}\n`)).join(''));
    }
    case 'cat': {
      let stdout = '';
      for (const path of args) {
        const content = world.files.get(path);
        if (content === undefined) {
          const isDir = listDir(world, path) !== undefined;
          return {
            stdout,
            stderr: `cat: ${isDir ? `read error: Is a directory` : `can't open '${path}': No such file or directory`}\n`,
            exitCode: 1,
          };
        }
        stdout += content;
      }
      return ok(stdout);
    }
    case 'sh':
    case 'bash':
    case 'ash':
      if (args[0] === '-c' && args[1] !== undefined) return runLine(args[1], world);
      return ok('');
    default:
      return { stdout: '', stderr: `sh: ${cmd}: not found\n`, exitCode: 127 };
  }
}

/** Runs a shell line: commands separated by `;`, `&&` or `||`, with $VAR expansion. */
export function runLine(line: string, world: ContainerWorld): ShellResult {
  const parts = line.split(/(;|&&|\|\|)/);
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  let op = ';';
  for (const part of parts) {
    if (part === ';' || part === '&&' || part === '||') {
      op = part;
      continue;
    }
    if ((op === '&&' && exitCode !== 0) || (op === '||' && exitCode === 0)) continue;
    const words = splitWords(part).map((w) => expand(w, world.env, exitCode));
    if (words.length === 0) continue;
    const r = runCommand(words, world, exitCode);
    stdout += r.stdout;
    stderr += r.stderr;
    exitCode = r.exitCode;
    if (r.exited) return { stdout, stderr, exitCode, exited: true };
  }
  return { stdout, stderr, exitCode };
}
