/**
 * Reusable typed-array buffers for per-query work: a search over 100k matches needs several arrays of that
 * length, and allocating them afresh each query costs page faults and GC; views over kept buffers do not.
 */

/** Named buffers that grow as needed; a view is valid until the same name is asked for again. */
export class Scratch {
  private readonly buffers = new Map<string, ArrayBuffer>();

  private buffer(name: string, bytes: number): ArrayBuffer {
    let buffer = this.buffers.get(name);
    if (!buffer || buffer.byteLength < bytes) {
      buffer = new ArrayBuffer(Math.ceil(bytes * 1.5));
      this.buffers.set(name, buffer);
    }
    return buffer;
  }

  /** A zeroed Float64Array of `n`. */
  f64(name: string, n: number): Float64Array {
    return new Float64Array(this.buffer(name, n * 8), 0, n).fill(0);
  }

  /** An Int32Array of `n` (not zeroed: callers write before they read). */
  i32(name: string, n: number): Int32Array {
    return new Int32Array(this.buffer(name, n * 4), 0, n);
  }

  /** A Uint32Array of `n` (not zeroed). */
  u32(name: string, n: number): Uint32Array {
    return new Uint32Array(this.buffer(name, n * 4), 0, n);
  }

  /** A zeroed Uint8Array of `n`. */
  u8(name: string, n: number): Uint8Array {
    return new Uint8Array(this.buffer(name, n), 0, n).fill(0);
  }
}
