package dev.usercluster.systemtests.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.usercluster.embedded.Ports;

/**
 * Debian's ZooKeeper server ({@code /usr/share/java/zookeeper.jar}) as a process of its
 * own on 127.0.0.1: standalone, or one member of an ensemble made by
 * {@link #ensemble(Path, int)}. Its AdminServer stays off (it would take port 8080) and
 * every four-letter word is allowed, so tests can read {@code srvr}, {@code cons} and
 * {@code dump}. A short tick (500 ms) lets clients ask for sessions as short as 1 s.
 */
public class ZooKeeperProcess extends ManagedProcess {

	/**
	 * Debian's jar names its dependencies in its manifest; slf4j-simple gives it a log.
	 */
	private static final String CLASSPATH = "/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar";

	private static final int TICK_MILLIS = 500;

	private final int id;

	private final Member self;

	private final List<Member> members;

	/** One server of an ensemble: its id and ports. */
	public record Member(int id, int clientPort, int quorumPort, int electionPort) {

		static Member onFreePorts(int id) {
			return new Member(id, Ports.free(), Ports.free(), Ports.free());
		}

	}

	private ZooKeeperProcess(Path directory, Member self, List<Member> members) {
		super("zookeeper-" + self.id(), directory);
		this.id = self.id();
		this.self = self;
		this.members = List.copyOf(members);
	}

	/**
	 * A standalone server.
	 * @param directory its data folder
	 * @return the server, not started
	 */
	public static ZooKeeperProcess standalone(Path directory) {
		Member self = Member.onFreePorts(1);
		return new ZooKeeperProcess(directory, self, List.of(self));
	}

	/**
	 * The members of an ensemble, each in its own folder under {@code directory}. Launch
	 * them all ({@link #launch()}) before awaiting any: a member serves only once a
	 * quorum has formed.
	 * @param directory parent of the members' folders
	 * @param size how many members
	 * @return the members, not started
	 */
	public static List<ZooKeeperProcess> ensemble(Path directory, int size) {
		List<Member> members = new ArrayList<>();
		for (int id = 1; id <= size; id++) {
			members.add(Member.onFreePorts(id));
		}
		return members.stream()
			.map((member) -> new ZooKeeperProcess(directory.resolve("zookeeper-" + member.id()), member, members))
			.toList();
	}

	/**
	 * The connect string of every member of this server's ensemble.
	 * @return {@code host:port,...}
	 */
	public String connectString() {
		return this.members.stream()
			.map((member) -> "127.0.0.1:" + member.clientPort())
			.collect(Collectors.joining(","));
	}

	public int clientPort() {
		return this.self.clientPort();
	}

	@Override
	protected List<String> command() {
		Path config = directory().resolve("zoo.cfg");
		List<String> lines = new ArrayList<>(List.of("tickTime=" + TICK_MILLIS, "initLimit=20", "syncLimit=10",
				"dataDir=" + directory().resolve("data"), "clientPort=" + this.self.clientPort(),
				"clientPortAddress=127.0.0.1", "admin.enableServer=false", "4lw.commands.whitelist=*",
				"maxClientCnxns=0"));
		if (this.members.size() > 1) {
			this.members.forEach((member) -> lines.add("server." + member.id() + "=127.0.0.1:" + member.quorumPort()
					+ ":" + member.electionPort() + ";127.0.0.1:" + member.clientPort()));
		}
		try {
			Files.createDirectories(directory().resolve("data"));
			Files.writeString(directory().resolve("data").resolve("myid"), Integer.toString(this.id));
			Files.write(config, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return List.of("java", "-Xmx256m", "-Dzookeeper.admin.enableServer=false", "-cp", CLASSPATH,
				"org.apache.zookeeper.server.quorum.QuorumPeerMain", config.toString());
	}

	/** Serving clients: standalone, leader or follower. */
	@Override
	protected boolean isReady() {
		return fourLetterWord("srvr").contains("Mode: ");
	}

	/**
	 * The server's role now, from {@code srvr}.
	 * @return {@code standalone}, {@code leader} or {@code follower}, or empty when it
	 * does not serve
	 */
	public String mode() {
		return fourLetterWord("srvr").lines()
			.filter((line) -> line.startsWith("Mode: "))
			.map((line) -> line.substring("Mode: ".length()).trim())
			.findFirst()
			.orElse("");
	}

	/**
	 * The answer to a four-letter word ({@code srvr}, {@code cons}, {@code dump}...).
	 * @param word the command
	 * @return the server's answer, empty when it does not answer
	 */
	public String fourLetterWord(String word) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.self.clientPort()), 1000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write(word.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	protected Duration startupWait() {
		return Duration.ofSeconds(30);
	}

}
