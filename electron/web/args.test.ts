import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebArgs } from './args';

describe('npm run web arguments', () => {
  it('reads port, data folder and --empty', () => {
    expect(parseWebArgs(['--port', '5180', '--data', 'tmp/desk', '--empty'], '/home/desk')).toEqual({
      ok: true,
      args: { port: 5180, demoPort: 0, dataDir: path.resolve('/home/desk', 'tmp/desk'), empty: true },
    });
  });

  it('defaults to any free port and a .data folder', () => {
    expect(parseWebArgs([], '/home/desk')).toEqual({
      ok: true,
      args: { port: 0, demoPort: 0, dataDir: path.resolve('/home/desk', '.data'), empty: false },
    });
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535 (got "abc").'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535 (got "70000").'],
    [['--port=-1'], '--port must be a whole number from 0 to 65535 (got "-1").'],
    [['--demo-port', '1.5'], '--demo-port must be a whole number from 0 to 65535 (got "1.5").'],
    [['--port', '5000', '--demo-port', '5000'], '--port and --demo-port must differ.'],
    [['--data', ' '], '--data needs a folder name.'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(parseWebArgs(argv)).toEqual({ ok: false, help: false, message });
  });

  it('refuses unknown options and stray words instead of ignoring them', () => {
    const unknown = parseWebArgs(['--prot', '5000']);
    expect(unknown).toMatchObject({ ok: false, help: false });
    expect(!unknown.ok && unknown.message).toContain('--prot');
    expect(parseWebArgs(['serve'])).toMatchObject({ ok: false, help: false });
  });

  it('answers --help with the usage', () => {
    const help = parseWebArgs(['--help']);
    expect(help).toMatchObject({ ok: false, help: true });
    expect(!help.ok && help.message).toContain('--port N');
  });
});
