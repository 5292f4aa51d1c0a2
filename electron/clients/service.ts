/**
 * Creating, editing and reading clients. Each write is one transaction: a refused number or a pet that cannot
 * go leaves the client exactly as it was. Cards of every client sharing a changed number are told to refresh
 * after the commit, since the household's cards show each other.
 */
import type { Client } from '../../shared/api/clients';
import { DeskError } from '../../shared/errors';
import type { Clock } from '../core/clock';
import type { DeskEvents } from '../core/events';
import type { Db } from '../db/open';
import {
  clientExists,
  clientsSharing,
  insertClient,
  loadClient,
  numbersOf,
  updateClient as writeUpdate,
} from './repository';
import { prepareClient, type ClientFields } from './validate';

export interface ClientsDeps {
  db: Db;
  clock: Pick<Clock, 'now'>;
  /** Absent when the caller batches many writes in its own transaction (seeding) and tells no one. */
  events?: DeskEvents;
}

export function createClient(deps: ClientsDeps, fields: ClientFields): Client {
  const prepared = prepareClient(fields);
  const { clientId, touched } = deps.db.transaction(() => {
    const id = insertClient(deps.db, prepared, deps.clock.now());
    return { clientId: id, touched: clientsSharing(deps.db, numbersOf(deps.db, id), id) };
  })();
  announce(deps, [clientId, ...touched]);
  return getClient(deps.db, clientId);
}

export function updateClient(deps: ClientsDeps, clientId: number, fields: ClientFields): Client {
  const prepared = prepareClient(fields);
  const touched = deps.db.transaction(() => {
    if (!clientExists(deps.db, clientId)) throw notFound(clientId);
    const before = numbersOf(deps.db, clientId);
    writeUpdate(deps.db, clientId, prepared, deps.clock.now());
    return clientsSharing(deps.db, [...before, ...numbersOf(deps.db, clientId)], clientId);
  })();
  announce(deps, [clientId, ...touched]);
  return getClient(deps.db, clientId);
}

export function getClient(db: Db, clientId: number): Client {
  const client = loadClient(db, clientId);
  if (!client) throw notFound(clientId);
  return client;
}

function notFound(clientId: number): DeskError {
  return new DeskError('not_found', `No client with id ${clientId}; it may have been removed.`, 'clientId');
}

function announce(deps: ClientsDeps, clientIds: number[]): void {
  for (const clientId of new Set(clientIds)) deps.events?.emit('client.changed', { clientId });
}
