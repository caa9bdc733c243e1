package dev.usercluster.follower.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log's output.
 *
 * @param format Spring Boot structured log format of the audit lines: {@code ecs},
 * {@code logstash} or {@code gelf}
 */
@ConfigurationProperties("user-cluster.audit")
record AuditProperties(@DefaultValue("ecs") String format) {
}
