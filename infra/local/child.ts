/**
 * Shutdown wiring for the local stack's own child processes (sqs, cognito): close the server on
 * SIGTERM/SIGINT, and also when the launcher disappears. The supervisor gives each child a stdin
 * pipe and `LOCAL_PARENT_PIPE=1`; that pipe ends when the launcher dies, even by SIGKILL, so no
 * emulator outlives it. Run by hand (no such variable), stdin is left alone.
 */
export const closeOnShutdown = (close: () => Promise<unknown>): void => {
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(1), 4_000);
    force.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  if (process.env.LOCAL_PARENT_PIPE === '1') {
    process.stdin.once('end', shutdown);
    process.stdin.once('close', shutdown);
    process.stdin.resume();
  }
};

/** A required port number from the environment; fails loudly when it is absent or malformed. */
export const portFromEnv = (name: string): number => {
  const raw = process.env[name];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${name} must be a port number, got ${JSON.stringify(raw)}`);
  }
  return port;
};
