package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.ibm.icu.text.Normalizer2;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Re-keys every account from V1's key (NFC lower-cased with {@code Locale.ROOT}) to
 * Unicode NFKC_Casefold, the key of v1.1 ({@code dev.usercluster.api.NameKey}).
 *
 * <p>
 * It reads every row and computes the new keys first: if two accounts would share one, it
 * stops before changing anything and names them, so an operator can rename one (for
 * example {@code UPDATE users SET name = ..., name_key = ... WHERE id = ...}) and start
 * the follower again. Otherwise it widens {@code name_key} (NFKC_Casefold lengthens a
 * code point to at most 18, so 32 code points need 576) and rewrites the changed keys in
 * one transaction. Once no two new keys are equal, no new key can equal another row's old
 * key either (the old key folds to the same new key); the rewrite still goes through
 * temporary keys that no name can have ({@code ~} is not allowed in names), so the order
 * of the updates can never trip the unique index.
 *
 * <p>
 * The fold is written out here with ICU rather than by calling {@code NameKey}: a
 * released migration must keep doing what it did when the application's key moves on.
 */
public class V2__Rekey_names extends BaseJavaMigration {

	private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		List<Row> rows = readAll(connection);
		refuseCollisions(rows);
		try (Statement statement = connection.createStatement()) {
			// MySQL and MariaDB commit DDL at once; nothing has been written before it
			statement.execute("""
					ALTER TABLE users
					MODIFY name_key VARCHAR(576) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL
					""");
		}
		List<Row> changed = rows.stream().filter((row) -> !row.newKey().equals(row.oldKey())).toList();
		try (PreparedStatement update = connection.prepareStatement("UPDATE users SET name_key = ? WHERE id = ?")) {
			for (Row row : changed) {
				update.setString(1, "~rekey~" + row.id());
				update.setLong(2, row.id());
				update.addBatch();
			}
			update.executeBatch();
			for (Row row : changed) {
				update.setString(1, row.newKey());
				update.setLong(2, row.id());
				update.addBatch();
			}
			update.executeBatch();
		}
	}

	private static List<Row> readAll(Connection connection) throws SQLException {
		List<Row> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT id, name, name_key FROM users ORDER BY id")) {
			while (result.next()) {
				String name = result.getString("name");
				rows.add(new Row(result.getLong("id"), name, result.getString("name_key"),
						NFKC_CASEFOLD.normalize(name)));
			}
		}
		return rows;
	}

	private static void refuseCollisions(List<Row> rows) {
		Map<String, List<Row>> byKey = rows.stream()
			.collect(Collectors.groupingBy(Row::newKey, LinkedHashMap::new, Collectors.toList()));
		List<String> collisions = byKey.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().size() > 1)
			.map((entry) -> entry.getValue().stream().map(Row::describe).collect(Collectors.joining(", "))
					+ " would all have the key '" + entry.getKey() + "'")
			.toList();
		if (!collisions.isEmpty()) {
			throw new FlywayException("Cannot re-key user names to NFKC_Casefold; nothing was changed. Rename all but "
					+ "one account of each group, then start again: " + String.join("; ", collisions));
		}
	}

	private record Row(long id, String name, String oldKey, String newKey) {

		String describe() {
			return "id " + this.id + " '" + this.name + "'";
		}

	}

}
