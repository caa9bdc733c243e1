package dev.usercluster.gateway.docs;

import dev.usercluster.api.ProblemCode;
import dev.usercluster.api.docs.ApiDocumentation;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the gateway may answer to any call besides the contract's answers: no follower to
 * send it to, or a follower that failed to answer.
 */
@Configuration(proxyBeanMethods = false)
class GatewayAnswers {

	@Bean
	OperationCustomizer answersOfTheGateway() {
		return (operation, handlerMethod) -> {
			if (operation.getResponses() != null) {
				ApiDocumentation.addProblem(operation.getResponses(), ProblemCode.NO_INSTANCES);
				ApiDocumentation.addProblem(operation.getResponses(), ProblemCode.FOLLOWER_FAILED);
			}
			return operation;
		};
	}

}
