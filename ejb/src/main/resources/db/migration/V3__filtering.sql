-- Placeholder replaced by the filtering policy and quarantine schema.
CREATE TABLE filtering_placeholder (id INT NOT NULL PRIMARY KEY);
