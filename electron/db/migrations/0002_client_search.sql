-- Search as you type: one FTS5 row per client (rowid = client id) over names, pet names and phone digits,
-- rebuilt by triggers whenever a client, one of its pets or one of its phones changes.
--
-- Phone digits, so that any fragment of 4+ digits finds a number: the `phone` column holds the national
-- number (and, for North America, the number with its country code 1); `phone_parts` holds every shorter
-- suffix of the national number down to 4 digits. A prefix query on those suffixes ("5550"*) is a substring
-- match on the number, served by the FTS index. This is plain SQL (a recursive CTE), not a custom function,
-- so every connection (the app, the sqlite3 shell, a backup tool) keeps the index current the same way; a
-- second trigram table would have split one query into two and could not rank names and digits together.
--
-- Contentless (content=''): the client's text already lives in clients/pets; the index keeps only tokens.
-- Prefix indexes for 1-3 characters: the first keystrokes of a search would otherwise merge thousands of terms.
CREATE VIRTUAL TABLE client_search USING fts5 (
  names,
  pets,
  phone,
  phone_parts,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

-- The national number's digits: after "+1" for North America (the desk's region), after "+" otherwise
-- (other countries' code lengths vary, so their numbers are searched with the country code).
CREATE VIEW client_search_source AS
SELECT
  c.id AS client_id,
  c.first_name || ' ' || c.last_name AS names,
  (SELECT group_concat(p.name, ' ') FROM pets p WHERE p.client_id = c.id) AS pets,
  (SELECT group_concat(
      CASE WHEN substr(ph.e164, 1, 2) = '+1' THEN substr(ph.e164, 3) || ' ' || substr(ph.e164, 2)
      ELSE substr(ph.e164, 2) END, ' ')
   FROM phones ph WHERE ph.client_id = c.id) AS phone,
  (WITH RECURSIVE suffix (digits) AS (
     SELECT substr(ph.e164, CASE WHEN substr(ph.e164, 1, 2) = '+1' THEN 4 ELSE 3 END)
     FROM phones ph WHERE ph.client_id = c.id
     UNION ALL
     SELECT substr(digits, 2) FROM suffix WHERE length(digits) > 4
   )
   SELECT group_concat(digits, ' ') FROM suffix WHERE length(digits) >= 4) AS phone_parts
FROM clients c;

CREATE TRIGGER client_search_client_insert AFTER INSERT ON clients
BEGIN
  INSERT INTO client_search (rowid, names, pets, phone, phone_parts)
  SELECT client_id, names, pets, phone, phone_parts FROM client_search_source WHERE client_id = NEW.id;
END;

CREATE TRIGGER client_search_client_update AFTER UPDATE OF first_name, last_name ON clients
BEGIN
  DELETE FROM client_search WHERE rowid = OLD.id;
  INSERT INTO client_search (rowid, names, pets, phone, phone_parts)
  SELECT client_id, names, pets, phone, phone_parts FROM client_search_source WHERE client_id = NEW.id;
END;

CREATE TRIGGER client_search_client_delete AFTER DELETE ON clients
BEGIN
  DELETE FROM client_search WHERE rowid = OLD.id;
END;

CREATE TRIGGER client_search_pet_insert AFTER INSERT ON pets
BEGIN
  DELETE FROM client_search WHERE rowid = NEW.client_id;
  INSERT INTO client_search (rowid, names, pets, phone, phone_parts)
  SELECT client_id, names, pets, phone, phone_parts FROM client_search_source WHERE client_id = NEW.client_id;
END;

CREATE TRIGGER client_search_pet_update AFTER UPDATE OF client_id, name ON pets
BEGIN
  DELETE FROM client_search WHERE rowid IN (OLD.client_id, NEW.client_id);
  INSERT INTO client_search (rowid, names, pets, phone, phone_parts)
  SELECT client_id, names, pets, phone, phone_parts FROM client_search_source
  WHERE client_id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER client_search_pet_delete AFTER DELETE ON pets
BEGIN
  DELETE FROM client_search WHERE rowid = OLD.client_id;
  INSERT INTO client_search (rowid, names, pets, phone, phone_parts)
  SELECT client_id, names, pets, phone, phone_parts FROM client_search_source WHERE client_id = OLD.client_id;
END;

CREATE TRIGGER client_search_phone_insert AFTER INSERT ON phones
BEGIN
  DELETE FROM client_search WHERE rowid = NEW.client_id;
  INSERT INTO client_search (rowid, names, pets, phone, phone_parts)
  SELECT client_id, names, pets, phone, phone_parts FROM client_search_source WHERE client_id = NEW.client_id;
END;

CREATE TRIGGER client_search_phone_update AFTER UPDATE OF client_id, e164 ON phones
BEGIN
  DELETE FROM client_search WHERE rowid IN (OLD.client_id, NEW.client_id);
  INSERT INTO client_search (rowid, names, pets, phone, phone_parts)
  SELECT client_id, names, pets, phone, phone_parts FROM client_search_source
  WHERE client_id IN (OLD.client_id, NEW.client_id);
END;

CREATE TRIGGER client_search_phone_delete AFTER DELETE ON phones
BEGIN
  DELETE FROM client_search WHERE rowid = OLD.client_id;
  INSERT INTO client_search (rowid, names, pets, phone, phone_parts)
  SELECT client_id, names, pets, phone, phone_parts FROM client_search_source WHERE client_id = OLD.client_id;
END;

-- Clients written before this migration.
INSERT INTO client_search (rowid, names, pets, phone, phone_parts)
SELECT client_id, names, pets, phone, phone_parts FROM client_search_source;

-- Consent guards. Migration 1 refused only UPDATE and DELETE that moved last_event_id, which still let a
-- direct INSERT (or INSERT OR REPLACE, which deletes without firing delete triggers) set any state, and an
-- UPDATE change the state while keeping last_event_id. The consents row must always equal the number's latest
-- ledger row; the ledger's own trigger writes exactly that, anything else is refused.
DROP TRIGGER consents_refuse_direct_write;

CREATE TRIGGER consents_refuse_direct_insert BEFORE INSERT ON consents
WHEN NOT EXISTS (
  SELECT 1 FROM consent_events e
  WHERE e.id = NEW.last_event_id AND e.e164 = NEW.e164 AND e.to_state = NEW.state AND e.at = NEW.updated_at
    AND e.id = (SELECT max(id) FROM consent_events WHERE e164 = NEW.e164)
)
BEGIN
  SELECT RAISE(ABORT, 'consent state changes only through the consent ledger');
END;

CREATE TRIGGER consents_refuse_direct_update BEFORE UPDATE ON consents
WHEN NOT EXISTS (
  SELECT 1 FROM consent_events e
  WHERE e.id = NEW.last_event_id AND e.e164 = NEW.e164 AND e.to_state = NEW.state AND e.at = NEW.updated_at
    AND e.id = (SELECT max(id) FROM consent_events WHERE e164 = NEW.e164)
)
BEGIN
  SELECT RAISE(ABORT, 'consent state changes only through the consent ledger');
END;

-- INSERT OR REPLACE with an existing id would silently swap a ledger row (REPLACE fires no delete trigger).
CREATE TRIGGER consent_events_refuse_replace BEFORE INSERT ON consent_events
WHEN EXISTS (SELECT 1 FROM consent_events WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'consent ledger is append-only: a row cannot be changed');
END;
