import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { kmsRequestListener } from './http-handler';
import { KeyStore } from './key-store';

/** How to run the local KMS. */
export interface KmsServerOptions {
  /** TCP port; 0 picks a free one (read it back from the result). */
  readonly port: number;
  /** Loopback address to bind; default 127.0.0.1. Non-loopback hosts are refused. */
  readonly host?: string | undefined;
  /** JSON file holding key material and aliases (mode 0600); omitted: in memory only. */
  readonly dataFile?: string | undefined;
  /** Region in the key and alias ARNs; default us-east-1. */
  readonly region?: string | undefined;
}

/** A running local KMS. */
export interface KmsServer {
  /** Base URL for `endpoint` or `AWS_ENDPOINT_URL_KMS`, e.g. `http://127.0.0.1:4599`. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops accepting requests, waits for pending ones and for the data file to be written. */
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

/**
 * Starts a KMS-compatible endpoint (awsJson1_1, the protocol of `@aws-sdk/client-kms`) so the
 * unmodified SDK works locally through `endpoint` or `AWS_ENDPOINT_URL_KMS`. It binds loopback
 * only: it accepts any credentials, so it must never be reachable from another machine.
 */
export async function startKmsServer(options: KmsServerOptions): Promise<KmsServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    throw new Error(`The local KMS binds loopback only; refusing host ${host}`);
  }
  const store = await KeyStore.open({
    region: options.region ?? 'us-east-1',
    dataFile: options.dataFile,
  });
  const server = createServer(kmsRequestListener(store));
  await listen(server, options.port, host);
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    async close() {
      await stop(server);
      await store.flush();
    },
  };
}
