import { WcomposeError } from '../diagnostics/error.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { limits } from './limits.js';

/** The most items a vector may hold, and what they are called in the message when it holds more. */
export interface VecLimit {
  max: number;
  what: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A cursor over a byte range. Offsets in errors are absolute (relative to the start of the file), because a reader
 * for a nested section is a window on the same buffer, not a copy.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  pos: number;
  readonly end: number;
  /** How many type declarations (instance and component types) enclose the current position. */
  private depth = 0;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  /**
   * Reads something that nests (an instance or component type inside another): the depth is bounded, so that an
   * input nested thousands deep is a diagnostic, not a stack overflow.
   */
  nested<T>(what: string, read: (r: ByteReader) => T): T {
    if (this.depth >= limits.nesting) {
      this.fail('WC1014', `${what} nested more than ${limits.nesting} deep`);
    }
    this.depth++;
    try {
      return read(this);
    } finally {
      this.depth--;
    }
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  fail(code: DiagnosticCode, message: string, offset = this.pos): never {
    throw new WcomposeError(code, message, { offset });
  }

  private need(n: number, what: string): void {
    if (this.pos + n > this.end) {
      this.fail('WC1001', `unexpected end of ${what}: needed ${n} byte(s), ${Math.max(0, this.end - this.pos)} left`);
    }
  }

  u8(): number {
    this.need(1, 'input');
    return this.bytes[this.pos++]!;
  }

  peek(): number {
    this.need(1, 'input');
    return this.bytes[this.pos]!;
  }

  /** Unsigned LEB128 of at most 32 bits. */
  u32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.u8();
      if (shift === 28 && (byte & 0x70) !== 0) this.fail('WC1005', 'LEB128 integer does not fit in 32 bits', start);
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result >>> 0;
      shift += 7;
      if (shift > 28) this.fail('WC1005', 'LEB128 integer does not fit in 32 bits', start);
    }
  }

  /** Unsigned LEB128 of at most 64 bits (memory64 limits). */
  u64(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.u8();
      if (shift === 63n && (byte & 0x7e) !== 0) this.fail('WC1005', 'LEB128 integer does not fit in 64 bits', start);
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) this.fail('WC1005', 'LEB128 integer does not fit in 64 bits', start);
    }
  }

  /** Signed LEB128 of at most 33 bits (core heap types and block types). */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.u8();
      if (shift >= 35) this.fail('WC1005', 'LEB128 integer does not fit in 33 bits', start);
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    if (byte & 0x40) result -= 2 ** shift;
    return result;
  }

  /** A window of `n` bytes, not copied. */
  take(n: number, what = 'input'): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A length-prefixed UTF-8 string. */
  name(): string {
    const start = this.pos;
    const len = this.u32();
    if (len > limits.nameBytes) this.fail('WC1013', `a name of ${len} bytes is longer than the ${limits.nameBytes} allowed`, start);
    const raw = this.take(len, 'name');
    // Most names are short ASCII (kebab names, interface names): decoded without the TextDecoder round trip.
    if (len <= 64) {
      let ascii = true;
      for (let i = 0; i < len; i++) if (raw[i]! >= 0x80) ascii = false;
      if (ascii) return String.fromCharCode.apply(null, raw as unknown as number[]);
    }
    try {
      return utf8.decode(raw);
    } catch {
      return this.fail('WC1008', 'a name is not valid UTF-8', start);
    }
  }

  /** A `vec(T)`: a u32 count then that many items (at most `limit.max`, when given). */
  vec<T>(item: (r: ByteReader) => T, limit?: VecLimit): T[] {
    const at = this.pos;
    const n = this.u32();
    if (limit !== undefined && n > limit.max) this.fail('WC1013', `${n} ${limit.what} are more than the ${limit.max} allowed`, at);
    // Every item takes at least a byte: a count larger than what is left is corrupt, and must not allocate.
    if (n > this.end - this.pos) this.fail('WC1001', `a vector claims ${n} items but only ${this.end - this.pos} byte(s) are left`);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }

  /** `0x00` → undefined, `0x01 T` → T. */
  optional<T>(item: (r: ByteReader) => T): T | undefined {
    const at = this.pos;
    const flag = this.u8();
    if (flag === 0) return undefined;
    if (flag === 1) return item(this);
    return this.fail('WC1009', `expected 0x00 or 0x01 for an optional value, found 0x${flag.toString(16)}`, at);
  }

  /** A byte that must be 0x00 or 0x01. */
  flag(): boolean {
    const at = this.pos;
    const b = this.u8();
    if (b > 1) this.fail('WC1009', `expected 0x00 or 0x01, found 0x${b.toString(16)}`, at);
    return b === 1;
  }

  /** A reader for the next `n` bytes; this reader moves past them. */
  sub(n: number, what: string): ByteReader {
    const start = this.pos;
    if (start + n > this.end) {
      this.fail('WC1006', `${what} of ${n} byte(s) runs past the end of its container (${this.end - start} byte(s) left)`);
    }
    this.pos += n;
    return new ByteReader(this.bytes, start, start + n);
  }

  expectEnd(what: string): void {
    if (this.pos !== this.end) this.fail('WC1010', `${this.end - this.pos} unread byte(s) at the end of ${what}`);
  }
}
