/**
 * `npm run web -- --port N --data DIR [--empty]`: the desk in browser mode. Stdout carries only the lines a
 * person (or a script) needs: where the desk is and, in demo mode, where the demo carrier is; the log goes to
 * stderr.
 */
import { parseWebArgs, WEB_USAGE } from './args';
import { startWebHost } from './host';

async function main(): Promise<void> {
  const parsed = parseWebArgs(process.argv.slice(2));
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(`${parsed.message}\n`);
      return;
    }
    process.stderr.write(`${parsed.message}\n\n${WEB_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const { port, dataDir, empty, demoPort } = parsed.args;
  const host = await startWebHost({ port, dataDir, empty, demoPort });
  // The demo line first: the "running at" line is the last thing printed, a signal that all is ready.
  if (host.demoUrl) process.stdout.write(`Demo carrier at ${host.demoUrl}\n`);
  process.stdout.write(`FrontDesk SMS is running at ${host.url}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C means "now": the database is in WAL mode with FULL sync, so nothing committed is lost.
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`Stopping FrontDesk SMS (${signal})…\n`);
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`FrontDesk SMS did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `FrontDesk SMS could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
