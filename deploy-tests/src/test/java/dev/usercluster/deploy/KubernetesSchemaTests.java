package dev.usercluster.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import static dev.usercluster.deploy.RenderedChart.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every manifest the chart renders, with the defaults and with every optional part on, is
 * valid against the Kubernetes API's types ({@link KubernetesSchema}).
 */
class KubernetesSchemaTests {

	@Test
	void everyManifestOfTheDefaultsBindsToItsKubernetesType() {
		List<HasMetadata> bound = RenderedChart.render().all().stream().map(KubernetesSchema::check).toList();
		assertThat(bound).extracting(HasMetadata::getKind)
			.contains("Deployment", "Service", "Secret", "NetworkPolicy", "PodDisruptionBudget",
					"HorizontalPodAutoscaler");
	}

	@Test
	void everyManifestWithEveryOptionalPartBindsToItsKubernetesType() {
		RenderedChart chart = RenderedChart.render("gateway.ingress.enabled", true, "gateway.ingress.tls[0].secretName",
				"user-cluster-tls", "gateway.ingress.tls[0].hosts[0]", "user-cluster.example.com",
				"grafana.dashboard.enabled", true, "networkPolicy.storePodSelectors[0].app", "mysql",
				"tracing.otlpEndpoint", "http://otel-collector:4318/v1/traces", "logging.structuredFormat", "ecs");
		List<HasMetadata> bound = chart.all().stream().map(KubernetesSchema::check).toList();
		assertThat(bound).extracting(HasMetadata::getKind).contains("Ingress", "ConfigMap");
		assertThat(bound).hasSize(chart.all().size());
	}

	@Test
	void aMisspeltOrMisplacedFieldIsRefused() {
		Map<String, Object> deployment = RenderedChart.render().ofKind("Deployment").get(0);
		Map<String, Object> container = firstContainer(deployment);
		container.put("readinesProbe", container.remove("readinessProbe"));
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesSchema.check(deployment))
			.withMessageContaining("readinesProbe");

		Map<String, Object> misplaced = RenderedChart.render().ofKind("Deployment").get(0);
		// a pod-level field put on the container
		firstContainer(misplaced).put("automountServiceAccountToken", false);
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesSchema.check(misplaced))
			.withMessageContaining("automountServiceAccountToken");

		Map<String, Object> wrongType = RenderedChart.render().ofKind("Deployment").get(0);
		firstContainer(wrongType).put("ports", List.of(Map.of("containerPort", "eighty")));
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesSchema.check(wrongType))
			.withMessageContaining("eighty");

		Map<String, Object> oldApi = new LinkedHashMap<>(
				RenderedChart.render().ofKind("HorizontalPodAutoscaler").get(0));
		oldApi.put("apiVersion", "autoscaling/v2beta2");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesSchema.check(oldApi))
			.withMessageContaining("autoscaling/v2beta2");
	}

	private static Map<String, Object> firstContainer(Map<String, Object> deployment) {
		List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
		return containers.get(0);
	}

}
