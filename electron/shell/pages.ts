/**
 * Where the app's own pages live: the privileged `app://desk` scheme, serving the built renderer (not file://,
 * whose origin is opaque and would let any local file count as the app). Anything else is not the app.
 * (`electron-vite dev` is not supported: its hot-reload preamble is an inline script, which the CSP forbids.)
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface AppPages {
  /** What the window loads. */
  entryUrl: string;
  /** True for a URL of the app's own pages. */
  isAppUrl(url: string): boolean;
}

export function appPages(): AppPages {
  return {
    entryUrl: `${APP_ORIGIN}/index.html`,
    isAppUrl(url) {
      try {
        const parsed = new URL(url);
        // A custom scheme's URL has origin "null" in WHATWG terms; compare scheme and host instead.
        return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
      } catch {
        return false;
      }
    },
  };
}
