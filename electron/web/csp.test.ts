import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP, RENDERER_CSP_META } from './csp';

describe('the renderer CSP', () => {
  it('is the same in renderer/index.html as the header, less the header-only frame-ancestors', () => {
    const html = fs.readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(RENDERER_CSP_META);
    expect(RENDERER_CSP).toBe(`${RENDERER_CSP_META}; frame-ancestors 'none'`);
  });

  it('allows nothing inline and nothing remote', () => {
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-|https?:|\*/);
  });
});
