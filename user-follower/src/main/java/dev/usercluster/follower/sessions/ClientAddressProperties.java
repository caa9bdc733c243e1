package dev.usercluster.follower.sessions;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the client address of a request comes from.
 *
 * @param trustedProxies IP addresses of proxies (the gateway) whose
 * {@code X-Forwarded-For} is believed; by default the local host, where the gateway runs
 */
@Validated
@ConfigurationProperties("user-cluster.client-address")
record ClientAddressProperties(@DefaultValue( {
		"127.0.0.1", "::1" }) @NotNull List<String> trustedProxies){
}
