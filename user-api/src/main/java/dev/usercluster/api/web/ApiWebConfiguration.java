package dev.usercluster.api.web;

import org.springframework.context.annotation.Configuration;

/**
 * Web behaviour both services share: problem details for every error.
 */
@Configuration(proxyBeanMethods = false)
public class ApiWebConfiguration {

}
