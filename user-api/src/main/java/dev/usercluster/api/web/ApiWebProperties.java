package dev.usercluster.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Web limits both services share.
 *
 * @param maxBodySize largest request body accepted; larger ones get 413
 * {@code payload-too-large}
 */
@ConfigurationProperties("user-cluster.web")
public record ApiWebProperties(@DefaultValue("16KB") DataSize maxBodySize) {
}
