/** xorshift32: a reproducible stream of numbers per seed, so a writer's traffic is the same on every run. */
export class Xorshift {
  constructor(private state: number) {}

  /** The next number in [0, n). */
  next(n: number): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state % n;
  }
}
