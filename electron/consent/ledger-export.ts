/** The consent ledger as CSV for an audit: every change, the exact text involved, who and when (with zone). */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open';

const HEADER = [
  'number',
  'clients',
  'from_state',
  'to_state',
  'source',
  'text_or_reason',
  'message_text',
  'staff',
  'time',
  'time_zone',
] as const;

export function ledgerCsv(db: Db, timeZone: string): { csv: string; rowCount: number } {
  const rows = db
    .prepare(
      `SELECT e.e164, e.from_state, e.to_state, e.source, e.reason, e.staff_name, e.at, m.body AS message_text,
              (SELECT group_concat(c.first_name || ' ' || c.last_name, '; ') FROM phones p
               JOIN clients c ON c.id = p.client_id WHERE p.e164 = e.e164) AS clients
       FROM consent_events e LEFT JOIN messages m ON m.id = e.message_id
       ORDER BY e.id`,
    )
    .all() as {
    e164: string;
    from_state: string;
    to_state: string;
    source: string;
    reason: string;
    staff_name: string | null;
    at: number;
    message_text: string | null;
    clients: string | null;
  }[];
  const lines = [HEADER.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.e164,
        row.clients ?? '',
        row.from_state,
        row.to_state,
        row.source,
        row.reason,
        row.message_text ?? '',
        row.staff_name ?? '',
        zonedTimestamp(row.at, timeZone),
        timeZone,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rowCount: rows.length };
}

export function writeLedgerExport(db: Db, dataDir: string, timeZone: string, now: number) {
  const { csv, rowCount } = ledgerCsv(db, timeZone);
  const dir = path.join(dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const filePath = path.join(dir, `consent-ledger-${stamp}.csv`);
  // Byte-order mark so spreadsheet programs read accents and emoji as UTF-8.
  fs.writeFileSync(filePath, `\uFEFF${csv}`, 'utf8');
  return { filePath, rowCount, csv };
}

/**
 * RFC 4180 quoting. A leading = + - @ is prefixed with ' so a spreadsheet never runs a client's text as a
 * formula; an E.164 number is left as it is (it is digits, and the auditor needs it exact).
 */
export function csvField(value: string): string {
  const formulaLike = /^[=+\-@\t\r]/.test(value) && !/^\+\d{7,15}$/.test(value);
  const safe = formulaLike ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** "2026-12-04T14:05:09-05:00": local wall time in the business's zone with its UTC offset. */
export function zonedTimestamp(at: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
