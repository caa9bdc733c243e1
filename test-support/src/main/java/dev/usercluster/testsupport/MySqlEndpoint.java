package dev.usercluster.testsupport;

/**
 * Where the tests' MySQL is and how to log in.
 *
 * @param url the JDBC URL, naming a database the tests may use
 * @param username the user name
 * @param password the password
 */
record MySqlEndpoint(String url, String username, String password) {
}
