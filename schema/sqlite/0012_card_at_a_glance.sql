-- What the operator's card shows at a glance (issue 18).
-- An entry the program wrote into the timeline, as a template and its values (JSON), so every screen
-- shows it in its own language and clock; '' for what an agent typed.
ALTER TABLE interactions ADD COLUMN details TEXT NOT NULL DEFAULT '';
-- The note pinned on top of the customer's card ("say this first", VIP, legal).
ALTER TABLE customers ADD COLUMN pinned_note TEXT NOT NULL DEFAULT '';
-- What to say with an offer: the pitch, price and conditions, from the offer's source.
ALTER TABLE offers ADD COLUMN script TEXT NOT NULL DEFAULT '';
-- The order's ISO 4217 currency; '' for orders stored before it was kept (read as the centre's currency).
ALTER TABLE orders ADD COLUMN currency TEXT NOT NULL DEFAULT '';
