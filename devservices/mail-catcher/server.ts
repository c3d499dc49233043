/**
 * Run the mail catcher on its own: `npx tsx devservices/mail-catcher/server.ts`.
 * Ports from MAIL_CATCHER_SMTP_PORT (1025) and MAIL_CATCHER_WEB_PORT (8025).
 */
import { loadConfig } from '../../config';
import { startMailCatcher } from './index';

async function main(): Promise<void> {
  const { mail } = loadConfig();
  const catcher = await startMailCatcher({ smtpPort: mail.catcherSmtpPort, webPort: mail.catcherWebPort });
  console.log(`Mail catcher: SMTP on ${catcher.smtpUrl}, messages at ${catcher.webUrl}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Mail catcher: ${signal}, closing`);
    catcher.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
