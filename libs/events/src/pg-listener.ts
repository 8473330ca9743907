import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from '@jianguan/platform';

export interface PgListenerOptions {
  dataSource: DataSource;
  channel: string;
  /** Shown in pg_stat_activity, e.g. `registry-outbox-relay`. */
  applicationName: string;
  logger: Logger;
  /** Each NOTIFY on the channel (delivered only once the notifying transaction commits). */
  onNotify: (payload: string | undefined) => void;
  /** After every (re)connection: anything committed while nobody listened must be caught up. */
  onConnect: () => void;
  /** First delay before reconnecting, doubled up to 30 s; default 1 s. */
  reconnectDelayMs?: number;
}

export interface PgListener {
  stop: () => Promise<void>;
}

const MAX_RECONNECT_DELAY_MS = 30_000;

/** A separate connection for LISTEN: a pooled one would be handed to queries and lose the LISTEN. */
function listenerConfig(dataSource: DataSource, applicationName: string): ClientConfig {
  const options = dataSource.options as unknown as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: ClientConfig['password'];
    database?: string;
    ssl?: ClientConfig['ssl'];
  };
  return {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
    database: options.database,
    ssl: options.ssl,
    application_name: applicationName,
  };
}

/**
 * LISTENs on a channel on its own connection and keeps listening: a lost connection is re-opened
 * with back-off, and `onConnect` runs after each connection so nothing committed meanwhile is missed.
 * Fails fast if the first connection fails.
 */
export async function listenForNotifications(options: PgListenerOptions): Promise<PgListener> {
  const { channel, logger } = options;
  const firstReconnectDelay = options.reconnectDelayMs ?? 1000;
  let stopped = false;
  let listener: Client | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let reconnectDelay = firstReconnectDelay;

  function scheduleReconnect(client: Client, error?: unknown) {
    if (stopped || client !== listener || reconnectTimer) return;
    listener = undefined;
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    logger.warn({ err: error, channel, retryInMs: reconnectDelay }, 'listener lost; reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect().catch((error) => logger.warn({ err: error, channel }, 'listener reconnect failed'));
    }, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
  }

  async function connect(): Promise<void> {
    const client = new Client(listenerConfig(options.dataSource, options.applicationName));
    listener = client;
    client.on('error', (error) => scheduleReconnect(client, error));
    client.on('end', () => scheduleReconnect(client));
    client.on('notification', (message) => options.onNotify(message.payload));
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      scheduleReconnect(client, error);
      throw error;
    }
    if (stopped) {
      await client.end();
      return;
    }
    reconnectDelay = firstReconnectDelay;
    options.onConnect();
  }

  try {
    await connect();
  } catch (error) {
    stopped = true;
    clearTimeout(reconnectTimer);
    throw error;
  }
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(reconnectTimer);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
