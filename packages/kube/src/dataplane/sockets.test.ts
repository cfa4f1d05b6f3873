import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListenerSpec } from './listeners';
import { SocketPool } from './sockets';

const holdPort = () =>
  new Promise<net.Server>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });

const waitFor = async (fn: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('SocketPool', () => {
  let pool: SocketPool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it('reports a port held by someone else once, keeps retrying, and binds when it is freed', async () => {
    const holder = await holdPort();
    const port = (holder.address() as net.AddressInfo).port;
    const errors: string[] = [];
    pool = new SocketPool({
      onRequest: (_s, _req, res) => res.end('ok'),
      onConnection: (_s, socket) => socket.end('hi\r\n'),
      onBindError: (spec, err) => errors.push(`${spec.key} ${err.code}`),
      log: () => {},
      minRetryMs: 20,
      maxRetryMs: 40,
    });
    const spec: ListenerSpec = {
      key: `127.0.0.1:${port}`,
      host: '127.0.0.1',
      port,
      kind: 'node-port',
      protocol: 'http',
    };
    pool.sync([spec]);
    await waitFor(() => errors.length > 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(errors).toEqual([`127.0.0.1:${port} EADDRINUSE`]);
    expect(pool.boundPort(spec.key)).toBeUndefined();
    await new Promise((r) => holder.close(r));
    await waitFor(() => pool!.boundPort(spec.key) === port);
    const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(body).toBe('ok');
  });

  it('closes sockets that are no longer wanted and reopens one whose protocol changes', async () => {
    pool = new SocketPool({
      onRequest: (_s, _req, res) => res.end('http'),
      onConnection: (_s, socket) => socket.end('banner\r\n'),
      onBindError: () => {},
      log: () => {},
    });
    const spec: ListenerSpec = {
      key: '127.0.0.1:0',
      host: '127.0.0.1',
      port: 0,
      kind: 'ingress',
      protocol: 'http',
    };
    pool.sync([spec]);
    await waitFor(() => pool!.boundPort(spec.key) !== undefined);
    const first = pool.boundPort(spec.key)!;
    expect(await (await fetch(`http://127.0.0.1:${first}/`)).text()).toBe('http');
    pool.sync([{ ...spec, protocol: 'tcp' }]);
    await waitFor(() => pool!.boundPort(spec.key) !== undefined);
    const line = await new Promise<string>((resolve) => {
      const s = net.connect(pool!.boundPort(spec.key)!, '127.0.0.1');
      let d = '';
      s.on('data', (c) => (d += c.toString()));
      s.on('close', () => resolve(d));
    });
    expect(line).toBe('banner\r\n');
    pool.sync([]);
    expect(pool.specs().size).toBe(0);
  });
});
