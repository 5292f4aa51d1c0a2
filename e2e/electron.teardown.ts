import { expect, test } from '@playwright/test';
import { ensureNativeForNode } from '../scripts/ensure-native';

test('rebuild better-sqlite3 for Node after the Electron test', () => {
  test.setTimeout(10 * 60_000);
  expect(ensureNativeForNode()).toEqual({ ok: true });
});
