package dev.usercluster.follower.sessions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttling key of a client address. Which address is the client's is Tomcat's
 * {@code RemoteIpValve}'s decision, exercised through real servers in
 * {@code ClientAddressIntegrationTests}.
 */
class ClientAddressTests {

	@Test
	void ipv4AddressIsItsOwnKey() {
		assertThat(ClientAddress.of("192.0.2.7")).isEqualTo("192.0.2.7");
	}

	@Test
	void ipv6AddressesOfOneSlash64ShareAKey() {
		assertThat(ClientAddress.of("2001:db8:1:2::5")).isEqualTo("2001:db8:1:2:0:0:0:0/64")
			.isEqualTo(ClientAddress.of("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"));
		assertThat(ClientAddress.of("2001:db8:1:3::5")).isNotEqualTo(ClientAddress.of("2001:db8:1:2::5"));
	}

	@Test
	void ipv4MappedIpv6AddressIsTheIpv4Address() {
		assertThat(ClientAddress.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
	}

	@Test
	void textThatIsNotAnAddressIsKeptAsItCameAndNeverResolved() {
		assertThat(ClientAddress.of("evil.example.com")).isEqualTo("evil.example.com");
		assertThat(ClientAddress.of((String) null)).isEqualTo("null");
	}

}
