-- The desk's first schema. Times are integer milliseconds since the Unix epoch (UTC).

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL -- JSON
) STRICT;

CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL -- JSON
) STRICT;

CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE pets (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  species TEXT NOT NULL DEFAULT '',
  breed TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX pets_by_client ON pets (client_id);

CREATE TABLE phones (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT 'mobile',
  e164 TEXT NOT NULL CHECK (e164 GLOB '+[1-9]*' AND length(e164) BETWEEN 8 AND 16),
  is_texting INTEGER NOT NULL DEFAULT 0 CHECK (is_texting IN (0, 1)),
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (client_id, e164)
) STRICT;
CREATE INDEX phones_by_e164 ON phones (e164);

-- Current consent per number. Written only by the trigger on consent_events below, so the state is always
-- the last ledger row's to_state and the two can never disagree.
CREATE TABLE consents (
  e164 TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('unknown', 'pending', 'opted_in', 'opted_out')),
  updated_at INTEGER NOT NULL,
  last_event_id INTEGER NOT NULL
) STRICT;

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  kind TEXT NOT NULL CHECK (kind IN ('manual', 'automated', 'opt_in_request', 'opt_in_confirmation',
    'opt_out_confirmation', 'help_reply', 'inbound')),
  status TEXT NOT NULL CHECK (status IN ('held', 'queued', 'sending', 'sent', 'delivered', 'failed', 'blocked',
    'cancelled', 'expired', 'received')),
  e164 TEXT NOT NULL,            -- the client's side: "to" for outbound, "from" for inbound
  business_number TEXT NOT NULL, -- our side
  body TEXT NOT NULL,
  client_id INTEGER REFERENCES clients (id),
  appointment_id INTEGER REFERENCES appointments (id),
  automation TEXT CHECK (automation IN ('confirmation', 'reminder', 'thank_you')),
  origin TEXT NOT NULL CHECK (origin IN ('staff', 'automation', 'system', 'client')),
  staff_name TEXT,
  classification TEXT CHECK (classification IN ('opt_out', 'opt_in', 'help', 'possible_opt_out', 'message')),
  carrier_id TEXT UNIQUE,
  error_code TEXT,
  error_reason TEXT,
  status_reason TEXT,            -- why held, blocked, cancelled or expired, in plain words
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  not_before INTEGER,            -- sending hours: not to be sent before this time
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER,
  read_at INTEGER
) STRICT;
CREATE INDEX messages_due ON messages (status, next_attempt_at);
CREATE INDEX messages_by_number ON messages (e164, id);
CREATE INDEX messages_by_client ON messages (client_id, id);
CREATE INDEX messages_by_appointment ON messages (appointment_id);

-- The consent ledger: append-only. Nothing may edit or delete a row.
CREATE TABLE consent_events (
  id INTEGER PRIMARY KEY,
  e164 TEXT NOT NULL,
  from_state TEXT NOT NULL CHECK (from_state IN ('unknown', 'pending', 'opted_in', 'opted_out')),
  to_state TEXT NOT NULL CHECK (to_state IN ('unknown', 'pending', 'opted_in', 'opted_out')),
  source TEXT NOT NULL CHECK (source IN ('reply', 'staff', 'carrier', 'import', 'automation')),
  reason TEXT NOT NULL,          -- the client's exact reply, or why staff or the carrier acted
  message_id INTEGER REFERENCES messages (id),
  staff_name TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX consent_events_by_number ON consent_events (e164, id);

CREATE TRIGGER consent_events_refuse_update BEFORE UPDATE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent ledger is append-only: a row cannot be changed');
END;

CREATE TRIGGER consent_events_refuse_delete BEFORE DELETE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent ledger is append-only: a row cannot be deleted');
END;

-- A ledger row must start from the number's current state, so replaying the ledger always gives the state.
CREATE TRIGGER consent_events_check_from BEFORE INSERT ON consent_events
WHEN NEW.from_state IS NOT coalesce((SELECT state FROM consents WHERE e164 = NEW.e164), 'unknown')
BEGIN
  SELECT RAISE(ABORT, 'consent ledger row does not start from the current state');
END;

CREATE TRIGGER consent_events_apply AFTER INSERT ON consent_events
BEGIN
  INSERT INTO consents (e164, state, updated_at, last_event_id)
  VALUES (NEW.e164, NEW.to_state, NEW.at, NEW.id)
  ON CONFLICT (e164) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
    last_event_id = excluded.last_event_id;
END;

CREATE TRIGGER consents_refuse_direct_write BEFORE UPDATE ON consents
WHEN NEW.last_event_id IS NOT (SELECT max(id) FROM consent_events WHERE e164 = NEW.e164)
BEGIN
  SELECT RAISE(ABORT, 'consent state changes only through the consent ledger');
END;

CREATE TRIGGER consents_refuse_delete BEFORE DELETE ON consents
BEGIN
  SELECT RAISE(ABORT, 'consent state changes only through the consent ledger');
END;

CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  pet_id INTEGER REFERENCES pets (id),
  service TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL CHECK (ends_at >= starts_at),
  status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'checked_out', 'cancelled')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX appointments_by_start ON appointments (starts_at);
CREATE INDEX appointments_by_client ON appointments (client_id);

-- Possible opt-outs waiting for a staff decision.
CREATE TABLE review_items (
  id INTEGER PRIMARY KEY,
  e164 TEXT NOT NULL,
  message_id INTEGER NOT NULL REFERENCES messages (id),
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  decision TEXT CHECK (decision IN ('opt_out', 'not_opt_out')),
  staff_name TEXT
) STRICT;
CREATE INDEX review_items_open ON review_items (e164) WHERE decided_at IS NULL;

-- Messages are records kept for good (a TCPA claim can reach back four years): never deleted.
CREATE TRIGGER messages_refuse_delete BEFORE DELETE ON messages
BEGIN
  SELECT RAISE(ABORT, 'messages are kept for good: a message cannot be deleted');
END;
