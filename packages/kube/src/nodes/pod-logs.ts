/**
 * @module nodes/pod-logs
 * Simulated container logs that fit the image: nginx start-up notices and access log lines, MySQL and
 * WordPress start-up, π for the documentation's `bpi(2000)` Job, generic lines otherwise. Lines are a
 * pure function of the pod, the container and time, so every read (and `--previous`, `--since`, follow)
 * sees one consistent history.
 */
import type { KubeObject } from '@sphere/shared';
import { piDigits } from './pi';
import type { ContainerSpec } from './pod-view';

export interface LogLine {
  at: Date;
  text: string;
}

/** A deterministic pseudo-random sequence from a string seed (mulberry32). */
export function seededRandom(seed: string): () => number {
  let h = 1779033703;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'nginx' | 'mysql' | 'wordpress' | 'pi' | 'redis' | 'generic';

function kindOf(c: ContainerSpec): Kind {
  const cmd = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  if (/bpi\(\d+\)/.test(cmd)) return 'pi';
  const image = (c.image ?? '').toLowerCase();
  if (image.includes('wordpress')) return 'wordpress';
  if (image.includes('mysql') || image.includes('mariadb')) return 'mysql';
  if (image.includes('nginx')) return 'nginx';
  if (image.includes('redis')) return 'redis';
  return 'generic';
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const nginxTime = (d: Date) =>
  `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const nginxErrTime = (d: Date) => isoSeconds(d).replace('T', ' ').replace('Z', '').replace(/-/g, '/');

/** The server version an image tag names (`mysql:5.7` → 5.7.44); the current 8.0 otherwise. */
export function mysqlVersion(image: string): string {
  const name = image.replace(/@.*$/, '');
  const last = name.slice(name.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
  if (image.toLowerCase().includes('mariadb')) return tag.startsWith('10') ? '10.11.10' : '11.4.4';
  if (tag.startsWith('5.6')) return '5.6.51';
  if (tag.startsWith('5')) return '5.7.44';
  if (tag.startsWith('8.4')) return '8.4.3';
  if (/^9/.test(tag)) return '9.1.0';
  return '8.0.40';
}

function mysqlStartup(image: string): string[] {
  const v = mysqlVersion(image);
  if (image.toLowerCase().includes('mariadb')) {
    return [
      `{t} [Note] [Entrypoint]: Entrypoint script for MariaDB Server 1:${v}+maria~ubu2204 started.`,
      '{t} [Note] [Entrypoint]: Initializing database files',
      `{t} 0 [Note] Starting MariaDB ${v}-MariaDB-ubu2204 source revision as process 1`,
      `{t} 0 [Note] mariadbd: ready for connections.`,
      `Version: '${v}-MariaDB-ubu2204'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution`,
    ];
  }
  if (v.startsWith('5.')) {
    // 5.x logs without the [System]/[MY-…] tags of 8.0 and prints the version on its own line.
    return [
      `{t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el7 started.`,
      "{t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'",
      '{t} [Note] [Entrypoint]: Initializing database files',
      `{t} 0 [Note] mysqld (mysqld ${v}) starting as process 1 ...`,
      `{t} 0 [Note] mysqld: ready for connections.`,
      `Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server (GPL)`,
    ];
  }
  return [
    `{t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`,
    "{t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'",
    '{t} [Note] [Entrypoint]: Initializing database files',
    `{t} [System] [MY-013169] [Server] /usr/sbin/mysqld (mysqld ${v}) initializing of server in progress as process 80`,
    `{t} [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
  ];
}

function startupLines(kind: Kind, c: ContainerSpec): string[] {
  switch (kind) {
    case 'nginx':
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        '{t} [notice] 1#1: using the "epoll" event method',
        '{t} [notice] 1#1: nginx/1.27.3',
        '{t} [notice] 1#1: OS: Linux 6.1.0-sphere',
        '{t} [notice] 1#1: start worker processes',
      ];
    case 'mysql':
      return mysqlStartup(c.image ?? '');
    case 'wordpress':
      return [
        'WordPress not found in /var/www/html - copying now...',
        'Complete! WordPress has been successfully copied to /var/www/html',
        "AH00558: apache2: Could not reliably determine the server's fully qualified domain name. Set the 'ServerName' directive globally to suppress this message",
        '[{a}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.62 (Debian) PHP/8.2.26 configured -- resuming normal operations',
        "[{a}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'",
      ];
    case 'redis':
      return [
        '1:C {r} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        '1:M {r} * Ready to accept connections tcp',
      ];
    case 'pi': {
      const m = /bpi\((\d+)\)/.exec([...(c.command ?? []), ...(c.args ?? [])].join(' '));
      return [piDigits(Math.min(100_000, Number(m?.[1] ?? 2000)))];
    }
    default:
      return [`Starting ${c.name}...`, `${c.name} started, listening`];
  }
}

function periodicLine(kind: Kind, c: ContainerSpec, at: Date, rnd: () => number): string | undefined {
  switch (kind) {
    case 'nginx': {
      const paths = ['/', '/index.html', '/healthz', '/favicon.ico', '/api/v1/items'];
      const path = paths[Math.floor(rnd() * paths.length)];
      const status = path === '/favicon.ico' ? 404 : 200;
      const ip = `10.244.${Math.floor(rnd() * 4)}.${2 + Math.floor(rnd() * 200)}`;
      return `${ip} - - [${nginxTime(at)}] "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 615 : 153} "-" "curl/8.5.0" "-"`;
    }
    case 'wordpress':
      return `10.244.0.1 - - [${nginxTime(at)}] "GET /wp-login.php HTTP/1.1" 200 4521 "-" "kube-probe/1.32"`;
    case 'generic':
      return `${isoSeconds(at)} ${c.name}: heartbeat ok (uptime ${Math.floor(rnd() * 1000)}ms jitter)`;
    default:
      return undefined;
  }
}

/** Seconds between periodic lines of a running container. */
export const LOG_PERIOD_SECONDS = 5;

/**
 * The log of one container run (`restart` = restart count of that run) from `start` to `until`
 * (exclusive of the end when the run ended). Job-like kinds (π) print once.
 */
export function containerLog(
  pod: KubeObject,
  c: ContainerSpec,
  restart: number,
  start: Date,
  until: Date,
): LogLine[] {
  const kind = kindOf(c);
  const rnd = seededRandom(`${pod.metadata.uid}/${c.name}/${restart}`);
  const lines: LogLine[] = startupLines(kind, c).map((text, i) => {
    const at = new Date(start.getTime() + i); // start-up lines come out together
    const apache = at
      .toUTCString()
      .replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5.000000 $4');
    return {
      at,
      text: text
        .replace('{t}', kind === 'nginx' ? nginxErrTime(at) : at.toISOString().replace('Z', '000Z'))
        .replace('{a}', apache)
        .replace('{r}', nginxTime(at)),
    };
  });
  const period = LOG_PERIOD_SECONDS * 1000;
  for (let t = start.getTime() + period; t <= until.getTime(); t += period) {
    const text = periodicLine(kind, c, new Date(t), rnd);
    if (text === undefined) break;
    lines.push({ at: new Date(t), text });
  }
  // Start-up lines always appear (status timestamps have second precision, so a run may look 0s long).
  return lines;
}
