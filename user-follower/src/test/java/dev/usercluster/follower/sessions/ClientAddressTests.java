package dev.usercluster.follower.sessions;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	private final ClientAddress clientAddress = new ClientAddress(
			new ClientAddressProperties(List.of("127.0.0.1", "::1")));

	@Test
	void peerAddressWithoutForwardedFor() {
		assertThat(this.clientAddress.of("192.0.2.7", List.of())).isEqualTo("192.0.2.7");
	}

	@Test
	void forwardedForOfAnUntrustedPeerIsIgnored() {
		assertThat(this.clientAddress.of("192.0.2.7", List.of("203.0.113.9"))).isEqualTo("192.0.2.7");
	}

	@Test
	void lastForwardedForEntryOfATrustedProxyIsTheClient() {
		assertThat(this.clientAddress.of("127.0.0.1", List.of("198.51.100.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
		assertThat(this.clientAddress.of("127.0.0.1", List.of("198.51.100.1", "203.0.113.9 ")))
			.isEqualTo("203.0.113.9");
	}

	@Test
	void ipv6LoopbackInAnyNotationIsTrusted() {
		assertThat(this.clientAddress.of("0:0:0:0:0:0:0:1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
	}

	@Test
	void forwardedForThatIsNotAnAddressFallsBackToThePeer() {
		assertThat(this.clientAddress.of("127.0.0.1", List.of("evil.example.com"))).isEqualTo("127.0.0.1");
		assertThat(this.clientAddress.of("127.0.0.1", List.of("203.0.113.9, "))).isEqualTo("127.0.0.1");
	}

}
