import { useState } from 'react';
import type { Client, Phone } from '../../../../shared/api/clients';
import { Button } from '../../components/Button';
import { ConsentTag } from '../../components/ConsentTag';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { SimulateReply } from '../simulate/SimulateReply';
import { SmsDialog } from '../sms/SmsDialog';
import { Thread } from '../thread/Thread';
import { useClient } from './useClient';

/** The open client's card: who they are, their pets, their numbers and each number's consent. */
export function ClientCard({ clientId }: { clientId: number }) {
  const state = useClient(clientId);
  if (state.status === 'error') {
    return (
      <div className="card card-message" role="alert">
        {state.message}
      </div>
    );
  }
  if (!state.client) {
    return (
      <div className="card card-message" aria-busy="true">
        Opening the card…
      </div>
    );
  }
  // Keyed by client: opening another card starts with its dialog closed.
  return <ClientCardView key={state.client.id} client={state.client} />;
}

function ClientCardView({ client }: { client: Client }) {
  const openEditForm = useWorkspaceStore((state) => state.openEditForm);
  const [smsOpen, setSmsOpen] = useState(false);
  const name = `${client.firstName} ${client.lastName}`.trim();
  const texting = client.phones.find((phone) => phone.isTexting) ?? client.phones[0];
  return (
    <article className="card" aria-labelledby="client-card-name" data-client-id={client.id}>
      <header className="card-header">
        <div className="card-title">
          <h2 id="client-card-name">{name}</h2>
          <p className="card-subtitle">
            {texting && (
              <span className="card-texting">
                <span className="card-texting-number">{texting.display}</span>
                <ConsentTag state={texting.consent} />
              </span>
            )}
            {client.email && <span className="card-email">{client.email}</span>}
          </p>
        </div>
        <div className="card-actions">
          <Button onClick={() => openEditForm(client)}>Edit</Button>
          <Button
            variant="primary"
            onClick={() => setSmsOpen(true)}
            disabled={client.phones.length === 0}
            title={
              client.phones.length === 0 ? 'Add a phone number with Edit to text this client' : undefined
            }
          >
            SMS
          </Button>
        </div>
      </header>

      <div className="card-columns">
        <div className="card-main">
          <Thread client={client} />
          <SimulateReply client={client} />
        </div>
        <div className="card-side">
          <section className="card-section" aria-labelledby="client-card-phones">
            <h3 id="client-card-phones">Phone numbers</h3>
            {client.phones.length === 0 ? (
              <p className="empty-note">No phone number yet. Add one with Edit to text this client.</p>
            ) : (
              <ul className="phone-list">
                {client.phones.map((phone) => (
                  <PhoneRow key={phone.id} phone={phone} />
                ))}
              </ul>
            )}
          </section>

          <section className="card-section" aria-labelledby="client-card-pets">
            <h3 id="client-card-pets">Pets</h3>
            {client.pets.length === 0 ? (
              <p className="empty-note">No pets yet.</p>
            ) : (
              <ul className="pet-list">
                {client.pets.map((pet) => (
                  <li key={pet.id} className="pet">
                    <span className="pet-name">{pet.name}</span>
                    {(pet.species || pet.breed) && (
                      <span className="pet-kind">{[pet.species, pet.breed].filter(Boolean).join(' · ')}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {client.notes && (
            <section className="card-section" aria-labelledby="client-card-notes">
              <h3 id="client-card-notes">Notes</h3>
              <p className="notes">{client.notes}</p>
            </section>
          )}
        </div>
      </div>
      {smsOpen && <SmsDialog client={client} onClose={() => setSmsOpen(false)} />}
    </article>
  );
}

function PhoneRow({ phone }: { phone: Phone }) {
  return (
    <li className="phone">
      <span className="phone-label">{phone.label}</span>
      <span className="phone-number">{phone.display}</span>
      <ConsentTag state={phone.consent} />
      {phone.isTexting && <span className="texting-badge">Texts go here</span>}
      {phone.sharedWith.length > 0 && (
        <span className="shared-note">
          Shared with {phone.sharedWith.map((other) => other.name).join(', ')}: consent is the number’s, so it
          is theirs too.
        </span>
      )}
    </li>
  );
}
