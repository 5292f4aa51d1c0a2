-- Automated texts for appointments (confirmation, reminder, thank-you).
--
-- An appointment's texts say its start, pet and service. When staff change any of those the appointment gets a
-- new `revision`: texts not yet sent for the old one are cancelled and the scheduler makes new ones that say
-- the right thing. "Has this text been made?" is answered by automation_texts: one row per automated message,
-- written by a trigger in the same statement that inserts the message, and UNIQUE per appointment, automation
-- and revision, so no text is ever made twice, even across a restart or a crash between two steps.

ALTER TABLE appointments ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
-- When the current revision began (the booking, or the last change to start, pet or service).
ALTER TABLE appointments ADD COLUMN revised_at INTEGER;
-- The revision a confirmation is wanted for: set when the booking or change happened while confirmations
-- were on, so turning the rule on later does not text every appointment already on the books.
ALTER TABLE appointments ADD COLUMN confirm_revision INTEGER;
ALTER TABLE appointments ADD COLUMN checked_in_at INTEGER;
ALTER TABLE appointments ADD COLUMN checked_out_at INTEGER;
ALTER TABLE appointments ADD COLUMN cancelled_at INTEGER;
-- Set at check-out when thank-yous were on then.
ALTER TABLE appointments ADD COLUMN thank_you_wanted INTEGER NOT NULL DEFAULT 0 CHECK (thank_you_wanted IN (0, 1));

CREATE INDEX appointments_by_status_start ON appointments (status, starts_at);

CREATE TABLE automation_texts (
  message_id INTEGER PRIMARY KEY REFERENCES messages (id),
  appointment_id INTEGER NOT NULL REFERENCES appointments (id),
  automation TEXT NOT NULL CHECK (automation IN ('confirmation', 'reminder', 'thank_you')),
  revision INTEGER NOT NULL,
  UNIQUE (appointment_id, automation, revision)
) STRICT;

-- A second text for the same appointment, automation and revision fails here, and with it the whole insert.
CREATE TRIGGER automation_texts_record AFTER INSERT ON messages
WHEN NEW.appointment_id IS NOT NULL AND NEW.automation IS NOT NULL
BEGIN
  INSERT INTO automation_texts (message_id, appointment_id, automation, revision)
  VALUES (NEW.id, NEW.appointment_id, NEW.automation,
    coalesce((SELECT revision FROM appointments WHERE id = NEW.appointment_id), 1));
END;

-- Automated texts written before this migration belong to their appointment's first revision.
INSERT OR IGNORE INTO automation_texts (message_id, appointment_id, automation, revision)
SELECT id, appointment_id, automation, 1 FROM messages
WHERE appointment_id IS NOT NULL AND automation IS NOT NULL
ORDER BY id;
