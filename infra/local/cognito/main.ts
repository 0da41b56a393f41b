import type { Server } from 'node:http';
import { closeOnShutdown, portFromEnv } from '../child';

/**
 * The Cognito stand-in: cognito-local 5.3.0 on loopback, with its mail written to the local
 * mailbox (`LOCAL_MAILBOX_DIR`). Run it with the working directory set to its data dir: pools,
 * users and config persist in `./.cognito`. cognito-local reads `PORT`/`HOST` when its config
 * module loads, so they are fixed before the dynamic import below.
 */
process.env.PORT = String(portFromEnv('PORT'));
process.env.HOST = '127.0.0.1';
const mailboxDir = process.env.LOCAL_MAILBOX_DIR;
if (mailboxDir === undefined || mailboxDir === '') {
  throw new Error('LOCAL_MAILBOX_DIR must name the local mailbox directory');
}

const { createMailboxServer } = await import('./server');
const server = (await (await createMailboxServer(mailboxDir)).start()) as Server;
console.log(`cognito-local listening on http://127.0.0.1:${process.env.PORT}`);
closeOnShutdown(
  () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
);
