-- FilterMX schema, version 5: the weights of the classifier's logistic-regression learner.
-- Portable between MariaDB 10.11+ and H2 2.x in MariaDB mode; one statement per ';'.
-- A scope is '' for the cluster-wide weights or a hosted domain's name for its own, as in
-- bayes_token. A feature is a byte 4-gram of a message's text as a number; its weight is the sum
-- of the training steps of the messages that contained it. A table of its own, not columns
-- added to bayes_token: the features are not the tokens.

CREATE TABLE bayes_weight (
    scope VARCHAR(253) NOT NULL,
    feature BIGINT NOT NULL,
    weight DOUBLE NOT NULL,
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (scope, feature)
);
-- Lets a later expiry job find weights not changed for a long time without a full scan.
CREATE INDEX ix_bayes_weight_updated ON bayes_weight (scope, updated_at);
