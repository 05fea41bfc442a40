-- fixture.sql: a small, hand-made set of invitations for the dashboard's
-- end-to-end tests, loaded with the sqlite3 tool into a database that
-- `worthit list` has just created (so the schema is the real one).
-- "Now" in these tests is 2026-03-01T09:00:00Z; TZ is America/Chicago.
-- Ids are fixed so tests can check rows by id.
PRAGMA foreign_keys = ON;
BEGIN;
INSERT INTO invitation (id, uid, title, organizer, kind, status, starts_at, ends_at,
  location, reach, travel_min, prep_min, ticket_minor, currency, expected_attendance,
  created_at, updated_at) VALUES
 (1, 'bar-breakfast', 'Bar Association Legal Tech Breakfast', 'County Bar Association',
  'breakfast', 'pending', strftime('%s','2026-03-04 14:00'), strftime('%s','2026-03-04 15:30'),
  'Hilton Downtown, Main St', 'local', 15, 15, 3500, 'USD', 40, 0, 0),
 (2, 'health-lunch', 'Healthcare IT Leaders Lunch', 'Metro Health Network',
  'lunch', 'pending', strftime('%s','2026-03-05 18:00'), strftime('%s','2026-03-05 19:30'),
  'Riverside Clinic Hall', 'local', 20, 15, 2500, 'USD', 25, 0, 0),
 (3, 'founders-mixer', 'Startup Founders Mixer', 'Founders Club',
  'meetup', 'pending', strftime('%s','2026-03-06 00:00'), strftime('%s','2026-03-06 03:00'),
  'The Loft', 'local', 25, 0, 0, 'USD', 80, 0, 0),
 (4, 'softcon', 'National Software Summit', 'SoftCon Events',
  'conference', 'pending', strftime('%s','2026-03-10 14:00'), strftime('%s','2026-03-11 23:00'),
  'Convention Center, Capital City', 'regional', 120, 60, 89900, 'USD', 2000, 0, 0),
 (5, 'chamber-coffee', 'Chamber Coffee Connect', 'Downtown Chamber of Commerce',
  'coffee', 'pending', strftime('%s','2026-03-03 15:00'), strftime('%s','2026-03-03 16:00'),
  'Bean There Cafe', 'local', 10, 0, 0, 'USD', 20, 0, 0),
 (6, 'acct-webinar', 'Accounting Firms Webinar', 'CPA Society',
  'webinar', 'pending', strftime('%s','2026-03-09 19:00'), strftime('%s','2026-03-09 20:00'),
  'online', 'virtual', 0, 0, 0, 'USD', 300, 0, 0),
 (7, 'dental-meetup', 'Dental Practice Managers Meetup', 'Dental Managers Guild',
  'meetup', 'pending', strftime('%s','2026-03-12 23:00'), strftime('%s','2026-03-13 01:00'),
  'Smile Center, Oak Ave', 'local', 15, 0, 0, 'USD', 30, 0, 0),
 (8, 're-happy-hour', 'Real Estate Investors Happy Hour', 'Property Circle',
  'meetup', 'maybe', strftime('%s','2026-03-13 23:30'), strftime('%s','2026-03-14 01:30'),
  'Harbor Bar', 'local', 30, 0, 0, 'USD', 60, 0, 0),
 (9, 'partners-lunch', 'Law Firm Partners Luncheon', 'Smith & Jones LLP',
  'lunch', 'accepted', strftime('%s','2026-03-02 18:00'), strftime('%s','2026-03-02 19:30'),
  'Capital Club', 'local', 20, 10, 0, 'USD', 12, 0, 0),
 (10, 'legal-ops', 'Legal Ops Roundtable', 'Legal Ops Network',
  'meetup', 'accepted', strftime('%s','2026-02-20 18:00'), strftime('%s','2026-02-20 20:00'),
  'Library Annex', 'local', 15, 0, 0, 'USD', 20, 0, 0),
 (11, 'crypto-night', 'Crypto Networking Night', 'Chain Gang',
  'meetup', 'declined', strftime('%s','2026-03-07 01:00'), strftime('%s','2026-03-07 04:00'),
  'Warehouse 9', 'local', 40, 0, 0, 'USD', 150, 0, 0),
 (12, 'cafe-zurich', 'Café Networking — Zürich Partners', 'Swiss Business Hub',
  'coffee', 'pending', strftime('%s','2026-03-08 15:00'), strftime('%s','2026-03-08 16:00'),
  'Café Müller', 'local', 10, 0, 0, 'USD', 15, 0, 0);
INSERT INTO audience_share (invitation_id, dimension, segment, share, second_degree) VALUES
 (1, 'industry', 'legal', 0.7, 0), (1, 'role', 'partner', 0.4, 0), (1, 'region', 'local', 0.8, 0),
 (2, 'industry', 'healthcare', 0.6, 0), (2, 'role', 'it_lead', 0.5, 0),
 (3, 'industry', 'technology', 0.6, 0), (3, 'role', 'owner', 0.5, 1),
 (4, 'industry', 'technology', 0.7, 0), (4, 'region', 'national', 0.8, 0),
 (5, 'role', 'owner', 0.5, 0), (5, 'company_size', 'small', 0.6, 0), (5, 'region', 'local', 0.9, 0),
 (6, 'industry', 'accounting', 0.8, 0),
 (7, 'industry', 'healthcare', 0.7, 0), (7, 'role', 'practice_manager', 0.6, 0),
 (8, 'industry', 'real_estate', 0.6, 0),
 (9, 'industry', 'legal', 0.9, 0), (9, 'role', 'partner', 0.8, 0),
 (12, 'role', 'partner', 0.3, 0);
COMMIT;
