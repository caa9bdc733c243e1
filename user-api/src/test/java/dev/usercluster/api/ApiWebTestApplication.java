package dev.usercluster.api;

import dev.usercluster.api.web.ApiWebConfiguration;
import dev.usercluster.api.web.ProblemTestController;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** A minimal web application with the shared web behaviour and a test controller. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ ApiWebConfiguration.class, ProblemTestController.class })
public class ApiWebTestApplication {

}
