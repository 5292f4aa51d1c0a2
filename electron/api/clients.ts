import { createClient, getClient, updateClient } from '../clients/service';
import { searchClients } from '../clients/search';
import type { DeskContext } from '../desk';
import type { Handlers } from './dispatch';

type ClientsHandlers = Pick<Handlers, 'clients.search' | 'clients.get' | 'clients.create' | 'clients.update'>;

/** The clients area of the API; needs only the database, the clock and the event bus. */
export function clientsHandlers(context: Pick<DeskContext, 'db' | 'clock' | 'events'>): ClientsHandlers {
  return {
    'clients.search': ({ query, limit }) => searchClients(context.db, query, limit),
    'clients.get': ({ clientId }) => getClient(context.db, clientId),
    'clients.create': (input) => createClient(context, input),
    'clients.update': ({ clientId, ...fields }) => updateClient(context, clientId, fields),
  };
}
