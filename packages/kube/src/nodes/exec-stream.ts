/**
 * @module nodes/exec-stream
 * pods/exec over WebSocket as kubectl 1.30+ speaks it (`v5.channel.k8s.io`, falling back to v4): every
 * binary message starts with a channel byte — 0 stdin, 1 stdout, 2 stderr, 3 error (a Status JSON that
 * ends the command), 4 resize, 255 close (v5). The command runs in the simulated shell against the
 * container's env and mounted ConfigMap/Secret keys.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type KubeObject } from '@sphere/shared';
import { WebSocketServer, type WebSocket } from 'ws';
import { resources, type KubeClient } from '../client/in-process';
import type { Clock } from '../controllers/runtime/clock';
import { runCommand, runLine, type ContainerWorld, type ShellResult } from './exec-shell';
import { pickContainer } from './pod-streams';
import { specOf, statusOf, type ContainerSpec } from './pod-view';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
});

type Obj = Record<string, unknown>;
const decode = (v: unknown, secret: boolean) =>
  secret && typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : String(v ?? '');

/** Reads the ConfigMaps/Secrets the container uses and assembles its env and files. */
export async function containerWorld(
  client: KubeClient,
  pod: KubeObject,
  c: ContainerSpec,
  now: Date,
): Promise<ContainerWorld> {
  const ns = pod.metadata.namespace;
  const cache = new Map<string, Obj | undefined>();
  const source = async (kind: 'configmaps' | 'secrets', name: string): Promise<Obj | undefined> => {
    const key = `${kind}/${name}`;
    if (!cache.has(key)) {
      const obj = await client.get(resources[kind], ns, name).catch(() => undefined);
      cache.set(key, obj ? (((obj as unknown as Obj).data as Obj | undefined) ?? {}) : undefined);
    }
    return cache.get(key);
  };
  const hostname = specOf(pod).hostname ?? pod.metadata.name ?? '';
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: hostname,
    HOME: '/root',
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  };
  for (const from of (c.envFrom ?? []) as {
    prefix?: string;
    configMapRef?: { name: string };
    secretRef?: { name: string };
  }[]) {
    const secret = !!from.secretRef;
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const data = await source(secret ? 'secrets' : 'configmaps', ref.name);
    for (const [k, v] of Object.entries(data ?? {})) env[`${from.prefix ?? ''}${k}`] = decode(v, secret);
  }
  const field = (path: string) =>
    ({
      'metadata.name': pod.metadata.name,
      'metadata.namespace': ns,
      'spec.nodeName': specOf(pod).nodeName,
      'status.podIP': statusOf(pod).podIP,
      'status.hostIP': statusOf(pod).hostIP,
      'spec.serviceAccountName': (pod.spec as Obj)?.serviceAccountName as string,
    })[path] ?? '';
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value.replace(/\$\((\w+)\)/g, (m, k: string) => env[k] ?? m);
    const vf = e.valueFrom as
      | {
          configMapKeyRef?: { name: string; key: string };
          secretKeyRef?: { name: string; key: string };
          fieldRef?: { fieldPath: string };
        }
      | undefined;
    if (vf?.configMapKeyRef)
      env[e.name] = decode(
        (await source('configmaps', vf.configMapKeyRef.name))?.[vf.configMapKeyRef.key],
        false,
      );
    else if (vf?.secretKeyRef)
      env[e.name] = decode((await source('secrets', vf.secretKeyRef.name))?.[vf.secretKeyRef.key], true);
    else if (vf?.fieldRef) env[e.name] = String(field(vf.fieldRef.fieldPath));
    else if (e.value === undefined) env[e.name] = '';
  }
  const files = new Map<string, string>([
    ['/etc/hostname', `${hostname}\n`],
    ['/etc/hosts', `127.0.0.1\tlocalhost\n${statusOf(pod).podIP ?? ''}\t${hostname}\n`],
    [
      '/etc/resolv.conf',
      `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
    ],
    ['/var/run/secrets/kubernetes.io/serviceaccount/namespace', ns ?? ''],
  ]);
  const volumes = new Map(((specOf(pod).volumes ?? []) as Obj[]).map((v) => [v.name as string, v]));
  for (const mount of c.volumeMounts ?? []) {
    const vol = volumes.get(mount.name);
    const cm = vol?.configMap as { name: string; items?: { key: string; path: string }[] } | undefined;
    const sec = vol?.secret as { secretName: string; items?: { key: string; path: string }[] } | undefined;
    if (!cm && !sec) continue;
    const data = cm ? await source('configmaps', cm.name) : await source('secrets', sec?.secretName ?? '');
    const items = (cm ?? sec)?.items;
    const entries = items ? items.map((i) => [i.path, data?.[i.key]] as const) : Object.entries(data ?? {});
    for (const [path, value] of entries) {
      if (mount.subPath) {
        if (mount.subPath === path) files.set(mount.mountPath, decode(value, !!sec));
      } else files.set(`${mount.mountPath.replace(/\/$/, '')}/${path}`, decode(value, !!sec));
    }
  }
  return { env, files, hostname, now };
}

const frame = (channel: number, data: string | Buffer) =>
  Buffer.concat([Buffer.from([channel]), Buffer.from(data)]);

function finish(ws: WebSocket, command: string[], exitCode: number): void {
  const status =
    exitCode === 0
      ? { metadata: {}, status: 'Success' }
      : {
          metadata: {},
          status: 'Failure',
          message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
          reason: 'NonZeroExitCode',
          details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
        };
  ws.send(frame(3, JSON.stringify(status)));
  ws.close(1000);
}

/** An interactive session: a line editor with echo (tty) and a `/ # ` prompt. */
function interactive(
  ws: WebSocket,
  world: ContainerWorld,
  command: string[],
  tty: boolean,
  clock: Clock,
): void {
  const nl = (s: string) => (tty ? s.replace(/\r?\n/g, '\r\n') : s);
  const prompt = () => ws.send(frame(1, tty ? '/ # ' : ''));
  let line = '';
  let last = 0;
  prompt();
  ws.on('message', (data: Buffer) => {
    if (data.length === 0) return;
    if (data[0] === 255) return finish(ws, command, last); // v5: client closed stdin
    if (data[0] !== 0) return; // resize and others: nothing to do for a simulated terminal
    for (const ch of data.subarray(1).toString('utf8')) {
      if (ch === '\u0004' && line === '') return finish(ws, command, last);
      if (ch === '\u007f' || ch === '\b') {
        if (line) {
          line = line.slice(0, -1);
          if (tty) ws.send(frame(1, '\b \b'));
        }
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        if (tty) ws.send(frame(1, '\r\n'));
        const r: ShellResult = runLine(line, { ...world, now: clock.now() });
        line = '';
        last = r.exitCode;
        if (r.stdout) ws.send(frame(1, nl(r.stdout)));
        if (r.stderr) ws.send(frame(tty ? 1 : 2, nl(r.stderr)));
        if (r.exited) return finish(ws, command, r.exitCode);
        prompt();
        continue;
      }
      line += ch;
      if (tty) ws.send(frame(1, ch));
    }
  });
}

export async function serveExec(args: {
  req: IncomingMessage;
  res: ServerResponse;
  pod: KubeObject;
  query: URLSearchParams;
  client: KubeClient;
  clock: Clock;
}): Promise<void> {
  const { req, pod, query } = args;
  const phase = statusOf(pod).phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    throw errors.badRequest(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const c = pickContainer(pod, query.get('container'));
  const running = statusOf(pod).containerStatuses?.find((s) => s.name === c.name)?.state.running;
  if (!specOf(pod).nodeName)
    throw errors.badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  if (!running) throw errors.badRequest(`unable to upgrade connection: container not found ("${c.name}")`);
  const command = query.getAll('command');
  if (command.length === 0) throw errors.badRequest('you must specify at least 1 command');
  if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
    throw errors.badRequest(
      'Upgrade request required: this server streams exec over WebSocket (v5.channel.k8s.io) only',
    );
  }
  const world = await containerWorld(args.client, pod, c, args.clock.now());
  const stdin = query.get('stdin') === 'true';
  const tty = query.get('tty') === 'true';
  wss.handleUpgrade(req, req.socket, Buffer.alloc(0), (ws) => {
    const base = command[0]?.split('/').pop() ?? '';
    const isShell = ['sh', 'bash', 'ash'].includes(base) && command.length === 1;
    if (stdin && isShell) return interactive(ws, world, command, tty, args.clock);
    const r = runCommand(command, world);
    if (r.stdout) ws.send(frame(1, tty ? r.stdout.replace(/\r?\n/g, '\r\n') : r.stdout));
    if (r.stderr) ws.send(frame(tty ? 1 : 2, r.stderr));
    finish(ws, command, r.exitCode);
  });
}
