-- The default grouping rule (issue 4): an alert joins the open case that has an alert of the same
-- source and the same detection rule about the same principal observable (first user, else host,
-- else ip, ...) seen within the last hour. Admins edit or disable it in the web app.
INSERT INTO "grouping_rules" ("name", "priority", "enabled", "config")
VALUES (
  'Same source rule and principal observable within 1 h',
  100,
  true,
  '{"sources":[],"sameSource":true,"sameRule":true,"observableTypes":["user","host","ip","email","domain","url","sha256","sha1","md5"],"requireObservable":true,"windowMinutes":60}'::jsonb
);
