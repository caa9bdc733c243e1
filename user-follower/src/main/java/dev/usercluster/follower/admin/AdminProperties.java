package dev.usercluster.follower.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator's credential.
 *
 * @param token bearer token that authorises admin calls; unset means nobody is admin
 */
@ConfigurationProperties("user-cluster.admin")
record AdminProperties(String token) {

	@Override
	public String toString() {
		return "AdminProperties[token=<hidden>]";
	}

}
