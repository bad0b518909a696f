-- Facts about this installation's schema; the first table every service owns.
CREATE TABLE service_info (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO service_info (name, value) VALUES ('schema', 'relay');
