-- Search by what agents actually type (issue 18, m5).
-- A number's digits reversed ("+79163691154" -> "45119636197"), so "the number ends in 11-54" is a
-- prefix range on an index instead of a scan of every number. COLLATE "C": byte order, as the range needs.
ALTER TABLE customer_phones ADD COLUMN digits_rev TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE customer_phones SET digits_rev = reverse(substr(e164, 2));
CREATE INDEX customer_phones_digits_rev ON customer_phones(digits_rev, customer_id);
-- An e-mail's part before the "@": "ivanov" finds ivanov@example.ru.
ALTER TABLE customer_emails ADD COLUMN local_part TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE customer_emails SET local_part = split_part(email, '@', 1) WHERE position('@' IN email) > 0;
CREATE INDEX customer_emails_local_part ON customer_emails(local_part, customer_id);
-- Each name key's Latin search key (util/translit.h): "Smirnova" finds Смирнова. Computed by the program
-- (the same function as on every write) right after this file runs, for the rows already stored.
ALTER TABLE customer_name_keys ADD COLUMN latin_key TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX customer_name_keys_latin ON customer_name_keys(latin_key, customer_id);
