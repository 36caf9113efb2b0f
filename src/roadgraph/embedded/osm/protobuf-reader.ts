/**
 * The few protobuf wire-format reads the OSM PBF format needs: varints (with zigzag for sint64),
 * length-delimited fields and packed arrays. Values fit in doubles (OSM ids < 2^53).
 */
export class ProtobufReader {
  pos: number;
  readonly end: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's tag: field number × 8 + wire type. */
  tag(): number {
    return this.varint();
  }

  varint(): number {
    const buf = this.buf;
    let result = 0;
    let shift = 1;
    for (;;) {
      const byte = buf[this.pos++]!;
      result += (byte & 0x7f) * shift;
      if (byte < 0x80) return result;
      shift *= 128;
    }
  }

  svarint(): number {
    const n = this.varint();
    // Zigzag decoding without 32-bit operators, so 64-bit values stay exact up to 2^53.
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  }

  /** Sub-reader over a length-delimited field. */
  message(): ProtobufReader {
    const length = this.varint();
    const sub = new ProtobufReader(this.buf, this.pos, this.pos + length);
    this.pos += length;
    return sub;
  }

  bytes(): Uint8Array {
    const length = this.varint();
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  string(): string {
    return Buffer.from(this.bytes()).toString('utf8');
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) {
      const length = this.varint(); // read before adding: `pos += varint()` would lose the length's own bytes
      this.pos += length;
    }
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }

  /** Packed varints (zigzag-decoded when `signed`), optionally delta-decoded. */
  packed(signed: boolean, delta: boolean, out: number[] = []): number[] {
    const sub = this.message();
    let last = 0;
    while (!sub.done()) {
      const value = signed ? sub.svarint() : sub.varint();
      last = delta ? last + value : value;
      out.push(last);
    }
    return out;
  }
}
