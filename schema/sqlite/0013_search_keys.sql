-- Search by what agents actually type (issue 18, m5).
-- A number's digits reversed ("+79163691154" -> "45119636197"), so "the number ends in 11-54" is a
-- prefix range on an index instead of a scan of every number.
ALTER TABLE customer_phones ADD COLUMN digits_rev TEXT NOT NULL DEFAULT '';
-- SQLite has no reverse(): the digits after the "+" are read backwards one by one.
UPDATE customer_phones SET digits_rev = (
  WITH RECURSIVE r(i, s) AS (
    SELECT length(customer_phones.e164), ''
    UNION ALL SELECT i - 1, s || substr(customer_phones.e164, i, 1) FROM r WHERE i > 1)
  SELECT s FROM r WHERE i = 1);
CREATE INDEX customer_phones_digits_rev ON customer_phones(digits_rev, customer_id);
-- An e-mail's part before the "@": "ivanov" finds ivanov@example.ru.
ALTER TABLE customer_emails ADD COLUMN local_part TEXT NOT NULL DEFAULT '';
UPDATE customer_emails SET local_part = substr(email, 1, instr(email, '@') - 1) WHERE instr(email, '@') > 0;
CREATE INDEX customer_emails_local_part ON customer_emails(local_part, customer_id);
-- Each name key's Latin search key (util/translit.h): "Smirnova" finds Смирнова. Computed by the program
-- (the same function as on every write) right after this file runs, for the rows already stored.
ALTER TABLE customer_name_keys ADD COLUMN latin_key TEXT NOT NULL DEFAULT '';
CREATE INDEX customer_name_keys_latin ON customer_name_keys(latin_key, customer_id);
