// A growable byte buffer that records are written into directly. Building records as JS strings
// and flattening them later costs more than all the rest of full-speed generation; bytes copied from
// pre-encoded pieces cost little, and Buffers outside the JS heap are cheap to cache.

const HEX = new Uint8Array(Array.from("0123456789abcdef", (c) => c.charCodeAt(0)));
const DIGITS = new Uint8Array(24);

export class Sink {
  buf: Buffer;
  /** A plain Uint8Array over the same memory: TypedArray#set is faster on it than on a Buffer. */
  private view: Uint8Array;
  len = 0;

  constructor(size = 1 << 16) {
    this.buf = Buffer.allocUnsafeSlow(size);
    this.view = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  private use(buf: Buffer) {
    this.buf = buf;
    this.view = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  }

  reset() {
    this.len = 0;
  }

  ensure(n: number) {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.use(next);
  }

  bytes(b: Uint8Array) {
    const n = b.length;
    this.ensure(n);
    if (n < 48) {
      // A loop beats TypedArray#set's fixed cost for short pieces.
      const buf = this.buf;
      let at = this.len;
      for (let i = 0; i < n; i++) buf[at++] = b[i]!;
      this.len = at;
      return;
    }
    this.view.set(b, this.len);
    this.len += n;
  }

  /** Any string, UTF-8 encoded. */
  text(s: string) {
    this.ensure(s.length * 3);
    this.len += this.buf.write(s, this.len, "utf8");
  }

  byte(c: number) {
    this.ensure(1);
    this.buf[this.len++] = c;
  }

  /** A non-negative or negative integer (safe range). */
  int(n: number) {
    this.ensure(24);
    let v = n;
    if (v < 0) {
      this.buf[this.len++] = 45;
      v = -v;
    }
    let i = 0;
    do {
      DIGITS[i++] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
    while (i > 0) this.buf[this.len++] = DIGITS[--i]!;
  }

  /** A number as JSON writes it (integers fast, others through String). */
  num(n: number) {
    if (Number.isInteger(n) && Math.abs(n) < 1e15) this.int(n);
    else this.text(String(n));
  }

  /** A non-negative number with at most two decimals (coordinates), as String() would write it. */
  cents(n: number) {
    const c = Math.round(n * 100);
    if (c < 0 || Math.abs(c / 100 - n) > 1e-9) return this.num(n);
    this.int(Math.floor(c / 100));
    const frac = c % 100;
    if (!frac) return;
    this.ensure(3);
    this.buf[this.len++] = 46;
    this.buf[this.len++] = 48 + Math.floor(frac / 10);
    if (frac % 10) this.buf[this.len++] = 48 + (frac % 10);
  }

  /** 8 lower-case hex digits of a 32-bit number. */
  hex8(n: number) {
    this.ensure(8);
    for (let s = 28; s >= 0; s -= 4) this.buf[this.len++] = HEX[(n >>> s) & 15]!;
  }

  /** A copy of a range of what was written. */
  copy(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafeSlow(end - start);
    this.buf.copy(out, 0, start, end);
    return out;
  }

  /** The bytes written so far; the sink starts over on a new buffer (no copy). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.len);
    this.use(Buffer.allocUnsafeSlow(Math.max(1 << 12, Math.ceil(this.len * 1.25))));
    this.len = 0;
    return out;
  }
}

/** Pre-encoded ASCII/UTF-8 piece. */
export const enc = (s: string) => Buffer.from(s, "utf8");
