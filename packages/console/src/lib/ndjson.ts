/**
 * @module ndjson
 * Splits a byte stream into newline-delimited JSON values (the watch wire format). Pure and incremental:
 * feed it chunks, it returns the complete lines and keeps the partial tail.
 */

/** An incremental line splitter. */
export class LineSplitter {
  private tail = '';

  /** Adds a chunk and returns the complete, non-empty lines it finished. */
  push(chunk: string): string[] {
    const text = this.tail + chunk;
    const lines = text.split('\n');
    this.tail = lines.pop() ?? '';
    return lines.map((l) => l.trim()).filter(Boolean);
  }

  /** Whatever is left when the stream ends. */
  flush(): string[] {
    const rest = this.tail.trim();
    this.tail = '';
    return rest ? [rest] : [];
  }
}
