-- Default exception causes (with the time the team has to handle each) and governance rules. Both are data:
-- change them with SQL, no release needed. Written once here; later migrations must not overwrite edits.
INSERT INTO "orders"."exception_causes" ("cause", "description", "sla_minutes") VALUES
  ('RISK_REVIEW', 'Order waiting for a person to review its risk', 240),
  ('ADDRESS_INVALID', 'Ship-to address the rules cannot accept', 240),
  ('BACKORDER', 'Not enough stock at the channel''s nodes: waiting for stock', 1440),
  ('ALLOCATION_FAILURE', 'Stock could not be reserved (inventory unreachable or refused)', 60),
  ('MANUAL_HOLD', 'Put on hold by a person', 1440),
  ('SLA_BREACH', 'Another exception on this order passed its due time', 60)
ON CONFLICT ("cause") DO NOTHING;
--> statement-breakpoint
INSERT INTO "orders"."decision_rules" ("code", "description", "rank", "outcome", "exception_cause", "conditions") VALUES
  ('HIGH_VALUE_RISK', 'High value (250.00 or more) with a risk signal: a person reviews it', 10, 'RISK_REVIEW', 'RISK_REVIEW',
   '{"minTotalMinor": 25000, "riskSignal": true}'),
  ('NEW_CUSTOMER_RISK', 'Risk signal on a first order from this customer: a person reviews it', 20, 'RISK_REVIEW', 'RISK_REVIEW',
   '{"riskSignal": true, "repeatCustomer": false}'),
  ('UNSERVED_COUNTRY', 'Ship-to country outside the countries served: held until corrected', 30, 'ON_HOLD', 'ADDRESS_INVALID',
   '{"countryNotIn": ["US", "CA"]}'),
  ('INVALID_POSTAL_CODE', 'Postal code not valid for the ship-to country: held until corrected', 40, 'ON_HOLD', 'ADDRESS_INVALID',
   '{"postalCodeNotMatching": {"US": "^[0-9]{5}(-[0-9]{4})?$", "CA": "^[A-Za-z][0-9][A-Za-z] ?[0-9][A-Za-z][0-9]$"}}'),
  ('REPEAT_LOW_RISK', 'Repeat customer without risk signals: released to the warehouse automatically', 100, 'AUTO_RELEASE', NULL,
   '{"repeatCustomer": true, "riskSignal": false}')
ON CONFLICT ("code") DO NOTHING;
