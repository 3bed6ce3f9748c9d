const utf8 = new TextEncoder();

/** Payloads at least this large are referenced, not copied (embedded modules and components). */
const REFERENCE_THRESHOLD = 64 * 1024;

/**
 * An append-only byte sequence with the encodings the component binary format uses. Large payloads are kept by
 * reference as separate chunks, so embedding a 12 MB component costs no copy until (unless) one buffer is asked for.
 */
export class ByteWriter {
  private buf: Uint8Array;
  /** Bytes in `buf`. */
  private used = 0;
  /** Finished chunks before `buf`. */
  private readonly parts: Uint8Array[] = [];
  private partsLength = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  /** Total bytes written. */
  get length(): number {
    return this.partsLength + this.used;
  }

  private reserve(n: number): void {
    if (this.used + n <= this.buf.length) return;
    let size = Math.max(256, this.buf.length * 2);
    while (size < this.used + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.used));
    this.buf = next;
  }

  u8(b: number): this {
    this.reserve(1);
    this.buf[this.used++] = b;
    return this;
  }

  u32(value: number): this {
    let v = value >>> 0;
    this.reserve(5);
    do {
      let byte = v & 0x7f;
      v >>>= 7;
      if (v !== 0) byte |= 0x80;
      this.buf[this.used++] = byte;
    } while (v !== 0);
    return this;
  }

  u64(value: bigint): this {
    let v = value;
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      this.u8(byte);
    } while (v !== 0n);
    return this;
  }

  s33(value: number): this {
    let v = value;
    for (;;) {
      const byte = ((v % 128) + 128) % 128;
      v = Math.floor(v / 128);
      const signBit = (byte & 0x40) !== 0;
      if ((v === 0 && !signBit) || (v === -1 && signBit)) {
        this.u8(byte);
        return this;
      }
      this.u8(byte | 0x80);
    }
  }

  bytes(data: Uint8Array): this {
    if (data.length >= REFERENCE_THRESHOLD) {
      this.flush();
      this.parts.push(data);
      this.partsLength += data.length;
      return this;
    }
    this.reserve(data.length);
    this.buf.set(data, this.used);
    this.used += data.length;
    return this;
  }

  /** Moves what is in the buffer to the finished chunks. */
  private flush(): void {
    if (this.used === 0) return;
    this.parts.push(this.buf.subarray(0, this.used));
    this.partsLength += this.used;
    // Go on in the rest of the same buffer: the finished chunk is a view of what lies before.
    this.buf = this.buf.subarray(this.used);
    this.used = 0;
  }

  /** Appends everything another writer holds, keeping its large chunks by reference. */
  append(other: ByteWriter): this {
    for (const chunk of other.chunks()) this.bytes(chunk);
    return this;
  }

  name(text: string): this {
    const data = utf8.encode(text);
    return this.u32(data.length).bytes(data);
  }

  vec<T>(items: readonly T[], item: (w: ByteWriter, value: T) => void): this {
    this.u32(items.length);
    for (const value of items) item(this, value);
    return this;
  }

  optional<T>(value: T | undefined, item: (w: ByteWriter, value: T) => void): this {
    if (value === undefined) return this.u8(0);
    this.u8(1);
    item(this, value);
    return this;
  }

  flag(value: boolean): this {
    return this.u8(value ? 1 : 0);
  }

  /** Writes `id`, then the size of what `body` writes, then that. */
  section(id: number, body: (w: ByteWriter) => void): this {
    const inner = new ByteWriter();
    body(inner);
    this.u8(id).u32(inner.length);
    return this.append(inner);
  }

  /** The bytes as chunks, without copying: for writing to a file with one `writev`. */
  chunks(): Uint8Array[] {
    return this.used === 0 ? [...this.parts] : [...this.parts, this.buf.subarray(0, this.used)];
  }

  /** The bytes as one buffer (copies only if large payloads were referenced). */
  finish(): Uint8Array {
    const chunks = this.chunks();
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
