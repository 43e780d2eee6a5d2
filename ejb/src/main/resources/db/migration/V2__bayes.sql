-- Placeholder replaced by the statistical classifier's token store schema.
CREATE TABLE bayes_placeholder (id INT NOT NULL PRIMARY KEY);
