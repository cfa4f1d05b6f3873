/**
 * @module dataplane/sockets
 * The executor that owns the data plane's sockets: opens and closes listeners to match the plan, answers
 * HTTP through `onRequest` and raw TCP through `onConnection`, and never lets a bind failure escape: the
 * failure is reported (`onBindError`) and the bind retried later with backoff (1 s doubling to 60 s;
 * EACCES, a privileged port, is retried at the cap). Retries run on real timers, not the injected clock:
 * they wait for the operating system, not for simulated time.
 */
import http from 'node:http';
import net from 'node:net';
import { diffListeners, type ListenerSpec } from './listeners';

export interface SocketPoolOptions {
  onRequest(spec: ListenerSpec, req: http.IncomingMessage, res: http.ServerResponse): void;
  onConnection(spec: ListenerSpec, socket: net.Socket): void;
  /** A bind failed (EADDRINUSE, EACCES...); called once per failure streak, retried anyway. */
  onBindError(spec: ListenerSpec, err: NodeJS.ErrnoException): void;
  onBound?(spec: ListenerSpec, port: number): void;
  log(line: string): void;
  minRetryMs?: number;
  maxRetryMs?: number;
}

interface Slot {
  spec: ListenerSpec;
  server?: net.Server;
  /** The port actually bound (differs from spec.port when it is 0). */
  port?: number;
  retryMs: number;
  reported: boolean;
  timer?: NodeJS.Timeout;
  closed: boolean;
}

export class SocketPool {
  private readonly slots = new Map<string, Slot>();
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly o: SocketPoolOptions) {}

  /** The listener specs currently wanted (bound or waiting to bind), by key. */
  specs(): Map<string, ListenerSpec> {
    return new Map([...this.slots].map(([k, s]) => [k, s.spec]));
  }

  /** The spec now behind a key (requests look it up on arrival, so Service changes apply at once). */
  spec(key: string): ListenerSpec | undefined {
    return this.slots.get(key)?.spec;
  }

  /** The bound port of a listener, or undefined while it is not bound. */
  boundPort(key: string): number | undefined {
    return this.slots.get(key)?.port;
  }

  /** Opens and closes sockets to match `desired`; specs of kept sockets are refreshed. */
  sync(desired: ListenerSpec[]): void {
    const { open, close } = diffListeners(this.specs(), desired);
    for (const key of close) this.closeSlot(key);
    for (const spec of desired) {
      const slot = this.slots.get(spec.key);
      if (slot) slot.spec = spec;
    }
    for (const spec of open) {
      const slot: Slot = { spec, retryMs: this.o.minRetryMs ?? 1000, reported: false, closed: false };
      this.slots.set(spec.key, slot);
      this.bind(slot);
    }
  }

  async close(): Promise<void> {
    const servers = [...this.slots.keys()].map((k) => this.closeSlot(k));
    for (const s of this.sockets) s.destroy();
    await Promise.all(servers);
  }

  private bind(slot: Slot): void {
    const { spec } = slot;
    const server =
      spec.protocol === 'http'
        ? http.createServer((req, res) => this.o.onRequest(slot.spec, req, res))
        : net.createServer((socket) => this.o.onConnection(slot.spec, socket));
    server.on('connection', (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
    });
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (slot.closed) return;
      server.close();
      if (!slot.reported) this.o.onBindError(slot.spec, err);
      slot.reported = true;
      const max = this.o.maxRetryMs ?? 60_000;
      const wait = err.code === 'EACCES' ? max : slot.retryMs;
      slot.retryMs = Math.min(slot.retryMs * 2, max);
      slot.timer = setTimeout(() => {
        if (!slot.closed) this.bind(slot);
      }, wait);
      slot.timer.unref();
    });
    server.listen({ port: spec.port, host: spec.host, exclusive: true }, () => {
      if (slot.closed) {
        server.close();
        return;
      }
      slot.server = server;
      slot.port = (server.address() as net.AddressInfo).port;
      if (slot.reported) this.o.log(`dataplane: ${spec.key} bound after earlier failures`);
      slot.reported = false;
      this.o.onBound?.(slot.spec, slot.port);
    });
  }

  private closeSlot(key: string): Promise<void> {
    const slot = this.slots.get(key);
    this.slots.delete(key);
    if (!slot) return Promise.resolve();
    slot.closed = true;
    if (slot.timer) clearTimeout(slot.timer);
    const server = slot.server;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      (server as http.Server).closeAllConnections?.();
    });
  }
}
