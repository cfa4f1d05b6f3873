import { describe, expect, it } from 'vitest';
import { runCommand, runLine, splitWords, type ContainerWorld } from './exec-shell';
import { piDigits } from './pi';

const world: ContainerWorld = {
  env: { HOSTNAME: 'web-0', MODE: 'prod' },
  files: new Map([
    ['/etc/config/app.conf', 'debug=false\n'],
    ['/etc/config/level', 'info'],
  ]),
  hostname: 'web-0',
  now: new Date('2026-01-01T00:00:00Z'),
};

describe('simulated shell', () => {
  it.each([
    [['echo', 'hi'], 'hi\n', 0],
    [['printenv', 'MODE'], 'prod\n', 0],
    [['hostname'], 'web-0\n', 0],
    [['ls', '/etc/config'], 'app.conf\nlevel\n', 0],
    [['cat', '/etc/config/app.conf'], 'debug=false\n', 0],
    [['pwd'], '/\n', 0],
    [['date'], 'Thu Jan  1 00:00:00 UTC 2026\n', 0],
    [['nosuch'], '', 127],
    [['cat', '/nope'], '', 1],
    [['sh', '-c', 'echo $MODE && false || echo fallback'], 'prod\nfallback\n', 0],
  ])('%j', (argv, stdout, code) => {
    const r = runCommand(argv, world);
    expect(r.stdout).toBe(stdout);
    expect(r.exitCode).toBe(code);
  });

  it('reports unknown commands on stderr', () => {
    expect(runLine('frobnicate', world).stderr).toBe('sh: frobnicate: not found\n');
  });

  it('splits quoted words', () => {
    expect(splitWords(`echo "a b" 'c' d`)).toEqual(['echo', 'a b', 'c', 'd']);
  });

  it('exit ends the session with its code', () => {
    expect(runLine('echo x; exit 3; echo never', world)).toEqual({
      stdout: 'x\n',
      stderr: '',
      exitCode: 3,
      exited: true,
    });
  });
});

describe('piDigits', () => {
  it.each([
    [1, '3'],
    [10, '3.141592653'],
  ])('%i digits', (n, expected) => {
    expect(piDigits(n)).toBe(expected);
  });

  it('2000 digits as bpi(2000) prints them', () => {
    const pi = piDigits(2000);
    expect(pi).toHaveLength(2001);
    // Digits 991-1000 after the point are 2164201989 (the Kubernetes docs' output ends there).
    expect(pi.slice(992, 1002)).toBe('2164201989');
  });
});
