import net from 'node:net';

interface Pair {
  readonly client: net.Socket;
  upstream?: net.Socket;
  dead: boolean;
}

export type ProxyMode = 'forward' | 'refuse' | 'blackhole';

/**
 * A TCP proxy the test owns between the apps and PostgreSQL. `refuse` stops listening and resets every connection (the
 * server is down: ECONNREFUSED); `blackhole` keeps every connection, and accepts new ones, but forwards nothing (the
 * network dropped everything: only the client's timeouts notice). `forward` restores; black-holed connections stay dead.
 */
export class FaultProxy {
  private readonly pairs = new Set<Pair>();
  private server: net.Server | undefined;
  private mode: ProxyMode = 'forward';

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
    readonly url: string,
  ) {}

  static async start(databaseUrl: string): Promise<FaultProxy> {
    const target = new URL(databaseUrl);
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const proxied = new URL(databaseUrl);
    proxied.host = `127.0.0.1:${port}`;
    const proxy = new FaultProxy({ host: target.hostname, port: Number(target.port || 5432) }, port, proxied.toString());
    await proxy.listen();
    return proxy;
  }

  get current(): ProxyMode {
    return this.mode;
  }

  async refuse(): Promise<void> {
    this.mode = 'refuse';
    const closed = this.stopListening();
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy();
      pair.upstream?.destroy();
    }
    await closed;
  }

  /** Every connection open now stays silent for good: its dropped bytes would desynchronise the protocol. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const pair of this.pairs) pair.dead = true;
  }

  async forward(): Promise<void> {
    this.mode = 'forward';
    if (!this.server) await this.listen();
  }

  async close(): Promise<void> {
    this.mode = 'refuse';
    const closed = this.stopListening();
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    await closed;
  }

  private async listen(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** close() only calls back once every connection is gone, so callers destroy them after calling this. */
  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return server ? new Promise((resolve) => server.close(() => resolve())) : Promise.resolve();
  }

  /** A connection accepted while black-holed never reaches the server: it is held open and fed nothing. */
  private accept(client: net.Socket): void {
    const pair: Pair = { client, dead: this.mode !== 'forward' };
    this.pairs.add(pair);
    client.on('error', () => pair.upstream?.destroy());
    client.on('close', () => {
      this.pairs.delete(pair);
      pair.upstream?.destroy();
    });
    if (pair.dead) return;
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    client.on('data', (chunk) => {
      if (!pair.dead) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!pair.dead) client.write(chunk);
    });
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
  }
}
