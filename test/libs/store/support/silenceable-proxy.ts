import net from 'node:net';

/**
 * A TCP proxy in front of a PostgreSQL server that can go silent: it then keeps every connection open and forwards
 * nothing, as a server (or the network to it) that stopped answering mid-session would. TCP itself stays healthy, so
 * only a client-side timeout can notice.
 */
export class SilenceableProxy {
  private readonly sockets = new Set<net.Socket>();
  private silent = false;

  private constructor(
    private readonly server: net.Server,
    /** The database URL it was started for, pointing at the proxy. */
    readonly url: string,
  ) {}

  static async start(databaseUrl: string): Promise<SilenceableProxy> {
    const target = new URL(databaseUrl);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxied = new URL(databaseUrl);
    proxied.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const proxy = new SilenceableProxy(server, proxied.toString());
    server.on('connection', (client) => proxy.forward(client, net.connect(Number(target.port || 5432), target.hostname)));
    return proxy;
  }

  /** From now on nothing gets through, in either direction. */
  goSilent(): void {
    this.silent = true;
  }

  /** Forwards again; what was dropped stays dropped, so only new connections are of use. */
  resume(): void {
    this.silent = false;
  }

  /** Closes every connection the orderly way (FIN, no reset), as a server going away would. */
  hangUp(): void {
    for (const socket of this.sockets) socket.end();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private forward(client: net.Socket, upstream: net.Socket): void {
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ]) {
      this.sockets.add(from);
      from.on('data', (chunk) => {
        if (!this.silent) to.write(chunk);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}
