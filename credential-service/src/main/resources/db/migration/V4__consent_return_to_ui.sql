-- A consent started from the admin UI returns there (with the outcome) instead of ending on the callback's own page.
ALTER TABLE consent_state ADD COLUMN return_to_ui BOOLEAN NOT NULL DEFAULT FALSE;
