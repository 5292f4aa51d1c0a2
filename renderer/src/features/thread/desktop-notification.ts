/**
 * A system notification for a new text, only inside the Electron app (where `window.desk` exists). In browser
 * mode the in-app notice is enough: a browser tab would ask for permission, which a front desk should not face.
 */
export function notifyDesktop(title: string, body: string): void {
  if (typeof window === 'undefined' || !window.desk || typeof Notification === 'undefined') return;
  try {
    if (Notification.permission === 'granted') {
      new Notification(title, { body });
    } else if (Notification.permission === 'default') {
      void Notification.requestPermission().then((permission) => {
        if (permission === 'granted') new Notification(title, { body });
      });
    }
  } catch {
    // A notification is a courtesy; the in-app notice and the unread count still show the text.
  }
}
