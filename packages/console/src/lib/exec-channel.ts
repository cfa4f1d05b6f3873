/**
 * @module exec-channel
 * The Kubernetes exec WebSocket framing (`v5.channel.k8s.io` / `v4.channel.k8s.io`): every binary
 * message starts with a channel byte — 0 stdin, 1 stdout, 2 stderr, 3 error/status, 4 resize, 255 close.
 * Pure encoders/decoders for the terminal.
 */

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

const encoder = new TextEncoder();

/** A frame for `channel` carrying UTF-8 text. */
export function encodeFrame(channel: number, text: string): Uint8Array {
  const body = encoder.encode(text);
  const out = new Uint8Array(body.length + 1);
  out[0] = channel;
  out.set(body, 1);
  return out;
}

/** The resize message for a terminal of `cols` × `rows`. */
export function encodeResize(cols: number, rows: number): Uint8Array {
  return encodeFrame(CHANNEL.resize, JSON.stringify({ Width: cols, Height: rows }));
}

/** Splits a received frame into its channel and payload bytes. */
export function decodeFrame(data: ArrayBuffer | Uint8Array): { channel: number; payload: Uint8Array } {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  return { channel: bytes[0] ?? -1, payload: bytes.subarray(1) };
}

/** The exec URL for an interactive shell (the token goes in the query: browsers cannot set headers on WebSockets). */
export function execUrl(
  base: string,
  namespace: string,
  pod: string,
  container: string,
  token: string,
  command = 'sh',
): string {
  const q = new URLSearchParams({
    container,
    command,
    stdin: 'true',
    stdout: 'true',
    stderr: 'true',
    tty: 'true',
    access_token: token,
  });
  const ws = base.replace(/^http/, 'ws');
  return `${ws}/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/exec?${q.toString()}`;
}
