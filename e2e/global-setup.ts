import fs from 'node:fs';
import { CHROMIUM, installedElectronBinary } from './electron-binary';

/** Runs once per `playwright test`: says plainly what will not run here, and fails early on what must. */
export default function globalSetup(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`End-to-end tests need Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
  }
  if (!fs.existsSync(new URL('../out/renderer/index.html', import.meta.url))) {
    throw new Error('The screens are not built: run `npm run build:renderer` (npm run test:e2e does it).');
  }
  if (!installedElectronBinary()) {
    console.log('Electron end-to-end test not run: no Electron binary on this machine');
  }
}
