const utf8 = new TextEncoder();

/** An append-only byte buffer with the encodings the component binary format uses. */
export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(b: number): this {
    this.reserve(1);
    this.buf[this.length++] = b;
    return this;
  }

  u32(value: number): this {
    let v = value >>> 0;
    this.reserve(5);
    do {
      let byte = v & 0x7f;
      v >>>= 7;
      if (v !== 0) byte |= 0x80;
      this.buf[this.length++] = byte;
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
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
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
    return this.bytes(inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
