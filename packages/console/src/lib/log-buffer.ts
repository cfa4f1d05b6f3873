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

/**
 * The lines of `buf` containing `query` (case-insensitive), with their 1-based numbers in the buffer.
 * An empty query matches nothing (the caller shows the whole log instead).
 */
export function searchLog(buf: LogBuffer, query: string): { n: number; line: string }[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const all = buf.partial ? buf.lines.concat(buf.partial) : buf.lines;
  const found: { n: number; line: string }[] = [];
  all.forEach((line, i) => {
    if (line.toLowerCase().includes(q)) found.push({ n: i + 1, line });
  });
  return found;
}

/** A file name for a downloaded log: `<pod>_<container>[_previous].log`, safe on every file system. */
export function logFileName(pod: string, container: string, previous: boolean): string {
  return `${pod}_${container}${previous ? '_previous' : ''}.log`.replace(/[^A-Za-z0-9._-]/g, '-');
}
