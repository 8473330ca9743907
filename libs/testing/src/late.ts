/**
 * A stand-in for a value that a test file makes in `beforeAll`: reading a member reads it on the value
 * (methods bound to it), so the file can name the value at the top and use it in its tests unchanged.
 * Reading it before `beforeAll` has made it throws, naming `what`.
 */
export function late<T extends object>(what: string, get: () => T | undefined): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      const value = get();
      if (value === undefined) throw new Error(`${what} is read before beforeAll made it`);
      const member: unknown = Reflect.get(value, key);
      return typeof member === 'function' ? member.bind(value) : member;
    },
  });
}

/** What a test file stops at `afterAll`: each piece registered in order, stopped last-started first. */
export class Stoppers {
  private readonly stops: (() => Promise<unknown>)[] = [];

  /** Registers `piece` to be stopped by `stop`; returns it. */
  add<T>(piece: T, stop: (piece: T) => Promise<unknown> | unknown): T {
    this.stops.push(async () => stop(piece));
    return piece;
  }

  async stopAll() {
    for (const stop of this.stops.splice(0).reverse()) await stop();
  }
}
