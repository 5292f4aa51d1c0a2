import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe on what the page shows now and fails on any serious or critical violation, naming each. */
export async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect(serious, `axe on the ${screen} screen`).toEqual([]);
  // An empty list is only meaningful if axe looked at something.
  expect(results.passes.length, `axe checked rules on the ${screen} screen`).toBeGreaterThan(0);
}
