-- Accounts. name is the display form as registered (NFC); name_key is NFC lower-cased
-- with Locale.ROOT and makes names unique without regard to case. Both use a binary
-- collation so that uniqueness and keyset order are by exact code points, the same on
-- MySQL and MariaDB. Lower-casing can lengthen a name (U+0130 becomes two code points),
-- hence the wider name_key.
CREATE TABLE users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    name          VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    name_key      VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_users_name_key UNIQUE (name_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
