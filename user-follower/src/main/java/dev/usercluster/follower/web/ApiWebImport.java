package dev.usercluster.follower.web;

import dev.usercluster.api.docs.ApiDocumentation;
import dev.usercluster.api.web.ApiWebConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The contract's web configuration (problem answers, body size limit, strict JSON) and
 * its OpenAPI documentation for the follower. Imported here rather than on the
 * application class, so that slice tests ({@code @JdbcTest}, {@code @DataRedisTest}),
 * which leave this class out, do not need a web layer.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ApiWebConfiguration.class, ApiDocumentation.class })
class ApiWebImport {

}
