import type { Session } from 'electron';
import { RENDERER_CSP } from '../web/csp';
import type { AppPages } from './pages';

/**
 * The session-wide guards: the CSP header on the app's pages (the app scheme sets it too; this keeps it there
 * should a response come through the network stack), and no permission (camera, geolocation, notifications…) granted to any page.
 */
export function applySessionPolicy(session: Session, pages: AppPages): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!pages.isAppUrl(details.url)) {
      callback({});
      return;
    }
    // Any policy the response brought is replaced, whatever the case of its header name.
    const responseHeaders: Record<string, string[]> = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    responseHeaders['Content-Security-Policy'] = [RENDERER_CSP];
    callback({ responseHeaders });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
