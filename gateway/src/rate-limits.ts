import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import ipaddr from 'ipaddr.js';
import { Redis } from 'ioredis';
import proxyAddr from 'proxy-addr';
import { Counter, Gauge, type Registry } from 'prom-client';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { REQUEST_ID_HEADER, requestIdFrom, type Logger } from '@jianguan/platform';

/** How many requests one client address may make in a window; `points: 0` turns the limit off. */
export interface Limit {
  points: number;
  windowSeconds: number;
}

export interface RateLimitOptions {
  /** Requests without a token, per client address. */
  anonymous: Limit;
  /** Requests whose token the gateway refused (401), per client address. */
  failedAuthentications: Limit;
  /**
   * Proxies whose `X-Forwarded-For` is believed (addresses, CIDR ranges, or proxy-addr's
   * `loopback`, `linklocal`, `uniquelocal`). The client is the nearest address not in this list;
   * with none trusted it is the connection's peer, so a forged header changes nothing.
   */
  trustedProxies: string[];
  /** Where counts are kept so every gateway replica shares them; without it, in this process. */
  redisUrl?: string;
  keyPrefix: string;
  /** Only requests to this path (the GraphQL endpoint) are counted; probes and scrapes are not. */
  path: string;
  registry: Registry;
  logger: Logger;
}

export interface RateLimits {
  /** Wraps the gateway's request listener: refused requests get 429 before anything else runs. */
  wrap: (next: RequestListener) => RequestListener;
  stop: () => Promise<void>;
}

const LIMIT_NAMES = { anonymous: 'anonymous', failedAuthentications: 'failed_authentication' } as const;

const MESSAGES = {
  anonymous: (seconds: number) => `请求过于频繁，请 ${seconds} 秒后再试`,
  failedAuthentications: (seconds: number) => `身份验证失败次数过多，请 ${seconds} 秒后再试`,
};

/**
 * Per-client-address limits at the gateway, counted with rate-limiter-flexible in Redis so all
 * replicas share one count: anonymous requests (the public's lookups, answered from the kept
 * answers too), and failed authentications (tokens refused with 401), after which that address's
 * requests with a token are refused until the window ends. A refusal is 429 with `Retry-After`.
 * Signed-in requests with a valid token are not counted. Should Redis be unreachable, each
 * replica goes on counting in its own memory rather than letting everything through.
 */
export async function rateLimits(options: RateLimitOptions): Promise<RateLimits> {
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true })
    : undefined;
  redis?.on('error', (error) => options.logger.warn({ err: error }, 'rate limits: Redis connection error'));
  // Counted in memory until connected; starting without Redis is allowed, it reconnects by itself.
  await redis?.connect().catch(() => undefined);
  const limiter = (name: keyof typeof LIMIT_NAMES) => limiterOf(options, name, redis);
  const anonymous = limiter('anonymous');
  const failedAuthentications = limiter('failedAuthentications');
  const trust = proxyAddr.compile(options.trustedProxies);

  const { refused, failures } = rateLimitMetrics(options);

  /** Counts one anonymous request; resolves to the wait when it is over the limit. */
  async function anonymousWait(client: string): Promise<number | undefined> {
    if (!anonymous) return undefined;
    try {
      await anonymous.consume(client);
      return undefined;
    } catch (rejection) {
      return waitOf(rejection);
    }
  }

  /** Resolves to the wait when this address has failed authentication too often already. */
  async function failedAuthenticationWait(client: string): Promise<number | undefined> {
    if (!failedAuthentications) return undefined;
    try {
      const count = await failedAuthentications.get(client);
      return count && count.consumedPoints >= options.failedAuthentications.points
        ? count.msBeforeNext
        : undefined;
    } catch (error) {
      options.logger.warn({ err: error }, 'rate limits: reading the failed authentications failed');
      return undefined;
    }
  }

  function waitOf(rejection: unknown): number | undefined {
    if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
    // Neither Redis nor the insurance limiter answered: serve rather than refuse everyone.
    options.logger.warn({ err: rejection }, 'rate limits: counting failed');
    return undefined;
  }

  function countFailure(client: string) {
    failures.inc();
    failedAuthentications?.consume(client).catch((rejection: unknown) => {
      // Going over is expected here: it is the next request with a token that is refused.
      if (!(rejection instanceof RateLimiterRes)) waitOf(rejection);
    });
  }

  return {
    wrap: (next) => (req, res) => {
      if (!(req.url ?? '').startsWith(options.path)) return next(req, res);
      const client = clientKey(req, trust);
      const signedIn = req.headers.authorization !== undefined;
      const limit = signedIn ? 'failedAuthentications' : 'anonymous';
      void (signedIn ? failedAuthenticationWait(client) : anonymousWait(client)).then((waitMs) => {
        if (waitMs !== undefined) {
          refused.inc({ limit: LIMIT_NAMES[limit] });
          return tooManyRequests(req, res, waitMs, MESSAGES[limit], LIMIT_NAMES[limit]);
        }
        if (signedIn) res.once('finish', () => res.statusCode === 401 && countFailure(client));
        next(req, res);
      });
    },
    stop: async () => {
      await redis?.quit().catch(() => undefined);
    },
  };
}

/** One limit's counter: in Redis (with memory as insurance) when there is one; undefined when it is off. */
function limiterOf(options: RateLimitOptions, name: keyof typeof LIMIT_NAMES, redis: Redis | undefined) {
  const { points, windowSeconds: duration } = options[name];
  if (points <= 0) return undefined;
  const keyPrefix = `${options.keyPrefix}:rate-limit:${LIMIT_NAMES[name]}`;
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  return redis
    ? new RateLimiterRedis({
        storeClient: redis,
        keyPrefix,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
        // Once over, an address is refused from memory until its window ends: a flood costs no Redis.
        inMemoryBlockOnConsumed: points + 1,
      })
    : memory;
}

/** The limits as configured (gauges), and the refusals and failed authentications (counters). */
function rateLimitMetrics(options: RateLimitOptions) {
  const configured = new Gauge({
    name: 'jianguan_gateway_rate_limit_requests',
    help: 'Requests one client address may make per window, by limit (0: the limit is off)',
    labelNames: ['limit'],
    registers: [options.registry],
  });
  const windows = new Gauge({
    name: 'jianguan_gateway_rate_limit_window_seconds',
    help: 'Length of each rate-limit window, by limit',
    labelNames: ['limit'],
    registers: [options.registry],
  });
  const refused = new Counter({
    name: 'jianguan_gateway_rate_limited_requests_total',
    help: 'Requests refused with 429, by the limit they were over',
    labelNames: ['limit'],
    registers: [options.registry],
  });
  const failures = new Counter({
    name: 'jianguan_gateway_failed_authentications_total',
    help: 'Requests whose token the gateway refused (401)',
    registers: [options.registry],
  });
  for (const name of ['anonymous', 'failedAuthentications'] as const) {
    configured.set({ limit: LIMIT_NAMES[name] }, Math.max(0, options[name].points));
    windows.set({ limit: LIMIT_NAMES[name] }, options[name].windowSeconds);
  }
  return { refused, failures };
}

/**
 * The address a limit counts: the nearest untrusted hop. An IPv6 client is counted by its /64,
 * which is what one subscriber is usually given, so it cannot step around the limit by address.
 */
function clientKey(req: IncomingMessage, trust: (address: string, hop: number) => boolean): string {
  // A connection already gone has no address; its answer goes nowhere anyway.
  if (req.socket.remoteAddress === undefined) return 'unknown';
  const address = proxyAddr(req, trust);
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 becomes plain IPv4
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}

function tooManyRequests(
  req: IncomingMessage,
  res: ServerResponse,
  waitMs: number,
  message: (seconds: number) => string,
  limit: string,
) {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const body = JSON.stringify({
    errors: [
      { message: message(seconds), extensions: { code: 'RATE_LIMITED', limit, retryAfterSeconds: seconds } },
    ],
  });
  // The request's body is not read; closing the connection spares reading it.
  res.shouldKeepAlive = false;
  res.writeHead(429, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'retry-after': String(seconds),
    [REQUEST_ID_HEADER]: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
  });
  res.end(body);
}
