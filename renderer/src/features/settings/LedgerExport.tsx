import { useEffect, useState } from 'react';
import { call } from '../../api';
import { Button } from '../../components/Button';

interface Exported {
  filePath: string;
  rowCount: number;
  url: string;
  fileName: string;
}

/**
 * The consent ledger as CSV for an audit: the desk saves a copy in its data folder (path shown) and the screen
 * offers the same file as a download.
 */
export function LedgerExport() {
  const [exported, setExported] = useState<Exported | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A download link holds its file in memory until it is let go.
  useEffect(() => {
    const url = exported?.url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [exported?.url]);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await call('consent.exportLedger', {});
      const url = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }));
      const fileName = result.filePath.split(/[\\/]/).pop() || 'consent-ledger.csv';
      setExported({ filePath: result.filePath, rowCount: result.rowCount, url, fileName });
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-row">
      <div>
        <p className="settings-row-title">Consent ledger</p>
        <p className="field-hint">
          Every change of consent with its time, source, exact words and staff member, for an audit.
        </p>
        <div role="status" className="export-result">
          {exported && (
            <>
              <p className="check-ok">
                Saved {exported.rowCount.toLocaleString('en-US')} {exported.rowCount === 1 ? 'row' : 'rows'}{' '}
                to <code className="file-path">{exported.filePath}</code>
              </p>
              <a className="download-link" href={exported.url} download={exported.fileName}>
                Download {exported.fileName}
              </a>
            </>
          )}
        </div>
        {error && (
          <p role="alert" className="action-refused">
            {error}
          </p>
        )}
      </div>
      <Button onClick={() => void run()} disabled={busy}>
        Export consent ledger (CSV)
      </Button>
    </div>
  );
}
