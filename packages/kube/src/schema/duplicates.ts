/**
 * @module schema/duplicates
 * Duplicate keys in a JSON request body. `JSON.parse` silently keeps the last one; kube-apiserver rejects
 * them under `fieldValidation=Strict` (`strict decoding error: duplicate field "spec.replicas"`), so the raw
 * text has to be scanned.
 */

/**
 * Paths of keys that occur more than once in the same JSON object, in document order. The text is
 * expected to be valid JSON (parse it first); on malformed input the scan stops and returns what it found.
 */
export function findDuplicateFields(text: string): string[] {
  const scanner = new Scanner(text);
  const out: string[] = [];
  try {
    scanner.value('', out);
  } catch {
    // Malformed JSON is reported by the real parser; nothing more to find here.
  }
  return out;
}

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  value(path: string, out: string[]): void {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') this.object(path, out);
    else if (c === '[') this.array(path, out);
    else if (c === '"') this.string();
    else this.scalar();
  }

  private object(path: string, out: string[]): void {
    this.pos++; // {
    const seen = new Set<string>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const key = this.string();
      const child = path ? `${path}.${key}` : key;
      if (seen.has(key)) out.push(child);
      seen.add(key);
      this.skipSpace();
      this.expect(':');
      this.value(child, out);
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect('}');
      return;
    }
  }

  private array(path: string, out: string[]): void {
    this.pos++; // [
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (let i = 0; ; i++) {
      this.value(`${path}[${i}]`, out);
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect(']');
      return;
    }
  }

  /** Reads a string literal and returns its decoded value. */
  private string(): string {
    const start = this.pos;
    this.expect('"');
    let escaped = false;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++];
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') return JSON.parse(this.text.slice(start, this.pos)) as string;
    }
    throw new Error('unterminated string');
  }

  private scalar(): void {
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s,\]}]/.test(this.text[this.pos])) this.pos++;
    if (this.pos === start) throw new Error(`unexpected character at ${this.pos}`);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) throw new Error(`expected ${c} at ${this.pos}`);
    this.pos++;
  }
}
