import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import { loadConfig } from 'cognito-local/lib/server/config';
import { Router } from 'cognito-local/lib/server/Router';
import { createServer, type Server } from 'cognito-local/lib/server/server';
import type { Services } from 'cognito-local/lib/services';
import { DateClock } from 'cognito-local/lib/services/clock';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService';
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb';
import { otp } from 'cognito-local/lib/services/otp';
import { JwtTokenGenerator } from 'cognito-local/lib/services/tokenGenerator';
import type { Triggers } from 'cognito-local/lib/services/triggers';
import { UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService';
import { MailboxMessages } from './mailbox-messages';

const noTrigger = (): Promise<never> =>
  Promise.reject(new Error('Lambda triggers are not configured in the local stack'));

/**
 * No Lambda triggers locally: this also keeps aws-sdk v2 (cognito-local's Lambda and KMS
 * clients, 100 MB and a deprecation notice) from ever being loaded.
 */
const noTriggers: Triggers = {
  enabled: () => false,
  customMessage: noTrigger,
  customEmailSender: noTrigger,
  postAuthentication: noTrigger,
  postConfirmation: noTrigger,
  preSignUp: noTrigger,
  preTokenGeneration: noTrigger,
  userMigration: noTrigger,
};

/** pino as cognito-local itself resolves it (a dependency of cognito-local, not of ours). */
const quietLogger = (): Logger => {
  const requireFromCognito = createRequire(createRequire(import.meta.url).resolve('cognito-local'));
  const pino = requireFromCognito('pino') as (options: { level: string }) => Logger;
  return pino({ level: 'warn' });
};

/**
 * cognito-local's `createDefaultServer` (lib/server/defaults.js of 5.3.0) with two changes:
 * messages go to the local mailbox instead of the console, and triggers are off. Data and config
 * live under `./.cognito` of the working directory, as in the original.
 */
export const createMailboxServer = async (mailboxDir: string): Promise<Server> => {
  const logger = quietLogger();
  const ctx = { logger };
  const configDirectory = '.cognito';
  const dataDirectory = `${configDirectory}/db`;
  const config = await loadConfig(ctx, new StormDBDataStoreFactory(configDirectory));
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(dataDirectory);
  const cognitoServiceFactory = new CognitoServiceFactoryImpl(
    dataDirectory,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  );
  const cognito = await cognitoServiceFactory.create(ctx, config.UserPoolDefaults);
  const services: Services = {
    clock,
    cognito,
    config,
    messages: new MailboxMessages(mailboxDir),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, noTriggers, config.TokenConfig),
    triggers: noTriggers,
  };
  return createServer(Router(services), logger, config.ServerConfig, services);
};
