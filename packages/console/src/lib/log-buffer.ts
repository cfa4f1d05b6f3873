/**
 * @module log-buffer
 * Keeps the tail of a streamed log: appends a text chunk and returns at most `max` lines (a partial last
 * line stays open for the next chunk). Pure.
 */
export interface LogBuffer {
  lines: string[];
  /** Unterminated text after the last newline. */
  partial: string;
}

export const EMPTY_LOG: LogBuffer = { lines: [], partial: '' };

export function appendLog(buf: LogBuffer, chunk: string, max = 5000): LogBuffer {
  const parts = (buf.partial + chunk).split('\n');
  const partial = parts.pop() ?? '';
  const lines = buf.lines.concat(parts);
  return { lines: lines.length > max ? lines.slice(lines.length - max) : lines, partial };
}

/** All text of the buffer, including the open line. */
export function logText(buf: LogBuffer): string {
  return buf.lines.join('\n') + (buf.partial ? (buf.lines.length ? '\n' : '') + buf.partial : '');
}
