import path from 'node:path';
import { parseArgs } from 'node:util';

export interface WebArgs {
  port: number;
  dataDir: string;
  empty: boolean;
  demoPort: number;
}

export const WEB_USAGE = `Usage: npm run web -- [--port N] [--data DIR] [--empty] [--demo-port M]

  --port N       port on 127.0.0.1 for the desk (default 0: any free port)
  --data DIR     folder for the desk's database (default .data)
  --empty        do not add demo clients to a new database
  --demo-port M  port for the demo carrier when there are no credentials (default 0: any free port)`;

export type ParsedWebArgs = { ok: true; args: WebArgs } | { ok: false; help: boolean; message: string };

/** Parses and checks `npm run web` arguments; a mistake comes back as a message, never a throw. */
export function parseWebArgs(argv: string[], cwd: string = process.cwd()): ParsedWebArgs {
  let values: { port?: string; data?: string; empty?: boolean; 'demo-port'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        empty: { type: 'boolean' },
        'demo-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { ok: false, help: false, message: (error as Error).message };
  }
  if (values.help) return { ok: false, help: true, message: WEB_USAGE };

  const port = parsePort(values.port, '--port');
  if (typeof port === 'string') return { ok: false, help: false, message: port };
  const demoPort = parsePort(values['demo-port'], '--demo-port');
  if (typeof demoPort === 'string') return { ok: false, help: false, message: demoPort };
  if (port !== 0 && port === demoPort) {
    return { ok: false, help: false, message: '--port and --demo-port must differ.' };
  }
  const data = values.data ?? '.data';
  if (data.trim().length === 0) return { ok: false, help: false, message: '--data needs a folder name.' };

  return {
    ok: true,
    args: { port, demoPort, dataDir: path.resolve(cwd, data), empty: values.empty ?? false },
  };
}

function parsePort(raw: string | undefined, flag: string): number | string {
  if (raw === undefined) return 0;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    return `${flag} must be a whole number from 0 to 65535 (got "${raw}").`;
  }
  return Number(raw);
}
