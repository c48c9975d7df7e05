-- An officer's full name, as decision letters sign them (empty until an admin records it).
ALTER TABLE users ADD COLUMN full_name TEXT NOT NULL DEFAULT '';
