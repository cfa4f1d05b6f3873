/**
 * @module storage/journal
 * The acknowledged-writes log that makes group commit safe. Every write is appended here with one
 * write(2) before the store acknowledges it; SQLite then receives writes in batches (one transaction per
 * event-loop turn or per `maxBatch` writes) and the journal is emptied after each batch commits. After a
 * crash, reopening replays the journal records that SQLite had not committed yet.
 *
 * Durability is the same as SQLite's WAL with synchronous=NORMAL: a write(2) to a regular file survives
 * `kill -9` of the process (the kernel owns the data), not an OS crash or power loss.
 *
 * Format: one record per line,
 * `[revision,createdAt,type,storageKey,namespace,name,prevRevision]<TAB><object JSON>`.
 * JSON never contains raw tabs or newlines, so lines split unambiguously; a final line without its
 * newline (a write cut short) is ignored, as it was never acknowledged.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { EventRow } from './database';
import type { StoreEventType } from './types';

export interface JournalRecord {
  row: EventRow;
  createdAt: number;
}

type JournalHead = [number, number, StoreEventType, string, string, string, number | null];

/** Encodes one record as a journal line (with its trailing newline). */
export function encodeRecord({ row, createdAt }: JournalRecord): string {
  const { revision, type, storage_key: storageKey, namespace, name, prev_revision: prevRevision } = row;
  const head = JSON.stringify([revision, createdAt, type, storageKey, namespace, name, prevRevision]);
  return `${head}\t${row.object}\n`;
}

/** Decodes the complete records of a journal; stops at the first damaged or incomplete line. */
export function decodeJournal(text: string): JournalRecord[] {
  const records: JournalRecord[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
    const line = text.slice(start, end);
    const tab = line.indexOf('\t');
    if (tab < 0) break;
    try {
      const head = JSON.parse(line.slice(0, tab)) as JournalHead;
      const [revision, createdAt, type, storageKey, namespace, name, prevRevision] = head;
      const object = line.slice(tab + 1);
      JSON.parse(object); // a damaged object must not reach the database
      records.push({
        row: {
          revision,
          type,
          storage_key: storageKey,
          namespace,
          name,
          prev_revision: prevRevision,
          object,
        },
        createdAt,
      });
    } catch {
      break;
    }
  }
  return records;
}

/** An append-only file of writes not yet committed to SQLite. */
export class Journal {
  private readonly fd: number;
  private size: number;

  /** Opens the journal at `path` and returns it with the records a previous process left behind. */
  static open(path: string): { journal: Journal; leftover: JournalRecord[] } {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return { journal: new Journal(openSync(path, 'a')), leftover: decodeJournal(text) };
  }

  private constructor(fd: number) {
    this.fd = fd;
    this.size = fstatSync(fd).size;
  }

  /** Appends records durably (one write(2)); on a short or failed write, removes the partial tail. */
  append(line: string): void {
    try {
      const written = writeSync(this.fd, line);
      const expected = Buffer.byteLength(line);
      if (written !== expected) throw new Error(`short write to the storage journal (${written} bytes)`);
      this.size += written;
    } catch (err) {
      ftruncateSync(this.fd, this.size);
      throw err;
    }
  }

  /**
   * Empties the journal once everything in it is committed to SQLite (also drops a damaged tail left
   * by a crash, which must happen before the first append).
   */
  reset(): void {
    if (this.size === 0) return;
    ftruncateSync(this.fd, 0);
    this.size = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
